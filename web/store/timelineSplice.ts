/**
 * Joins a lane built from an older page of history (in front) to the same lane of a newer model (timelineSeed.ts).
 * The newer lists may open with a segment seeded at the newer model's start (SEEDED_CAUSE): it only said "this is the
 * state then", so the older list's last (open) segment takes its place and runs until the seed ended. What is left at
 * the join is fixed up the way appendToTimeline's pushSegment would have done had it folded both in one go: a segment
 * that now lasts 0 ms is dropped, and two neighbours with the same state and cause become one (an event that changed
 * nothing). Pure: returns new lists, shares untouched segments.
 */
import type { Segment, NodeLane, UnitRow } from './timelineModel.ts';
import { HEALTH_RANK, MAX_SEGMENTS_PER_ROW, POWER_RANK, UNIT_RANK, mergeOldest } from './timelineModel.ts';

/** The cause of a segment seeded at the start of the loaded history (the tooltip shows it; timelineSeed.ts seeds). */
export const SEEDED_CAUSE = 'as it was when the loaded history starts (earlier history not loaded)';

export function spliceSegments<S extends string>(older: readonly Segment<S>[], newer: readonly Segment<S>[], rank: Record<S, number>): readonly Segment<S>[] {
  let rest = newer;
  let seedEnd: number | null | undefined;
  if (rest[0]?.cause === SEEDED_CAUSE) {
    seedEnd = rest[0].toMs;
    rest = rest.slice(1);
  }
  if (older.length === 0) return rest;
  const out = older.slice();
  const last = out[out.length - 1]!;
  const closeAt = seedEnd !== undefined ? seedEnd : (rest[0]?.fromMs ?? null);
  out[out.length - 1] = { ...last, toMs: closeAt };
  if (closeAt !== null && closeAt === last.fromMs && rest.length > 0) out.pop();
  const a = out[out.length - 1];
  const b = rest[0];
  if (a !== undefined && b !== undefined && a.state === b.state && a.cause === b.cause && a.merged === undefined && b.merged === undefined) {
    out[out.length - 1] = { ...a, toMs: b.toMs };
    rest = rest.slice(1);
  }
  for (const s of rest) out.push(s);
  while (out.length > MAX_SEGMENTS_PER_ROW) mergeOldest(out, rank);
  return out;
}

/** One node's lane, older in front of newer (either may be missing); null when nothing is left of it. */
export function spliceLane(older: NodeLane | undefined, newer: NodeLane | undefined, complete: boolean): NodeLane | null {
  const base = newer ?? older!;
  const rows: Record<string, UnitRow> = {};
  const order = [...(older?.unitOrder ?? []), ...(newer?.unitOrder ?? []).filter((u) => older?.rows[u] === undefined)];
  const unitOrder: string[] = [];
  for (const unit of order) {
    const segments = spliceSegments(older?.rows[unit]?.segments ?? [], newer?.rows[unit]?.segments ?? [], UNIT_RANK);
    if (segments.length === 0) continue;
    rows[unit] = { node: base.node, unit, state: segments[segments.length - 1]!.state, segments };
    unitOrder.push(unit);
  }
  const healthSegments = spliceSegments(older?.healthSegments ?? [], newer?.healthSegments ?? [], HEALTH_RANK);
  const powerSegments = spliceSegments(older?.powerSegments ?? [], newer?.powerSegments ?? [], POWER_RANK);
  const worstSegments = spliceSegments(older?.worstSegments ?? [], newer?.worstSegments ?? [], UNIT_RANK);
  if (unitOrder.length === 0 && healthSegments.length === 0 && powerSegments.length === 0) return null;
  const lane: NodeLane = {
    node: base.node,
    health: healthSegments[healthSegments.length - 1]?.state ?? 'unknown',
    healthSegments,
    power: powerSegments[powerSegments.length - 1]?.state ?? 'up',
    powerSegments,
    worst: worstSegments[worstSegments.length - 1]?.state ?? 'pending',
    worstSegments,
    rows,
    unitOrder,
  };
  if (!complete && older?.entry !== undefined) lane.entry = older.entry;
  if ((newer ?? older)!.registered === true) lane.registered = true;
  return lane;
}

/** `segs` with a leading seed now starting at `startMs` (explicit literals: this runs for every row of 10,000 lanes). */
function moved<S extends string>(segs: readonly Segment<S>[], startMs: number): readonly Segment<S>[] {
  const first = segs[0];
  if (first === undefined || first.cause !== SEEDED_CAUSE) return segs;
  const out = segs.slice();
  out[0] = { fromMs: startMs, toMs: first.toMs, state: first.state, cause: SEEDED_CAUSE };
  return out;
}

/** A lane no older page touched: its seeded segments now start at `startMs` (its states were the same since then). */
export function seedsFrom(lane: NodeLane, startMs: number): NodeLane {
  const rows: Record<string, UnitRow> = {};
  for (const unit of lane.unitOrder) {
    const row = lane.rows[unit]!;
    const segments = moved(row.segments, startMs);
    rows[unit] = segments === row.segments ? row : { node: row.node, unit: row.unit, state: row.state, segments };
  }
  return {
    node: lane.node,
    health: lane.health,
    healthSegments: moved(lane.healthSegments, startMs),
    power: lane.power,
    powerSegments: moved(lane.powerSegments, startMs),
    worst: lane.worst,
    worstSegments: moved(lane.worstSegments, startMs),
    rows,
    unitOrder: lane.unitOrder,
    ...(lane.entry !== undefined ? { entry: lane.entry } : {}),
    ...(lane.registered === true ? { registered: true as const } : {}),
  };
}
