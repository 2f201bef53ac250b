/** The timeline's own toolbar: follow now, fit all, zoom, the span shown, the compare toggles, back to live, expand all. */
import type { ReactNode } from 'react';
import { DEFAULT_FOLLOW_SPAN_MS, ZOOM_STEP, fitWindow, followWindow, formatDuration, type TimeWindow } from '../../viz/timeScale.ts';

export interface TimelineToolbarProps {
  win: TimeWindow;
  nowMs: number;
  setWindow(next: TimeWindow): void;
  zoomBy(factor: number): void;
  extra?: ReactNode;
  /** Shown while looking at the past. */
  onBackToLive?: () => void;
  allOpen: boolean;
  onToggleAll(): void;
}

export function TimelineToolbar({ win, nowMs, setWindow, zoomBy, extra, onBackToLive, allOpen, onToggleAll }: TimelineToolbarProps) {
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline view">
      <button type="button" className="tl-btn" aria-pressed={win.mode === 'follow'} onClick={() => setWindow(followWindow(nowMs, win.mode === 'fit' ? DEFAULT_FOLLOW_SPAN_MS : win.endMs - win.startMs))}
        title="Keep the now line in view while the cluster runs">▶ Follow now</button>
      <button type="button" className="tl-btn" aria-pressed={win.mode === 'fit'} onClick={() => setWindow(fitWindow(nowMs))} title="Show everything since boot">⤢ Fit all</button>
      <button type="button" className="tl-btn tl-btn--icon" aria-label="Zoom out" title="Zoom out (or Ctrl + wheel)" onClick={() => zoomBy(1 / ZOOM_STEP)}>−</button>
      <button type="button" className="tl-btn tl-btn--icon" aria-label="Zoom in" title="Zoom in (or Ctrl + wheel)" onClick={() => zoomBy(ZOOM_STEP)}>+</button>
      <span className="tl-span" aria-live="off">{formatDuration(win.endMs - win.startMs)} shown · drag to pan</span>
      {extra}
      <span className="tl-spacer" />
      {onBackToLive !== undefined ? (
        <button type="button" className="tl-btn tl-btn--live" data-testid="back-to-live" onClick={onBackToLive} title="Back to live (L)">▶ Back to live</button>
      ) : null}
      <button type="button" className="tl-btn" onClick={onToggleAll}>{allOpen ? 'Collapse all' : 'Expand all'}</button>
    </div>
  );
}
