/**
 * The run against its healthy twin, row by row: when a row's state first differed from the twin's ("diverged") and,
 * from that moment, how much later than the twin it became healthy ("+2:14"). Works on any pair of segment lists
 * (unit rows, or lanes' worst-state bands). Pure; O(segments) per row, so every row of a 3+100 cluster is compared
 * in about a millisecond per batch.
 * Before a row's first segment its state is 'pending' (the unit has not reported), as the engine starts every unit.
 */
import type { UnitState } from '../../shared/protocol/types.ts';
import type { Segment, TimelineModel } from '../store/timelineModel.ts';

export interface RowCompare {
  /** First moment the row's state differed from the twin's (null: never, up to the compared moment). */
  divergedMs: number | null;
  /** How much later than the twin it was healthy again after diverging (null: not later, or not healthy yet). */
  lateMs: number | null;
}

export interface TimelineCompare {
  /** "node/unit" and "node/*" (the lane) -> comparison; rows that never diverged are absent. */
  rows: ReadonlyMap<string, RowCompare>;
  /** The first divergence anywhere in the cluster (null: none). */
  firstDivergedMs: number | null;
}

type Segs = readonly Segment<UnitState>[];

function stateAt(segs: Segs, t: number): UnitState {
  let state: UnitState = 'pending';
  for (const s of segs) {
    if (s.fromMs > t) break;
    state = s.state;
  }
  return state;
}

/** First moment at or after `t` the row is healthy (null: not up to `untilMs`). */
function healthyFrom(segs: Segs, t: number, untilMs: number): number | null {
  for (const s of segs) {
    if (s.fromMs > untilMs) break;
    if (s.state === 'healthy' && (s.toMs === null || s.toMs > t)) return Math.max(s.fromMs, t);
  }
  return null;
}

/** Compares a row with its twin's up to `untilMs` (what both have: min of now and the twin's track). */
export function compareRow(run: Segs, twin: Segs, untilMs: number): RowCompare {
  const points = [...run.map((s) => s.fromMs), ...twin.map((s) => s.fromMs)].filter((t) => t <= untilMs).sort((a, b) => a - b);
  const divergedMs = points.find((t) => stateAt(run, t) !== stateAt(twin, t)) ?? null;
  if (divergedMs === null) return { divergedMs: null, lateMs: null };
  const twinHealthy = healthyFrom(twin, divergedMs, untilMs);
  const runHealthy = healthyFrom(run, divergedMs, untilMs);
  const lateMs = twinHealthy !== null && runHealthy !== null && runHealthy > twinHealthy ? runHealthy - twinHealthy : null;
  return { divergedMs, lateMs };
}

const EMPTY: Segs = [];

/** Every unit row and lane of the run against the twin's, up to `untilMs`. */
export function compareTimelines(run: TimelineModel, twin: TimelineModel, untilMs: number): TimelineCompare {
  const rows = new Map<string, RowCompare>();
  let firstDivergedMs: number | null = null;
  const note = (key: string, c: RowCompare) => {
    if (c.divergedMs === null) return;
    rows.set(key, c);
    if (firstDivergedMs === null || c.divergedMs < firstDivergedMs) firstDivergedMs = c.divergedMs;
  };
  for (const lane of run.lanes) {
    const i = twin.laneIndex[lane.node];
    const twinLane = i === undefined ? undefined : twin.lanes[i];
    note(`${lane.node}/*`, compareRow(lane.worstSegments, twinLane?.worstSegments ?? EMPTY, untilMs));
    for (const unit of lane.unitOrder) note(`${lane.node}/${unit}`, compareRow(lane.rows[unit]!.segments, twinLane?.rows[unit]?.segments ?? EMPTY, untilMs));
  }
  return { rows, firstDivergedMs };
}
