/**
 * The time axis strip above the lanes: m:ss tick labels, the "now" tag, and the marker chips placed by
 * markerLayout.ts (⚡ fault, ♛ leader, "ZK 2/3" quorum, ❝ narration); a crowd without room becomes one
 * "3 events" chip that spells its chips out on hover; a chip with no room at all is counted in the corner.
 * Also the overlay drawn over the rows: grid lines, marker lines, the masked future and the now line.
 */
import { memo } from 'react';
import { formatSimTime, timeScale } from '../../viz/timeScale.ts';
import type { BarWindow } from './Bars.tsx';
import type { PlacedMarker } from './markerLayout.ts';

export const AXIS_PX = 46;
/** Height of one level of marker chips. */
const CHIP_LEVEL_PX = 15;
/** Approximate widths of a tick label ("12:30") and the now tag ("now 12:30"), for collision. */
const TICK_LABEL_PX = 42;
const NOW_TAG_PX = 84;

interface AxisProps {
  win: BarWindow;
  ticks: readonly number[];
  placed: readonly PlacedMarker[];
  nowMs: number;
  labelPx: number;
}

export const TimelineAxis = memo(function TimelineAxis({ win, ticks, placed, nowMs, labelPx }: AxisProps) {
  const x = timeScale(win, win.widthPx);
  const nowX = x(nowMs);
  const hidden = placed.filter((p) => p.level === null && p.members === undefined && p.clustered !== true).length;
  const showNow = nowX >= 0 && nowX <= win.widthPx;
  return (
    <div className="tl-axis" style={{ height: AXIS_PX }}>
      <div className="tl-axis__corner" style={{ width: labelPx }}>
        {/* How to read a node lane: the lesson is that 3DT's reported health lags what systemd sees. */}
        <span className="tl-key"><svg width="22" height="10" aria-hidden="true"><rect y="1" width="22" height="8" rx="2" className="tl-key__worst" /></svg> worst unit, live</span>
        <span className="tl-key"><svg width="22" height="10" aria-hidden="true"><rect y="3" width="22" height="4" rx="1" className="tl-key__health" /></svg> reported health (3DT)</span>
        <span className="tl-key tl-key--muted">
          sim time{hidden > 0 ? <span title="markers without room for a label; zoom in to see them"> · +{hidden} markers</span> : null}
        </span>
      </div>
      <div className="tl-axis__track" style={{ width: win.widthPx }}>
        {placed.map((p) => (p.level === null ? null : (
          <span key={p.members === undefined ? p.marker.seq : `cluster-${p.marker.seq}`}
            className={`tl-chip tl-chip--${p.marker.kind}${p.flip ? ' tl-chip--flip' : ''}${p.members !== undefined ? ' tl-chip--cluster' : ''}`}
            data-marker={p.indices.join(',')} data-cluster={p.members === undefined ? undefined : p.indices.length}
            style={{ transform: `translate(${p.x}px, ${p.level * CHIP_LEVEL_PX}px)${p.flip ? ' translateX(-100%)' : ''}` }}>
            {p.members === undefined ? p.label : (
              <>
                <span className="tl-cluster__count">{p.label}</span>
                <span className="tl-cluster__list">{p.members.map((m) => m.label).join(' · ')}</span>
              </>
            )}
          </span>
        )))}
        {ticks.map((t) => {
          const tx = x(t);
          // The now tag wins over a tick label it would cover.
          const tagX = nowX + NOW_TAG_PX > win.widthPx ? nowX - NOW_TAG_PX : nowX;
          if (showNow && tx + TICK_LABEL_PX > tagX && tx < tagX + NOW_TAG_PX) return null;
          // A label the strip's right edge would cut ("09:") is left out; its grid line still shows.
          if (tx + TICK_LABEL_PX > win.widthPx) return null;
          return <span key={t} className="tl-tick" style={{ transform: `translateX(${tx}px)` }}>{formatSimTime(t)}</span>;
        })}
        {showNow ? (
          <span className="tl-now-tag" style={{ transform: `translateX(${nowX + NOW_TAG_PX > win.widthPx ? nowX - NOW_TAG_PX : nowX}px)` }}>now {formatSimTime(nowMs)}</span>
        ) : null}
      </div>
    </div>
  );
});

interface OverlayProps {
  win: BarWindow;
  ticks: readonly number[];
  placed: readonly PlacedMarker[];
  nowMs: number;
  heightPx: number;
  /** The time cursor (null: live): a line across the rows at the moment this viewer is looking at. */
  cursorMs?: number | null;
}

/** Drawn over the rows (pointer-events: none): the future is masked, so rows never depend on "now". */
export const TimelineOverlay = memo(function TimelineOverlay({ win, ticks, placed, nowMs, heightPx, cursorMs = null }: OverlayProps) {
  const x = timeScale(win, win.widthPx);
  const nowX = Math.max(0, Math.min(win.widthPx, x(nowMs)));
  return (
    <svg className="tl-overlay" width={win.widthPx} height={heightPx} aria-hidden="true">
      <rect className="tl-future" x={nowX} y={0} width={Math.max(0, win.widthPx - nowX)} height={heightPx} />
      {ticks.map((t) => {
        const tx = x(t);
        return <line key={t} className="tl-grid" x1={tx} x2={tx} y1={0} y2={heightPx} />;
      })}
      {placed.map((p) => (p.members !== undefined ? null : (
        <line key={p.marker.seq} className={`tl-mline tl-mline--${p.marker.kind}`} x1={p.x} x2={p.x} y1={0} y2={heightPx} />
      )))}
      {nowX > 0 && nowX < win.widthPx ? <line className="tl-now" x1={nowX} x2={nowX} y1={0} y2={heightPx} /> : null}
      {cursorMs !== null && x(cursorMs) >= 0 && x(cursorMs) <= win.widthPx
        ? <line className="tl-cursor-line" x1={x(cursorMs)} x2={x(cursorMs)} y1={0} y2={heightPx} /> : null}
    </svg>
  );
});
