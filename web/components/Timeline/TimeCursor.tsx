/**
 * The time axis as a way to look at the past: a click on the axis (or on a marker chip: just before what it marks)
 * moves the time cursor there, and its handle drags; the past only, clamped to [0, now].
 */
import type { MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent, ReactNode, RefObject } from 'react';
import { formatSimTime, type TimeWindow } from '../../viz/timeScale.ts';
import type { TimelineModel } from '../../store/timelineModel.ts';
import type { PanZoom } from './panZoom.ts';
import { LABEL_PX } from './timelineRows.ts';

export interface TimeCursorProps {
  win: TimeWindow;
  barsPx: number;
  nowMs: number;
  cursorMs: number | null;
  onCursor?: (ms: number | null) => void;
  markers: TimelineModel['markers'];
  panZoom: RefObject<PanZoom | null>;
  /** The bars' left edge in the viewport. */
  barsLeft(): number;
  children: ReactNode;
}

export function TimeCursor({ win, barsPx, nowMs, cursorMs, onCursor, markers, panZoom, barsLeft, children }: TimeCursorProps) {
  const timeAt = (clientX: number): number => {
    const t = win.startMs + ((clientX - barsLeft()) / barsPx) * (win.endMs - win.startMs);
    return Math.max(0, Math.min(nowMs, Math.round(t)));
  };
  const onAxisClick = (e: ReactMouseEvent<HTMLDivElement>) => {
    if (onCursor === undefined || panZoom.current?.consumeDragClick() === true) return;
    if (!(e.target instanceof Element) || e.target.closest('.tl-axis__track') === null || e.target.closest('.tl-cursor') !== null) return;
    // A marker chip is a bookmark: clicking it looks at the moment it marks (just before: its cause is visible).
    const chip = e.target.closest<HTMLElement>('[data-marker]');
    const marked = chip === null ? [] : chip.dataset.marker!.split(',').map((i) => markers[Number(i)]?.atMs ?? NaN).filter(Number.isFinite);
    onCursor(marked.length > 0 ? Math.max(0, Math.min(...marked) - 1) : timeAt(e.clientX));
  };
  const onHandleDown = (e: ReactPointerEvent<HTMLButtonElement>) => {
    e.stopPropagation();
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onHandleMove = (e: ReactPointerEvent<HTMLButtonElement>) => {
    if (onCursor !== undefined && e.currentTarget.hasPointerCapture?.(e.pointerId)) onCursor(timeAt(e.clientX));
  };
  const cursorX = cursorMs === null ? null : ((cursorMs - win.startMs) / Math.max(1, win.endMs - win.startMs)) * barsPx;
  return (
    <div className="tl-axis-wrap" onClick={onAxisClick} title={onCursor ? 'Click the time axis to look at that moment' : undefined}>
      {children}
      {cursorX !== null && cursorX >= 0 && cursorX <= barsPx ? (
        <div className="tl-cursor" style={{ left: LABEL_PX + cursorX }}>
          <button type="button" className="tl-cursor__handle" data-testid="time-cursor" aria-label={`Time cursor at ${formatSimTime(cursorMs!)}; drag to move, arrow keys step, L goes back to live`}
            onPointerDown={onHandleDown} onPointerMove={onHandleMove}>◀ {formatSimTime(cursorMs!)}</button>
        </div>
      ) : null}
    </div>
  );
}
