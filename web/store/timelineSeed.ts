/**
 * A timeline that starts in the middle: a big room's snapshot carries only a recent window of events, so
 * a late joiner's model starts at the window's first event with every lane seeded in the state it had then, and older
 * pages (sim:history) are put in front of it one at a time until it reaches t=0.
 *
 * Invariants (timelineSeed.test.ts checks them against the model of the full log):
 * - `seedTimeline` of an untrimmed snapshot is exactly `appendToTimeline(emptyTimeline(), events)`.
 * - A seeded lane holds every unit of its node (from the view), so the worst-unit lane and the agent strip count
 *   every agent from the first moment: nobody is "not seen yet" and so falsely pending.
 * - Segments that only say "this is how it was when the loaded history starts" carry SEEDED_CAUSE; prepending a page
 *   replaces them with the page's own last segments, which is what folding the page's events first would have given
 *   (same segments, states and causes), so window + pages equals the full log over the loaded span. Two exceptions:
 *   the worst lane's cause names the first unit in row order at a tie (seeded rows are in the view's order, the full
 *   log's in first-seen order), and rows past MAX_SEGMENTS_PER_ROW or strips past MAX_STRIP_SAMPLES are thinned in a
 *   different order.
 * - States before the first event of the loaded history that the events cannot tell: a unit's comes from its first
 *   event's `from`; a node's health (its events carry no `from`) is `unknown` before its first loaded `node` event;
 *   a node's power before its first loaded `power` event comes from the fault that changed it (powerBefore.ts).
 */
import type { ClusterView, Health, SimEvent, UnitState } from '../../shared/protocol/types.ts';
import { groupOf, joinStrips, type AgentGroup, type StripSample } from '../viz/agentStrip.ts';
import { MAX_MARKERS, UNIT_RANK, appendToTimeline, emptyTimeline, type LaneEntry, type NodeLane, type Segment, type TimelineModel, type UnitRow } from './timelineModel.ts';
import { SEEDED_CAUSE, seedsFrom, spliceLane } from './timelineSplice.ts';
import { powerBefore } from './powerBefore.ts';

export { SEEDED_CAUSE } from './timelineSplice.ts';

type PowerState = LaneEntry['power'];

/** The model a snapshot's events draw: from t=0 when nothing was trimmed, else seeded at the window's first event. */
export function seedTimeline(view: ClusterView, events: readonly SimEvent[], historyTrimmed: number): TimelineModel {
  if (historyTrimmed <= 0 || events.length === 0) return appendToTimeline(emptyTimeline(), events);
  const entries = new Map<string, LaneEntry>();
  const firstFrom = new Map<string, UnitState>();
  const healthSeen = new Set<string>();
  const powerFirst = new Map<string, PowerState>();
  // An agent's registration before its first loaded `agent` event: the opposite of what that event says (they come
  // on changes); without one, what the view says now.
  const registeredFirst = new Map<string, boolean>();
  events.forEach((e, i) => {
    if (e.type === 'agent') {
      if (!registeredFirst.has(e.node)) registeredFirst.set(e.node, !e.registered);
    } else if (e.type === 'unit') {
      const key = `${e.node}/${e.unit}`;
      if (!firstFrom.has(key)) firstFrom.set(key, e.from);
    } else if (e.type === 'node') healthSeen.add(e.node);
    else if (e.type === 'power' && !powerFirst.has(e.node)) powerFirst.set(e.node, powerBefore(events, i));
  });
  const registeredNow = new Set(view.registeredAgents);
  for (const node of view.nodes) {
    const units: Record<string, UnitState> = {};
    for (const u of node.units) units[u.id] = firstFrom.get(`${node.id}/${u.id}`) ?? u.state;
    const power: PowerState = powerFirst.get(node.id) ?? (!node.up ? 'down' : node.partitioned ? 'partitioned' : 'up');
    const entry: LaneEntry = { health: healthSeen.has(node.id) ? 'unknown' : node.health, power, units };
    if (registeredFirst.get(node.id) ?? registeredNow.has(node.id)) entry.registered = true;
    entries.set(node.id, entry);
  }
  return appendToTimeline(seededModel(entries, events[0]!.simTimeMs, events[0]!.seq), events);
}

/**
 * `older`: the events right before the model's first one (oldest first; a sim:history page). Returns the model with
 * them in front: seeded at the page's first event, or whole from t=0 when the page starts at seq 1. Pure.
 */
export function prependToTimeline(model: TimelineModel, older: readonly SimEvent[]): TimelineModel {
  const seeded = model.seededAt;
  if (seeded === null) return model;
  const page = older.filter((e) => e.seq < seeded.seq);
  if (page.length === 0) return model;
  if (page[page.length - 1]!.seq !== seeded.seq - 1) {
    throw new Error(`an older page must end right before seq ${seeded.seq}; it ends at ${page[page.length - 1]!.seq}`);
  }
  const complete = page[0]!.seq === 1;
  const t1 = page[0]!.simTimeMs;
  if (complete) return joinModels(appendToTimeline(emptyTimeline(), page), model, true, t1);
  // Only the lanes the page touches are built (10,000 agents, few of them in one page); the others keep their seeds,
  // moved back to the page's start, and still count in the strip's first sample.
  const touched = entriesBefore(model, page);
  const untouched = model.lanes.filter((l) => l.entry !== undefined && !touched.has(l.node)).map((l) => [l.node, l.entry!] as const);
  return joinModels(appendToTimeline(seededModel(touched, t1, page[0]!.seq, untouched), page), model, false, t1);
}

/**
 * The states at the page's start of the lanes the page touches: a unit's first `from` in the page, else what it was at
 * the model's start.
 */
function entriesBefore(model: TimelineModel, page: readonly SimEvent[]): Map<string, LaneEntry> {
  const entries = new Map<string, LaneEntry>();
  const touched = new Set<string>();
  page.forEach((e, i) => {
    if (e.type !== 'unit' && e.type !== 'node' && e.type !== 'power' && e.type !== 'agent') return;
    let entry = entries.get(e.node);
    if (entry === undefined) {
      const from = model.lanes[model.laneIndex[e.node] ?? -1]?.entry;
      if (from === undefined) return;
      entries.set(e.node, (entry = { ...from, units: { ...from.units } }));
    }
    const key = e.type === 'unit' ? `${e.node}/${e.unit}` : `${e.node}:${e.type}`;
    if (touched.has(key)) return;
    touched.add(key);
    if (e.type === 'unit') (entry.units as Record<string, UnitState>)[e.unit] = e.from;
    else if (e.type === 'node') entry.health = 'unknown';
    else if (e.type === 'power') entry.power = powerBefore(page, i);
    else if (e.type === 'agent') {
      if (e.registered) delete entry.registered;
      else entry.registered = true;
    }
  });
  return entries;
}

/** A lane's worst unit state ('healthy' for none). */
function worstOf(units: Readonly<Record<string, UnitState>>): UnitState {
  let worst: UnitState = 'healthy';
  for (const unit in units) if (rank(units[unit]!) < rank(worst)) worst = units[unit]!;
  return worst;
}

/**
 * An empty model whose lanes start at `atMs` in the given states (no events applied yet). `countOnly`: lanes not built
 * here whose agents the strip's first sample must count all the same.
 */
function seededModel(entries: ReadonlyMap<string, LaneEntry>, atMs: number, seq: number, countOnly: ReadonlyArray<readonly [string, LaneEntry]> = []): TimelineModel {
  const lanes: NodeLane[] = [];
  const laneIndex: Record<string, number> = {};
  const counts: Record<AgentGroup, Partial<Record<UnitState, number>>> = { agent: {}, agent_public: {} };
  const registered: Record<AgentGroup, number> = { agent: 0, agent_public: 0 };
  for (const [node, entry] of [...countOnly, ...entries]) {
    const group = groupOf(node);
    if (group !== null && entry.registered === true) registered[group] += 1;
  }
  for (const [node, entry] of countOnly) {
    const group = groupOf(node);
    if (group === null || Object.keys(entry.units).length === 0) continue;
    const worst = worstOf(entry.units);
    counts[group][worst] = (counts[group][worst] ?? 0) + 1;
  }
  for (const [node, entry] of entries) {
    const seg = <S extends string>(state: S): Segment<S>[] => [{ fromMs: atMs, toMs: null, state, cause: SEEDED_CAUSE }];
    const rows: Record<string, UnitRow> = {};
    const unitOrder = Object.keys(entry.units);
    let worst: UnitState = 'healthy';
    for (const unit of unitOrder) {
      const state = entry.units[unit]!;
      rows[unit] = { node, unit, state, segments: seg(state) };
      if (rank(state) < rank(worst)) worst = state;
    }
    laneIndex[node] = lanes.length;
    lanes.push({
      node,
      health: entry.health,
      healthSegments: seg<Health>(entry.health),
      power: entry.power,
      // "up" is what a lane without power segments means: no band to seed.
      powerSegments: entry.power === 'up' ? [] : seg(entry.power),
      worst,
      worstSegments: unitOrder.length > 0 ? seg(worst) : [],
      rows,
      unitOrder,
      entry,
      ...(entry.registered === true ? { registered: true as const } : {}),
    });
    const group = groupOf(node);
    if (group !== null && unitOrder.length > 0) counts[group][worst] = (counts[group][worst] ?? 0) + 1;
  }
  const strip = (group: AgentGroup) => {
    if (Object.keys(counts[group]).length === 0 && registered[group] === 0) return { samples: [] };
    const first: StripSample = { atMs, counts: counts[group] };
    if (registered[group] > 0) first.registered = registered[group];
    return { samples: [first] };
  };
  return { ...emptyTimeline(), lanes, laneIndex, endMs: atMs, lastSeq: seq - 1, strips: { agent: strip('agent'), agent_public: strip('agent_public') }, seededAt: { simTimeMs: atMs, seq } };
}

const rank = (s: UnitState) => UNIT_RANK[s];

/**
 * `before` (a page's model, starting at `startMs`) in front of `after`; `complete`: the page starts at t=0, so no lane
 * keeps a seed. A lane the page did not touch only has its seeds moved back to `startMs`.
 */
function joinModels(before: TimelineModel, after: TimelineModel, complete: boolean, startMs: number): TimelineModel {
  const lanes: NodeLane[] = [];
  const laneIndex: Record<string, number> = {};
  const nodes = [...before.lanes.map((l) => l.node), ...after.lanes.map((l) => l.node).filter((n) => before.laneIndex[n] === undefined)];
  for (const node of nodes) {
    const older = before.lanes[before.laneIndex[node] ?? -1];
    const newer = after.lanes[after.laneIndex[node] ?? -1];
    const lane = older === undefined && !complete ? seedsFrom(newer!, startMs) : spliceLane(older, newer, complete);
    if (lane === null) continue;
    laneIndex[node] = lanes.length;
    lanes.push(lane);
  }
  const markers = before.markers.concat(after.markers);
  return {
    lanes,
    laneIndex,
    markers: markers.length > MAX_MARKERS ? markers.slice(markers.length - MAX_MARKERS) : markers,
    endMs: after.endMs,
    lastSeq: after.lastSeq,
    strips: { agent: joinStrips(before.strips.agent, after.strips.agent), agent_public: joinStrips(before.strips.agent_public, after.strips.agent_public) },
    seededAt: complete ? null : before.seededAt,
  };
}
