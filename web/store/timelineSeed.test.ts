// A late joiner's timeline (issue 10): seeded at the start of a snapshot's window and paged back to t=0, it draws the
// same picture over the loaded span as the model of the whole log; its agent strip counts what the view says, with
// no phantom pending agents. The log comes from the real engine (3 masters + 300 agents, faults before and inside
// the windows), so the seeds meet every kind of lane.
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test builds its log with the real engine; the page never does
import { createEngine } from '../../shared/engine/index.ts';
import type { ClusterView, Fault, SimEvent, UnitState } from '../../shared/protocol/types.ts';
import { groupOf, registeredAt, stripCountsAt, type AgentGroup } from '../viz/agentStrip.ts';
import { SEEDED_CAUSE, prependToTimeline, seedTimeline } from './timelineSeed.ts';
import { appendToTimeline, emptyTimeline, type NodeLane, type Segment, type TimelineModel } from './timelineModel.ts';
import { worstState } from '../viz/stateStyle.ts';
import { EventScript, viewFor } from './timelineModel.fixture.ts';

const END_MS = 200_000;
const FAULTS: Array<[number, Fault]> = [
  [30_000, { kind: 'crash', node: 'agent-5' }],
  [45_000, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }],
  [70_000, { kind: 'partition', node: 'agent-7' }],
  [95_000, { kind: 'boot', node: 'agent-5' }],
  [120_000, { kind: 'start', node: 'master-1', unit: 'dcos-exhibitor' }],
  [150_000, { kind: 'heal', node: 'agent-7' }],
  [160_000, { kind: 'crash', node: 'public-agent-2' }],
];
const PROBES = [20_000, 60_000, 100_000, 140_000, 180_000, END_MS];

function run(): { events: SimEvent[]; view: ClusterView; views: Map<number, ClusterView> } {
  const engine = createEngine({ cluster: { masters: 3, agents: 300, publicAgents: 20 }, seed: 7 });
  const events: SimEvent[] = [];
  const views = new Map<number, ClusterView>();
  const stops = [...new Set([...FAULTS.map(([t]) => t), ...PROBES])].sort((a, b) => a - b);
  for (const t of stops) {
    events.push(...engine.advanceTo(t));
    for (const [at, fault] of FAULTS) {
      if (at !== t) continue;
      const result = engine.inject(fault);
      if (!result.ok) throw new Error(result.error);
      events.push(...result.events);
    }
    if (PROBES.includes(t)) views.set(t, engine.view());
  }
  return { events, view: engine.view(), views };
}

const { events: LOG, view: VIEW, views: VIEWS } = run();
const FULL = appendToTimeline(emptyTimeline(), LOG);

/** How many agents of the group the view says are registered with the leading master. */
const viewRegistered = (view: ClusterView, group: AgentGroup): number => view.registeredAgents.filter((id) => groupOf(id) === group).length;

/**
 * The segments over [fromMs, ∞), the first clipped to start at fromMs; a leading seed keeps only its state. `before`:
 * the state a row without a segment yet is in (the full log draws a unit only from its first event; it was pending).
 */
function clip<S extends string>(segs: readonly Segment<S>[], fromMs: number, before?: S): Array<Omit<Segment<S>, 'merged'>> {
  const first = segs[0];
  const filled = before !== undefined && first !== undefined && first.fromMs > fromMs ? [{ fromMs, toMs: first.fromMs, state: before, cause: '' }, ...segs] : segs;
  return filled
    .filter((s) => s.toMs === null || s.toMs > fromMs)
    .map((s, i) => ({ fromMs: i === 0 ? Math.max(fromMs, s.fromMs) : s.fromMs, toMs: s.toMs, state: s.state, cause: i === 0 ? '(first)' : s.cause }));
}

/** Adjacent segments of one state as one step (the worst lane's cause may name another unit at a tie). */
function steps<S extends string>(segs: ReadonlyArray<Omit<Segment<S>, 'merged'>>): Array<[number, S]> {
  const out: Array<[number, S]> = [];
  for (const s of segs) if (out.length === 0 || out[out.length - 1]![1] !== s.state) out.push([s.fromMs, s.state]);
  return out;
}

function expectSameOverSpan(model: TimelineModel, full: TimelineModel, fromMs: number): void {
  for (const lane of full.lanes) {
    const ours = model.lanes[model.laneIndex[lane.node]!];
    expect(ours, lane.node).toBeDefined();
    for (const unit of lane.unitOrder) {
      expect(clip(ours!.rows[unit]!.segments, fromMs), `${lane.node}/${unit}`).toEqual(clip(lane.rows[unit]!.segments, fromMs, 'pending'));
    }
    expect(clip(ours!.powerSegments, fromMs).filter((s) => s.state !== 'up'), `${lane.node} power`).toEqual(clip(lane.powerSegments, fromMs).filter((s) => s.state !== 'up'));
    expect(steps(clip(ours!.worstSegments, fromMs)), `${lane.node} worst`).toEqual(worstSteps(lane, fromMs));
    // Health before the first loaded `node` event is unknown (its events carry no `from`); from it on, the same.
    const seededUnknown = ours!.healthSegments[0]?.cause === SEEDED_CAUSE && ours!.healthSegments[0].state === 'unknown';
    const knownFrom = seededUnknown ? ours!.healthSegments[1]?.fromMs : fromMs;
    if (knownFrom !== undefined) expect(clip(ours!.healthSegments, knownFrom), `${lane.node} health`).toEqual(clip(lane.healthSegments, knownFrom));
  }
  expect(model.markers).toEqual(full.markers.slice(full.markers.length - model.markers.length));
}

/**
 * The worst state of all the node's units over [fromMs, ∞) from the full log's rows, a unit without a row yet being
 * pending: what the view says. (The full log's own worst lane counts only units it has seen, so while a node boots it
 * may say healthy when most units have not started; a seeded lane knows every unit and says pending.)
 */
function worstSteps(lane: NodeLane, fromMs: number): Array<[number, UnitState]> {
  const units = VIEW.nodes.find((n) => n.id === lane.node)!.units.map((u) => u.id);
  const times = new Set<number>([fromMs]);
  for (const unit of units) for (const s of lane.rows[unit]?.segments ?? []) if (s.fromMs > fromMs) times.add(s.fromMs);
  const stateAt = (unit: string, t: number): UnitState => {
    const segs = lane.rows[unit]?.segments ?? [];
    let state: UnitState = 'pending';
    for (const s of segs) if (s.fromMs <= t) state = s.state;
    return state;
  };
  return steps([...times].sort((a, b) => a - b).map((t) => ({ fromMs: t, toMs: null, state: worstState(units.map((u) => stateAt(u, t))), cause: '' })));
}

/** The agents of `prefix` by worst unit state, as a view says (what a viewer of that moment should read). */
function viewCounts(view: ClusterView, group: 'agent' | 'agent_public'): Partial<Record<UnitState, number>> {
  const counts: Partial<Record<UnitState, number>> = {};
  for (const node of view.nodes) {
    if (node.role !== group) continue;
    const worst = worstState(node.units.map((u) => u.state));
    counts[worst] = (counts[worst] ?? 0) + 1;
  }
  return counts;
}

const nonZero = (c: Partial<Record<UnitState, number>> | null) => Object.fromEntries(Object.entries(c ?? {}).filter(([, n]) => (n ?? 0) > 0));

describe('seedTimeline', () => {
  it('is appendToTimeline from t=0 when nothing was trimmed', () => {
    expect(seedTimeline(VIEW, LOG, 0)).toEqual(FULL);
    expect(FULL.seededAt).toBeNull();
  });

  it.each([0.3, 0.55, 0.8])('seeded at a window starting %s into the log draws the full log over the window', (share) => {
    const cut = Math.floor(LOG.length * share);
    const model = seedTimeline(VIEW, LOG.slice(cut), cut);
    const t0 = LOG[cut]!.simTimeMs;
    expect(model.seededAt).toEqual({ simTimeMs: t0, seq: LOG[cut]!.seq });
    expect(model.lanes).toHaveLength(VIEW.nodes.length);
    expectSameOverSpan(model, FULL, t0);
  });

  it('counts every agent in the strip from the window start (no phantom pending)', () => {
    const cut = LOG.findIndex((e) => e.simTimeMs >= 50_000);
    const model = seedTimeline(VIEW, LOG.slice(cut), cut);
    for (const t of PROBES.filter((p) => p >= LOG[cut]!.simTimeMs)) {
      for (const group of ['agent', 'agent_public'] as const) {
        const total = group === 'agent' ? 300 : 20;
        expect(nonZero(stripCountsAt(model.strips[group], t, total, model.seededAt!.simTimeMs)), `${group} at ${t}`).toEqual(viewCounts(VIEWS.get(t)!, group));
        expect(registeredAt(model.strips[group], t), `${group} registered at ${t}`).toBe(viewRegistered(VIEWS.get(t)!, group));
      }
    }
    // Before the window the strip knows nothing (drawn as history not loaded), rather than "300 pending".
    expect(stripCountsAt(model.strips.agent, LOG[cut]!.simTimeMs - 1, 300, model.seededAt!.simTimeMs)).toBeNull();
  });
});

describe('the agent strip of the whole log', () => {
  it('counts the agents registered with the leading master at every moment, as the view does', () => {
    for (const t of PROBES) {
      for (const group of ['agent', 'agent_public'] as const) expect(registeredAt(FULL.strips[group], t), `${group} at ${t}`).toBe(viewRegistered(VIEWS.get(t)!, group));
    }
    expect(viewRegistered(VIEWS.get(END_MS)!, 'agent')).toBeGreaterThan(250);
  });
});

describe('prependToTimeline', () => {
  it('pages of older history move the seed back and keep the model equal to the full log, down to t=0', () => {
    const cut = Math.floor(LOG.length * 0.7);
    let model = seedTimeline(VIEW, LOG.slice(cut), cut);
    let from = cut;
    while (model.seededAt !== null) {
      const page = LOG.slice(Math.max(0, from - 4_000), from);
      from -= page.length;
      const next = prependToTimeline(model, page);
      expect(next.seededAt?.simTimeMs ?? 0).toBeLessThanOrEqual(model.seededAt.simTimeMs);
      model = next;
      if (model.seededAt !== null) {
        expect(model.seededAt).toEqual({ simTimeMs: LOG[from]!.simTimeMs, seq: LOG[from]!.seq });
        expectSameOverSpan(model, FULL, model.seededAt.simTimeMs);
      }
    }
    expect(from).toBe(0);
    // Whole again: the same lanes, rows and segments as the model of the full log (lane order aside).
    for (const lane of FULL.lanes) {
      const ours = model.lanes[model.laneIndex[lane.node]!]!;
      expect(Object.keys(ours.rows).sort()).toEqual(Object.keys(lane.rows).sort());
      for (const unit of lane.unitOrder) expect(ours.rows[unit]!.segments, `${lane.node}/${unit}`).toEqual(lane.rows[unit]!.segments);
      expect(ours.healthSegments, `${lane.node} health`).toEqual(lane.healthSegments);
      expect(ours.powerSegments, `${lane.node} power`).toEqual(lane.powerSegments);
      // The first page (from t=0) draws the worst lane as the full log does (units seen so far); later pages knew every unit.
      expect(steps(clip(ours.worstSegments, 30_000))).toEqual(worstSteps(lane, 30_000));
      expect(ours.entry).toBeUndefined();
    }
    expect(model.markers).toEqual(FULL.markers);
    // Strips past MAX_STRIP_SAMPLES are thinned in their oldest half, and pages thin in another order than one pass
    // over the log: compare where both strips are still sample for sample (their newest halves).
    const exactFrom = Math.max(...[model, FULL].map((m) => m.strips.agent.samples[Math.floor(m.strips.agent.samples.length / 2)]!.atMs));
    const probes = PROBES.filter((t) => t >= exactFrom);
    expect(probes.length).toBeGreaterThan(0);
    for (const t of probes) {
      expect(nonZero(stripCountsAt(model.strips.agent, t, 300))).toEqual(nonZero(stripCountsAt(FULL.strips.agent, t, 300)));
      expect(registeredAt(model.strips.agent, t), `registered at ${t}`).toBe(registeredAt(FULL.strips.agent, t));
    }
    // Anywhere, thinning may only show a registration late, never early.
    for (const t of PROBES) expect(registeredAt(model.strips.agent, t)).toBeLessThanOrEqual(viewRegistered(VIEWS.get(t)!, 'agent'));
  });

  it('refuses a page that does not end right before the model, and ignores what it already holds', () => {
    const cut = Math.floor(LOG.length / 2);
    const model = seedTimeline(VIEW, LOG.slice(cut), cut);
    expect(() => prependToTimeline(model, LOG.slice(cut - 100, cut - 10))).toThrow(/right before seq/);
    expect(prependToTimeline(model, LOG.slice(cut, cut + 10))).toBe(model);
    expect(prependToTimeline(FULL, LOG.slice(0, 10))).toBe(FULL);
  });
});

describe('the join of a page and the window at one instant', () => {
  // Two changes of one unit at the same moment on either side of the cut: folding the whole log drops the 0 ms
  // segment in between; the join must too, and must merge a change that repeats the state and cause before it.
  const s = new EventScript();
  s.unit(100, 'master-1', 'dcos-exhibitor', 'pending', 'starting', 'a');
  s.unit(200, 'master-1', 'dcos-exhibitor', 'starting', 'waiting', 'b');
  s.unit(200, 'master-1', 'dcos-exhibitor', 'waiting', 'healthy', 'c');
  s.unit(300, 'master-1', 'dcos-exhibitor', 'healthy', 'healthy', 'c');
  s.unit(400, 'master-1', 'dcos-exhibitor', 'healthy', 'failed', 'd');
  const full = appendToTimeline(emptyTimeline(), s.events);
  const rowOf = (m: TimelineModel) => m.lanes[m.laneIndex['master-1']!]!.rows['dcos-exhibitor']!.segments;

  it.each([2, 3, 4])('cut before event %i', (cut) => {
    const view = viewFor(1, 0);
    const window = seedTimeline(view, s.events.slice(cut), cut);
    const whole = prependToTimeline(window, s.events.slice(0, cut));
    expect(whole.seededAt).toBeNull();
    expect(rowOf(whole)).toEqual(rowOf(full));
  });
});
