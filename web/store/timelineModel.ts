/**
 * The timeline as data, built incrementally from SimEvents (in the spirit of `systemd-analyze plot`):
 * one lane per node, one row per unit on it, each a list of state segments; node-level segments of
 * reported health (`node` events), of the worst live unit state, and of power/network (`power`
 * events); global markers for faults,
 * leader changes, quorum changes and narration.
 *
 * Invariants (tests rely on them):
 * - `appendToTimeline` is pure. It returns the same model when nothing applies, and keeps the identity
 *   of every lane / row / segment list the batch did not touch, so memoized rows do not re-render.
 * - Cost per batch is O(batch + touched rows), plus one shallow copy of the lane list when a batch
 *   touches any lane (nodes are few compared to events).
 * - The result does not depend on how events were split into batches: appending a snapshot's event
 *   list at once equals appending it in pieces (segment merging happens per event, never per batch).
 * - Segments of a row are ordered by `fromMs`, contiguous, and only the last may be open (`toMs: null`).
 * - Memory is bounded: a row keeps at most MAX_SEGMENTS_PER_ROW segments (the oldest are merged in
 *   pairs, keeping the worse state), and at most MAX_MARKERS markers are kept (the oldest dropped).
 * - Events with `seq <= lastSeq` are ignored, so a replayed batch is harmless.
 */
import type { Health, SimEvent, UnitState } from '../../shared/protocol/types.ts';
import { STATE_SEVERITY } from '../viz/stateStyle.ts';
import { markerFor, type Marker } from '../viz/timelineMarkers.ts';
import { EMPTY_STRIP, groupOf, recordChange, recordRegistration, type AgentGroup, type AgentStrip, type StripSample } from '../viz/agentStrip.ts';

export { markerFor, type Marker, type MarkerKind } from '../viz/timelineMarkers.ts';

/** A row never holds more segments than this; beyond it the oldest half is merged pairwise. */
export const MAX_SEGMENTS_PER_ROW = 256;
/** Markers kept for the whole timeline (faults, leaders, quorum, narration); the oldest drop first. */
export const MAX_MARKERS = 2_000;

export type PowerState = 'up' | 'down' | 'partitioned';

export interface Segment<S extends string> {
  fromMs: number;
  /** null while the segment is still open (it is the row's current state). */
  toMs: number | null;
  state: S;
  /** Why the row entered this state (the engine's cause text). */
  cause: string;
  /** How many original segments were merged into this one to bound memory (absent: none). */
  merged?: number;
}

export interface UnitRow {
  node: string;
  unit: string;
  /** Current state (the last segment's). */
  state: UnitState;
  segments: readonly Segment<UnitState>[];
}

export interface NodeLane {
  node: string;
  /** Reported health (diagnostics pull); 'unknown' until the first `node` event. */
  health: Health;
  healthSegments: readonly Segment<Health>[];
  power: PowerState;
  powerSegments: readonly Segment<PowerState>[];
  /** Worst live unit state on the node (what systemd shows now, ahead of the next diagnostics pull). */
  worst: UnitState;
  worstSegments: readonly Segment<UnitState>[];
  /** Unit rows by unit id; `unitOrder` lists them in first-seen order. */
  rows: Readonly<Record<string, UnitRow>>;
  unitOrder: readonly string[];
  /** Only in a seeded model (timelineSeed.ts): the states the lane had at `seededAt`, for the next older page. */
  entry?: LaneEntry;
  /** An agent registered with the leading Mesos master (its last `agent` event); absent: not registered. */
  registered?: true;
}

/** A lane's states at the moment a seeded model starts (its unit rows' and health/power bands' first states). */
export interface LaneEntry {
  health: Health;
  power: PowerState;
  units: Readonly<Record<string, UnitState>>;
  /** Registered with the leading master then (agents only; absent: not registered). */
  registered?: true;
}

/**
 * Where a model built from a trimmed history starts (timelineSeed.ts): every lane is seeded with the states it had at
 * `simTimeMs`, and `seq` is the oldest event the model holds (older ones may be paged in before it). null: the model
 * holds the whole history from t=0.
 */
export interface SeededAt {
  simTimeMs: number;
  seq: number;
}

export interface TimelineModel {
  /** Lanes in first-seen order; `laneIndex` maps a node id to its position. */
  lanes: readonly NodeLane[];
  laneIndex: Readonly<Record<string, number>>;
  markers: readonly Marker[];
  /** Newest simulated time seen in an event (0 when empty). */
  endMs: number;
  /** seq of the newest applied event (0 when empty). */
  lastSeq: number;
  /** Each agent group's worst states as counts over time (agentStrip.ts): the strip a big cluster shows. */
  strips: Readonly<Record<AgentGroup, AgentStrip>>;
  /** null: the model starts at t=0; otherwise the history before this point is not loaded (timelineSeed.ts). */
  seededAt: SeededAt | null;
}

export function emptyTimeline(): TimelineModel {
  return { lanes: [], laneIndex: {}, markers: [], endMs: 0, lastSeq: 0, strips: { agent: EMPTY_STRIP, agent_public: EMPTY_STRIP }, seededAt: null };
}

/** Severity rank used when merging old segments: lower is worse (failed first). */
export const UNIT_RANK: Record<UnitState, number> = Object.fromEntries(STATE_SEVERITY.map((s, i) => [s, i])) as Record<UnitState, number>;
export const HEALTH_RANK: Record<Health, number> = { unhealthy: 0, unknown: 1, healthy: 2 };
export const POWER_RANK: Record<PowerState, number> = { down: 0, partitioned: 1, up: 2 };

/**
 * Closes the open segment at `atMs` and opens a new one, unless state and cause are unchanged.
 * A segment that would last 0 ms is replaced instead of kept (same-instant transitions).
 * Mutates `segs`, which the caller owns (a fresh copy per batch).
 */
function pushSegment<S extends string>(segs: Segment<S>[], atMs: number, state: S, cause: string, rank: Record<S, number>): void {
  const last = segs[segs.length - 1];
  if (last !== undefined) {
    if (last.toMs === null && last.state === state && last.cause === cause) return;
    if (last.fromMs === atMs && last.toMs === null) {
      segs.pop();
      const prev = segs[segs.length - 1];
      // Re-opening the segment we just closed at this instant: extend it instead of adding a twin.
      if (prev !== undefined && prev.toMs === atMs && prev.state === state && prev.cause === cause) {
        segs[segs.length - 1] = { ...prev, toMs: null };
        return;
      }
    } else if (last.toMs === null) {
      segs[segs.length - 1] = { ...last, toMs: atMs };
    }
  }
  segs.push({ fromMs: atMs, toMs: null, state, cause });
  if (segs.length > MAX_SEGMENTS_PER_ROW) mergeOldest(segs, rank);
}

/** Merges the oldest half of the segments pairwise (the worse state wins), halving their number. */
export function mergeOldest<S extends string>(segs: Segment<S>[], rank: Record<S, number>): void {
  const half = Math.floor(segs.length / 2) & ~1;
  const merged: Segment<S>[] = [];
  for (let i = 0; i < half; i += 2) {
    const a = segs[i]!;
    const b = segs[i + 1]!;
    const worse = rank[b.state] < rank[a.state] ? b : a;
    const count = (a.merged ?? 1) + (b.merged ?? 1);
    merged.push({ fromMs: a.fromMs, toMs: b.toMs, state: worse.state, cause: `${count} changes merged (worst: ${worse.state})`, merged: count });
  }
  segs.splice(0, half, ...merged);
}

/** Per-batch scratch: copies of the lanes / rows / lists this batch touches (copy-on-first-write). */
interface Draft {
  lanes: NodeLane[] | null;
  laneIndex: Record<string, number> | null;
  laneDrafts: Map<string, LaneDraft>;
  markers: Marker[] | null;
  strips: Partial<Record<AgentGroup, StripSample[]>>;
}

interface LaneDraft {
  lane: NodeLane;
  health: Segment<Health>[] | null;
  power: Segment<PowerState>[] | null;
  worst: Segment<UnitState>[] | null;
  rows: Map<string, Segment<UnitState>[]>;
  newUnits: string[];
  /** The registration this batch left the agent in (null: no `agent` event for it in this batch). */
  registered: boolean | null;
}

function laneDraft(model: TimelineModel, draft: Draft, node: string): LaneDraft {
  const existing = draft.laneDrafts.get(node);
  if (existing !== undefined) return existing;
  const index = (draft.laneIndex ?? model.laneIndex)[node];
  let lane: NodeLane;
  if (index === undefined) {
    lane = { node, health: 'unknown', healthSegments: [], power: 'up', powerSegments: [], worst: 'pending', worstSegments: [], rows: {}, unitOrder: [] };
    draft.lanes ??= model.lanes.slice();
    draft.laneIndex ??= { ...model.laneIndex };
    draft.laneIndex[node] = draft.lanes.length;
    draft.lanes.push(lane);
  } else {
    lane = (draft.lanes ?? model.lanes)[index]!;
  }
  const d: LaneDraft = { lane, health: null, power: null, worst: null, rows: new Map(), newUnits: [], registered: null };
  draft.laneDrafts.set(node, d);
  return d;
}

function rowDraft(d: LaneDraft, unit: string): Segment<UnitState>[] {
  let segs = d.rows.get(unit);
  if (segs === undefined) {
    const row = d.lane.rows[unit];
    if (row === undefined) d.newUnits.push(unit);
    segs = row === undefined ? [] : row.segments.slice();
    d.rows.set(unit, segs);
  }
  return segs;
}

/** Recomputes the node's worst live unit state after a unit event: O(units on the node), about 20. */
function updateWorst(model: TimelineModel, draft: Draft, d: LaneDraft, atMs: number): void {
  let worst: UnitState = 'healthy';
  let who = '';
  const consider = (unit: string) => {
    const segs = d.rows.get(unit);
    const state = segs !== undefined ? segs[segs.length - 1]!.state : d.lane.rows[unit]!.state;
    if (who === '' || UNIT_RANK[state] < UNIT_RANK[worst]) {
      worst = state;
      who = unit;
    }
  };
  for (const unit of d.lane.unitOrder) consider(unit);
  for (const unit of d.newUnits) consider(unit);
  d.worst ??= d.lane.worstSegments.slice();
  const before = d.worst[d.worst.length - 1]?.state;
  pushSegment(d.worst, atMs, worst, `worst: ${who} is ${worst}`, UNIT_RANK);
  const group = groupOf(d.lane.node);
  if (group !== null) {
    const samples = (draft.strips[group] ??= model.strips[group].samples.slice());
    recordChange(samples, atMs, before, d.worst[d.worst.length - 1]!.state);
  }
}

function addMarker(model: TimelineModel, draft: Draft, marker: Marker): void {
  draft.markers ??= model.markers.slice();
  draft.markers.push(marker);
  if (draft.markers.length > MAX_MARKERS) draft.markers.splice(0, draft.markers.length - MAX_MARKERS);
}

function applyEvent(model: TimelineModel, draft: Draft, e: SimEvent): void {
  const t = e.simTimeMs;
  switch (e.type) {
    case 'unit': {
      const d = laneDraft(model, draft, e.node);
      pushSegment(rowDraft(d, e.unit), t, e.to, e.cause.text, UNIT_RANK);
      updateWorst(model, draft, d, t);
      break;
    }
    case 'node': {
      const d = laneDraft(model, draft, e.node);
      d.health ??= d.lane.healthSegments.slice();
      pushSegment(d.health, t, e.health, e.cause.text, HEALTH_RANK);
      break;
    }
    case 'power': {
      const d = laneDraft(model, draft, e.node);
      d.power ??= d.lane.powerSegments.slice();
      const state: PowerState = !e.up ? 'down' : e.partitioned ? 'partitioned' : 'up';
      pushSegment(d.power, t, state, e.cause.text, POWER_RANK);
      break;
    }
    case 'agent': {
      // Registration is the lesson of a leader failover at scale: every agent drops off at once, then the storm.
      const d = laneDraft(model, draft, e.node);
      const before = d.registered ?? d.lane.registered === true;
      if (before === e.registered) break;
      d.registered = e.registered;
      const group = groupOf(e.node);
      if (group !== null) recordRegistration((draft.strips[group] ??= model.strips[group].samples.slice()), t, e.registered ? 1 : -1);
      break;
    }
    default: {
      const marker = markerFor(e);
      if (marker !== null) addMarker(model, draft, marker);
    }
  }
}

function finishLane(d: LaneDraft): NodeLane {
  const lane = d.lane;
  let rows = lane.rows;
  if (d.rows.size > 0) {
    let next: Record<string, UnitRow> | null = null;
    for (const [unit, segments] of d.rows) {
      const last = segments[segments.length - 1];
      const prev = lane.rows[unit];
      // An event that changed nothing (same state and cause) must not cost the row its identity.
      if (prev !== undefined && sameSegments(prev.segments, segments)) continue;
      next ??= { ...lane.rows };
      next[unit] = { node: lane.node, unit, state: last?.state ?? 'pending', segments };
    }
    rows = next ?? lane.rows;
  }
  const health = d.health !== null && !sameSegments(lane.healthSegments, d.health) ? d.health : null;
  const power = d.power !== null && !sameSegments(lane.powerSegments, d.power) ? d.power : null;
  const worst = d.worst !== null && !sameSegments(lane.worstSegments, d.worst) ? d.worst : null;
  const registered = d.registered !== null && d.registered !== (lane.registered === true) ? d.registered : null;
  if (rows === lane.rows && health === null && power === null && worst === null && d.newUnits.length === 0 && registered === null) return lane;
  const next: NodeLane = {
    ...lane,
    rows,
    unitOrder: d.newUnits.length > 0 ? lane.unitOrder.concat(d.newUnits) : lane.unitOrder,
    healthSegments: health ?? lane.healthSegments,
    health: health !== null ? health[health.length - 1]!.state : lane.health,
    powerSegments: power ?? lane.powerSegments,
    power: power !== null ? power[power.length - 1]!.state : lane.power,
    worstSegments: worst ?? lane.worstSegments,
    worst: worst !== null ? worst[worst.length - 1]!.state : lane.worst,
  };
  if (registered === true) next.registered = true;
  else if (registered === false) delete next.registered;
  return next;
}

function sameSegments<S extends string>(a: readonly Segment<S>[], b: readonly Segment<S>[]): boolean {
  if (a.length !== b.length) return false;
  // Only the tail can differ after a batch that changed nothing visible.
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** Applies a batch of events (oldest first). Pure; see the module comment for identity guarantees. */
export function appendToTimeline(model: TimelineModel, events: readonly SimEvent[]): TimelineModel {
  const draft: Draft = { lanes: null, laneIndex: null, laneDrafts: new Map(), markers: null, strips: {} };
  let lastSeq = model.lastSeq;
  let endMs = model.endMs;
  for (const e of events) {
    if (e.seq <= lastSeq) continue;
    lastSeq = e.seq;
    if (e.simTimeMs > endMs) endMs = e.simTimeMs;
    applyEvent(model, draft, e);
  }
  if (lastSeq === model.lastSeq) return model;
  let lanes = draft.lanes;
  for (const [node, d] of draft.laneDrafts) {
    const next = finishLane(d);
    const index = (draft.laneIndex ?? model.laneIndex)[node]!;
    if (next === (lanes ?? model.lanes)[index]) continue;
    lanes ??= model.lanes.slice();
    lanes[index] = next;
  }
  return {
    lanes: lanes ?? model.lanes,
    laneIndex: draft.laneIndex ?? model.laneIndex,
    markers: draft.markers ?? model.markers,
    endMs,
    lastSeq,
    seededAt: model.seededAt,
    strips: draft.strips.agent === undefined && draft.strips.agent_public === undefined ? model.strips : {
      agent: draft.strips.agent !== undefined ? { samples: draft.strips.agent } : model.strips.agent,
      agent_public: draft.strips.agent_public !== undefined ? { samples: draft.strips.agent_public } : model.strips.agent_public,
    },
  };
}
