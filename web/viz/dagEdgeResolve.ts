// What each dependency of a displayed unit resolves to right now (a unit on some node, or a missing cluster fact) and
// how hard it blocks: the DAG's edge vocabulary, shared by the routing (dagEdges.ts) and the captions
// (dagEdgeLabels.ts). Pure; per-call lookups keep N nodes x D dependencies at O(N x D).
import type { ClusterView, NodeView, UnitState } from '../../shared/protocol/types.ts';
import type { Dependency } from '../../shared/model/types.ts';
import type { FactKey, UnitsForRole } from './dagModel.ts';
import { indexStates, unitState, type StateIndex } from './dagState.ts';

export type BlockLevel = 'none' | 'wait' | 'fail';

export interface DagEdge {
  key: string;
  /** "node/unit" or "fact:<FactKey>" */
  from: string;
  /** "node/unit" or "group:<id>" */
  to: string;
  via: string;
  /** What blocks, when it does: the `via` of the worst-blocking of the merged dependencies. */
  blockVia: string;
  block: BlockLevel;
  /** Drawn only while on the explain path (into a tray vertex, off the spine, or implied by a longer path). */
  minor: boolean;
  /** At least one of its dependencies is a start gate (ExecStartPre), not only a runtime discovery. */
  gate: boolean;
  /**
   * Carries the caption: the worst blocking, non-minor edge into its dependent, and of those sharing a source and a
   * caption only the one nearest the source.
   */
  label: boolean;
  path: string;
  labelX: number;
  labelY: number;
}

export const LEVEL: Record<BlockLevel, number> = { none: 0, wait: 1, fail: 2 };
export const maxLevel = (a: BlockLevel, b: BlockLevel): BlockLevel => (LEVEL[a] >= LEVEL[b] ? a : b);

/** A dependency's unit state as a block level: healthy/starting pass, pending/waiting wait, the rest fail. */
export function stateBlock(s: UnitState): BlockLevel {
  if (s === 'healthy' || s === 'starting') return 'none';
  if (s === 'pending' || s === 'waiting') return 'wait';
  return 'fail';
}

export type Source = { kind: 'unit'; node: string } | { kind: 'fact'; fact: FactKey };

/** Per-call lookups, so resolving N nodes x D dependencies stays O(N x D) (no scans of all nodes per dependency). */
export interface Ctx {
  view: ClusterView;
  idx: StateIndex;
  masters: NodeView[];
  masterUnits: ReadonlySet<string>;
  serving: Map<string, string | null>;
  allMasters: Map<string, BlockLevel>;
}

/** The masters of a view: the engine lists them first, so no walk over 10,000 agents (a hand-built view may not). */
export function mastersOf(view: ClusterView): NodeView[] {
  const head = view.nodes.slice(0, view.cluster.masters);
  return head.length === view.cluster.masters && head.every((n) => n.role === 'master') ? head : view.nodes.filter((m) => m.role === 'master');
}

export function makeCtx(view: ClusterView, masterUnits: ReadonlySet<string>): Ctx {
  return { view, idx: indexStates(view), masters: mastersOf(view), masterUnits, serving: new Map(), allMasters: new Map() };
}

/** The master a non-master reaches for a master unit: the first one serving it, else master-1. */
export function servingMaster(c: Ctx, unit: string): string | null {
  let s = c.serving.get(unit);
  if (s === undefined) {
    const m = c.masters.find((x) => x.up && !x.partitioned && unitState(c.idx, x.id, unit) === 'healthy') ?? c.masters[0];
    s = m ? m.id : null;
    c.serving.set(unit, s);
  }
  return s;
}

export function resolve(c: Ctx, n: NodeView, d: Dependency): Source {
  const { leaders } = c.view;
  if (d.scope === 'local') return { kind: 'unit', node: n.id };
  if (d.scope === 'mesos-leader') return leaders.mesos ? { kind: 'unit', node: leaders.mesos } : { kind: 'fact', fact: 'mesos-leader' };
  if (d.scope === 'marathon-leader') return leaders.marathon ? { kind: 'unit', node: leaders.marathon } : { kind: 'fact', fact: 'marathon-leader' };
  // A master reaches master-scoped units through its own copy (ZK ensemble member, local Mesos-DNS).
  if (n.role === 'master' && c.masterUnits.has(d.unit)) return { kind: 'unit', node: n.id };
  const serving = servingMaster(c, d.unit);
  return serving ? { kind: 'unit', node: serving } : { kind: 'fact', fact: 'quorum' };
}

/** Is a DNS-carried fact missing? Uses view.dns when the engine reports the name, the leader facts otherwise. */
export function factMissing(view: ClusterView, via: string): boolean {
  for (const [name, leader] of [['leader.mesos', view.leaders.mesos], ['marathon.mesos', view.leaders.marathon]] as const) {
    if (!via.includes(name)) continue;
    const v = name in view.dns ? view.dns[name] : leader;
    if (v === null || v === undefined) return true;
  }
  return false;
}

/** exhibitor.wait-style gates: every master's copy of `unit` must be up. */
export function allMastersLevel(c: Ctx, unit: string): BlockLevel {
  let level = c.allMasters.get(unit);
  if (level === undefined) {
    level = 'none';
    for (const m of c.masters) level = maxLevel(level, !m.up || m.partitioned ? 'fail' : stateBlock(unitState(c.idx, m.id, unit)));
    c.allMasters.set(unit, level);
  }
  return level;
}

/**
 * Does dependency `d` of a unit on node `n`, resolved to `src`, currently block? 'fail' (red) when something is
 * broken: the dependency's unit failed/stopped/unhealthy, or its node is down or cut off. 'wait' (amber) when it is
 * not there yet: the unit still pending/waiting, or a fact missing (no quorum, no leader, name unresolved), which is
 * every boot's normal state and also what a lost leader looks like until the re-election.
 */
export function blockLevel(c: Ctx, n: NodeView, d: Dependency, src: Source): BlockLevel {
  if (src.kind === 'fact') return 'wait';
  let level: BlockLevel = factMissing(c.view, d.via) ? 'wait' : 'none';
  if (d.scope === 'quorum-masters' && c.view.quorum.have < c.view.quorum.need) level = maxLevel(level, 'wait');
  if (d.scope === 'all-masters') level = maxLevel(level, allMastersLevel(c, d.unit));
  const srcNode = c.idx.get(src.node);
  if (src.node !== n.id && (!srcNode || !srcNode.up || srcNode.partitioned || n.partitioned)) return 'fail';
  return maxLevel(level, stateBlock(unitState(c.idx, src.node, d.unit)));
}

/** Dependent states in which a start gate (ExecStartPre) matters: the unit is trying to (re)start. */
export const GATED_STATES = new Set<UnitState>(['pending', 'waiting', 'failed', 'unhealthy']);

export const LEADER_SCOPES = new Set<Dependency['scope']>(['mesos-leader', 'marathon-leader']);

export const splitRef = (ref: string): [string, string] => {
  const i = ref.indexOf('/');
  return [ref.slice(0, i), ref.slice(i + 1)];
};


// Per NodeView (unchanged nodes keep their object between batches): the spec units this node still has to
// (re)start, so a collapsed group of 10,000 agents costs one lookup per member per batch once they are up.
export const gatedCache = new WeakMap<ReturnType<UnitsForRole>, WeakMap<NodeView, readonly string[]>>();

/** The units of `specs` that `n` has in a gated state, or does not list yet (unitState's 'pending'). */
export function gatedOn(n: NodeView, specs: ReturnType<UnitsForRole>): readonly string[] {
  let bySpecs = gatedCache.get(specs);
  if (bySpecs === undefined) gatedCache.set(specs, (bySpecs = new WeakMap()));
  let ids = bySpecs.get(n);
  if (ids === undefined) {
    ids = specs.filter((spec) => {
      const u = n.units.find((x) => x.id === spec.id);
      return u === undefined || GATED_STATES.has(u.state);
    }).map((spec) => spec.id);
    bySpecs.set(n, ids);
  }
  return ids;
}
