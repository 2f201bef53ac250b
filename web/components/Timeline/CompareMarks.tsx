/**
 * What "compare with a healthy boot" and "critical path" add to one timeline row, inside its bars SVG: the healthy
 * twin's bars as a faint ghost strip under the run's (data-ghost), a tick where the row first diverged from the twin
 * (data-diverged), and outlined spans where the critical path ran through this row (data-critical). Drawn against
 * the same BarWindow as the row's bars, so they slide with them. The "+2:14" lateness sits in the label column
 * (LateBadge), where it never collides with bars or markers.
 */
import type { UnitState } from '../../../shared/protocol/types.ts';
import { formatDuration, formatSimTime } from '../../viz/timeScale.ts';
import type { Segment } from '../../store/timelineModel.ts';
import { formatLate } from '../../viz/criticalOverlay.ts';
import { Bars, type BarWindow, type PatternIds } from './Bars.tsx';
import { ROW_PX, unitStyle } from './timelineRows.ts';
import './Compare.css';

/** The ghost strip: under the run's bars, which shrink to make room for it while the compare is on. */
export const GHOST_H = 6;
export const GHOST_Y = ROW_PX - GHOST_H - 2;

export interface RowCompareProps {
  /** The twin's segments for this row (undefined: compare off; empty: the twin has no such row). */
  ghost?: readonly Segment<UnitState>[];
  divergedMs?: number | null;
  lateMs?: number | null;
  critical?: readonly (readonly [number, number])[];
}

const x = (win: BarWindow, t: number) => ((t - win.startMs) * win.widthPx) / (win.endMs - win.startMs);

export function CompareMarks({ ghost, divergedMs = null, critical, win, patterns }: RowCompareProps & { win: BarWindow; patterns: PatternIds }) {
  const tick = divergedMs === null ? null : x(win, divergedMs);
  return (
    <>
      {ghost !== undefined ? (
        <g className="tl-ghost" data-ghost="true" pointerEvents="none">
          <Bars band="ghost" segments={ghost} styleFor={unitStyle} win={win} y={GHOST_Y} height={GHOST_H} patterns={patterns} />
        </g>
      ) : null}
      {critical?.map(([from, to]) => {
        const x0 = Math.max(-2, x(win, from));
        const x1 = Math.min(win.widthPx + 2, x(win, to));
        return x1 - x0 < 0.5 ? null : (
          <rect key={`${from}-${to}`} className="tl-critical" data-critical="true" x={x0} y={1} width={Math.max(2, x1 - x0)} height={ROW_PX - 2} rx={3}>
            <title>{`critical path: ${formatSimTime(from)} to ${formatSimTime(to)} (${formatDuration(to - from)})`}</title>
          </rect>
        );
      })}
      {tick !== null && tick >= -2 && tick <= win.widthPx + 2 ? (
        <line className="tl-diverged" data-diverged="true" x1={tick} x2={tick} y1={0} y2={ROW_PX}>
          <title>{`first differs from the healthy boot at ${formatSimTime(divergedMs!)}`}</title>
        </line>
      ) : null}
    </>
  );
}

/** "+2:14": how much later than its twin the row was healthy again; in the label column. */
export function LateBadge({ lateMs }: { lateMs?: number | null }) {
  if (lateMs === null || lateMs === undefined) return null;
  return (
    <span className="tl-late" data-late-ms={lateMs} title={`healthy ${formatDuration(lateMs)} later than in the healthy boot`}>
      +{formatLate(lateMs)}
    </span>
  );
}
