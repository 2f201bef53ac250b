// Joins a ClusterView's states onto the DAG: per-unit state lookup, the summary of a collapsed agent group,
// highlight/selection membership. Pure and O(units) per call, so it can run on every event batch.
import type { ClusterView, NodeView, UnitState } from '../../shared/protocol/types.ts';
import { STATE_SEVERITY, worstState } from './stateStyle.ts';

export type StateIndex = ReadonlyMap<string, NodeView>;

// Per node list: a batch that changes any node makes a new list, so the index is built once per batch however many
// consumers ask (the DAG, its edges), not once per consumer. At 10,000 agents each build is a 10,105-entry Map.
const indexes = new WeakMap<readonly NodeView[], StateIndex>();

export function indexStates(view: { readonly nodes: readonly NodeView[] }): StateIndex {
  let idx = indexes.get(view.nodes);
  if (!idx) {
    idx = new Map(view.nodes.map((n) => [n.id, n]));
    indexes.set(view.nodes, idx);
  }
  return idx;
}

// Per NodeView object: the store keeps unchanged nodes identical between batches, so this is built once per change.
const unitMaps = new WeakMap<NodeView, ReadonlyMap<string, UnitState>>();

/** unit id -> state of one node (cached per NodeView object). */
export function unitStates(n: NodeView): ReadonlyMap<string, UnitState> {
  let m = unitMaps.get(n);
  if (!m) {
    m = new Map(n.units.map((u) => [u.id, u.state]));
    unitMaps.set(n, m);
  }
  return m;
}

/**
 * The state of one unit instance; 'pending' when the view does not (yet) list it. A scan, not a Map: a node runs
 * at most ~25 units, and a Map per changed node per batch was garbage the GC paid for at 10,000 agents.
 */
export function unitState(idx: StateIndex, node: string, unit: string): UnitState {
  const units = idx.get(node)?.units;
  if (units === undefined) return 'pending';
  for (let i = 0; i < units.length; i += 1) if (units[i].id === unit) return units[i].state;
  return 'pending';
}

const nodeStates = new WeakMap<NodeView, UnitState>();

/** A node as one state: its worst unit (a powered-off node shows 'stopped'). Cached per NodeView object. */
export function nodeState(n: NodeView): UnitState {
  if (!n.up) return 'stopped';
  let s = nodeStates.get(n);
  if (s === undefined) {
    s = worstState(n.units.map((u) => u.state));
    nodeStates.set(n, s);
  }
  return s;
}

export interface GroupSummary {
  total: number;
  /** Nodes counted by their worst unit state, worst state first, zero counts left out. */
  counts: Array<{ state: UnitState; count: number }>;
  worst: UnitState;
  registered: number;
  down: number;
  partitioned: number;
}

// Per member list: a collapsed group's list lives as long as its geometry, i.e. across many batches.
const memberSets = new WeakMap<readonly string[], ReadonlySet<string>>();

export function summarizeGroup(view: Pick<ClusterView, 'nodes' | 'registeredAgents'>, nodeIds: readonly string[]): GroupSummary {
  let ids = memberSets.get(nodeIds);
  if (!ids) {
    ids = new Set(nodeIds);
    memberSets.set(nodeIds, ids);
  }
  const tally = new Map<UnitState, number>();
  let down = 0;
  let partitioned = 0;
  for (const n of view.nodes) {
    if (!ids.has(n.id)) continue;
    const s = nodeState(n);
    tally.set(s, (tally.get(s) ?? 0) + 1);
    if (!n.up) down++;
    if (n.partitioned) partitioned++;
  }
  const counts = STATE_SEVERITY.filter((s) => tally.has(s)).map((state) => ({ state, count: tally.get(state)! }));
  const registered = view.registeredAgents.filter((a) => ids.has(a)).length;
  return { total: ids.size, counts, worst: worstState(tally.keys()), registered, down, partitioned };
}

/** "98 healthy · 2 waiting". */
export function countsText(s: GroupSummary): string {
  return s.counts.map((c) => `${c.count} ${c.state}`).join(' · ');
}

/** Exhibitor runs (systemd active) but ZooKeeper has no quorum yet: the class should see it converging, not done. */
export function isConverging(view: Pick<ClusterView, 'quorum'>, unit: string, state: UnitState | undefined): boolean {
  return unit === 'dcos-exhibitor' && state === 'healthy' && view.quorum.have < view.quorum.need;
}

/** Which leader role(s) this unit instance holds, for the crown. */
export function leaderOf(view: Pick<ClusterView, 'leaders'>, node: string, unit: string): 'mesos' | 'marathon' | null {
  if (unit === 'dcos-mesos-master' && view.leaders.mesos === node) return 'mesos';
  if (unit === 'dcos-marathon' && view.leaders.marathon === node) return 'marathon';
  return null;
}

/** "dcos-exhibitor on master-1: healthy" (+ " (Mesos leader)"): the exact a11y/test contract of architecture §4. */
export function vertexLabel(node: string, unit: string, state: UnitState, leader: 'mesos' | 'marathon' | null): string {
  const base = `${unit} on ${node}: ${state}`;
  return leader ? `${base} (${leader === 'mesos' ? 'Mesos' : 'Marathon'} leader)` : base;
}
