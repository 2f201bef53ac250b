// The instance edges of the cluster DAG for one ClusterView: which unit (or missing fact) each dependency of
// each displayed unit resolves to right now, whether it currently blocks, and its SVG path.
// Invariants: in-group edges reuse the memoized dagre routes; cross-node edges are simple cubic curves from the
// dependency's right side to the dependent's left side (never a dagre run). A dependency on a leader that does
// not exist is drawn from the fact badge that is missing ("Mesos leader: none"), so the cause is visible.
// Edges into a collapsed agent group are merged per (source, via), blocking if any member is blocked.
import type { ClusterView, NodeView, Role, UnitState } from '../../shared/protocol/types.ts';
import type { Dependency } from '../../shared/model/types.ts';
import { placeCaptions, shortCaption } from './dagCaptions.ts';
import { busPath, crossPath, gutterPath, masterLanePath, routePath, stubPath } from './dagRoutes.ts';
import { MINI, type Box, type RoleEdge } from './dagLayout.ts';
import { AGENT_COLLAPSE_THRESHOLD, GROUP_GAP, HEADER_H, HEADER_TEXT_W, type DagGeometry, type FactKey, type UnitsForRole } from './dagModel.ts';
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

const LEVEL: Record<BlockLevel, number> = { none: 0, wait: 1, fail: 2 };
const maxLevel = (a: BlockLevel, b: BlockLevel): BlockLevel => (LEVEL[a] >= LEVEL[b] ? a : b);

/** A dependency's unit state as a block level: healthy/starting pass, pending/waiting wait, the rest fail. */
export function stateBlock(s: UnitState): BlockLevel {
  if (s === 'healthy' || s === 'starting') return 'none';
  if (s === 'pending' || s === 'waiting') return 'wait';
  return 'fail';
}

type Source = { kind: 'unit'; node: string } | { kind: 'fact'; fact: FactKey };

/** Per-call lookups, so resolving N nodes x D dependencies stays O(N x D) (no scans of all nodes per dependency). */
interface Ctx {
  view: ClusterView;
  idx: StateIndex;
  masters: NodeView[];
  masterUnits: ReadonlySet<string>;
  serving: Map<string, string | null>;
  allMasters: Map<string, BlockLevel>;
}

/** The masters of a view: the engine lists them first, so no walk over 10,000 agents (a hand-built view may not). */
function mastersOf(view: ClusterView): NodeView[] {
  const head = view.nodes.slice(0, view.cluster.masters);
  return head.length === view.cluster.masters && head.every((n) => n.role === 'master') ? head : view.nodes.filter((m) => m.role === 'master');
}

function makeCtx(view: ClusterView, masterUnits: ReadonlySet<string>): Ctx {
  return { view, idx: indexStates(view), masters: mastersOf(view), masterUnits, serving: new Map(), allMasters: new Map() };
}

/** The master a non-master reaches for a master unit: the first one serving it, else master-1. */
function servingMaster(c: Ctx, unit: string): string | null {
  let s = c.serving.get(unit);
  if (s === undefined) {
    const m = c.masters.find((x) => x.up && !x.partitioned && unitState(c.idx, x.id, unit) === 'healthy') ?? c.masters[0];
    s = m ? m.id : null;
    c.serving.set(unit, s);
  }
  return s;
}

function resolve(c: Ctx, n: NodeView, d: Dependency): Source {
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
function factMissing(view: ClusterView, via: string): boolean {
  for (const [name, leader] of [['leader.mesos', view.leaders.mesos], ['marathon.mesos', view.leaders.marathon]] as const) {
    if (!via.includes(name)) continue;
    const v = name in view.dns ? view.dns[name] : leader;
    if (v === null || v === undefined) return true;
  }
  return false;
}

/** exhibitor.wait-style gates: every master's copy of `unit` must be up. */
function allMastersLevel(c: Ctx, unit: string): BlockLevel {
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
function blockLevel(c: Ctx, n: NodeView, d: Dependency, src: Source): BlockLevel {
  if (src.kind === 'fact') return 'wait';
  let level: BlockLevel = factMissing(c.view, d.via) ? 'wait' : 'none';
  if (d.scope === 'quorum-masters' && c.view.quorum.have < c.view.quorum.need) level = maxLevel(level, 'wait');
  if (d.scope === 'all-masters') level = maxLevel(level, allMastersLevel(c, d.unit));
  const srcNode = c.idx.get(src.node);
  if (src.node !== n.id && (!srcNode || !srcNode.up || srcNode.partitioned || n.partitioned)) return 'fail';
  return maxLevel(level, stateBlock(unitState(c.idx, src.node, d.unit)));
}

/** Dependent states in which a start gate (ExecStartPre) matters: the unit is trying to (re)start. */
const GATED_STATES = new Set<UnitState>(['pending', 'waiting', 'failed', 'unhealthy']);

const LEADER_SCOPES = new Set<Dependency['scope']>(['mesos-leader', 'marathon-leader']);

const splitRef = (ref: string): [string, string] => {
  const i = ref.indexOf('/');
  return [ref.slice(0, i), ref.slice(i + 1)];
};

interface Acc {
  from: string;
  to: string;
  via: Set<string>;
  /** The `via` of the dependency that blocks worst (what the caption should name). */
  blockVia: string;
  block: BlockLevel;
  gate: boolean;
  /** Registration with / discovery of a leader: shown even while the dependent is already healthy. */
  leaderScoped: boolean;
  /** Set for edges inside one node group: the role layout's edge, or null for a dropped back edge. */
  local?: RoleEdge | null;
  originX: number;
  originY: number;
}

// Per NodeView (unchanged nodes keep their object between batches): the spec units this node still has to
// (re)start, so a collapsed group of 10,000 agents costs one lookup per member per batch once they are up.
const gatedCache = new WeakMap<ReturnType<UnitsForRole>, WeakMap<NodeView, readonly string[]>>();

/** The units of `specs` that `n` has in a gated state, or does not list yet (unitState's 'pending'). */
function gatedOn(n: NodeView, specs: ReturnType<UnitsForRole>): readonly string[] {
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

/** All edges to draw for `view` on `geom` (only displayed nodes; collapsed groups get merged edges). */
export function instanceEdges(view: ClusterView, geom: DagGeometry, unitsForRole: UnitsForRole): DagEdge[] {
  const ctx = makeCtx(view, new Set(unitsForRole('master').map((u) => u.id)));
  const idx = ctx.idx;
  const acc = new Map<string, Acc>();
  const groupByNode = new Map(geom.groups.map((g) => [g.node, g]));
  const specsByRole = new Map<Role, ReturnType<UnitsForRole>>();
  const crowded = geom.groups.filter((g) => g.role !== 'master').length > AGENT_COLLAPSE_THRESHOLD;
  const masterIds = new Set(ctx.masters.map((m) => m.id));
  const compactTarget = (to: string): boolean => (geom.boxes.get(to)?.w ?? 0) === MINI; // tray squares only

  const add = (from: string, to: string, d: Dependency, block: BlockLevel, local: RoleEdge | null | undefined, ox: number, oy: number): void => {
    const key = `${from}>${to}`;
    const e = acc.get(key);
    if (e) {
      e.via.add(d.via);
      if (LEVEL[block] > LEVEL[e.block]) e.blockVia = d.via;
      e.block = maxLevel(e.block, block);
      e.gate ||= d.gate;
      e.leaderScoped ||= LEADER_SCOPES.has(d.scope);
      return;
    }
    acc.set(key, { from, to, via: new Set([d.via]), blockVia: d.via, block, gate: d.gate, leaderScoped: LEADER_SCOPES.has(d.scope), local, originX: ox, originY: oy });
  };
  const specsOf = (role: Role): ReturnType<UnitsForRole> => {
    let specs = specsByRole.get(role);
    if (!specs) specsByRole.set(role, (specs = unitsForRole(role)));
    return specs;
  };

  // The displayed nodes in view order (geometry lists its groups in that order): not a lookup per node of the view,
  // which at 10,000 agents is 10,000 lookups for a handful of displayed nodes.
  for (const group of geom.groups) {
    const n = idx.get(group.node);
    if (!n) continue;
    for (const spec of specsOf(n.role)) {
      // A start gate blocks only a unit that has to (re)start; nothing blocks anything on a powered-off node.
      const gated = n.up && GATED_STATES.has(unitState(idx, n.id, spec.id));
      for (const d of spec.dependsOn) {
        const src = resolve(ctx, n, d);
        const from = src.kind === 'fact' ? `fact:${src.fact}` : `${src.node}/${d.unit}`;
        if (src.kind === 'unit' && !geom.boxes.has(from)) continue; // source not displayed
        const sameGroup = src.kind === 'unit' && src.node === n.id;
        const block = !n.up || (d.gate && !gated) ? 'none' : blockLevel(ctx, n, d, src);
        add(from, `${n.id}/${spec.id}`, d, block, sameGroup ? (group.layout.edgeIndex[`${d.unit}>${spec.id}`] ?? null) : undefined, group.originX, group.originY);
      }
    }
  }
  // A collapsed group's members all resolve a non-local dependency alike (they are not masters), so one member
  // stands for all; only a partitioned member changes the verdict (it cannot reach anything). O(deps + members).
  for (const c of geom.collapsed) {
    // One pass over the members: the first reachable one stands for all, any cut one changes the verdict, and
    // the units some member still has to (re)start gate the group.
    const specs = specsOf(c.role);
    const gatedUnits = new Set<string>();
    let rep: NodeView | undefined;
    let firstUp: NodeView | undefined;
    let anyCut = false;
    for (const id of c.nodeIds) {
      const n = idx.get(id);
      if (n === undefined || !n.up) continue;
      firstUp ??= n;
      if (n.partitioned) anyCut = true;
      else rep ??= n;
      for (const unit of gatedOn(n, specs)) gatedUnits.add(unit);
    }
    rep ??= firstUp;
    if (!rep) continue;
    for (const spec of specs) {
      let gated: boolean | undefined;
      for (const d of spec.dependsOn) {
        if (d.scope === 'local') continue; // inside the summary box
        const src = resolve(ctx, rep, d);
        const from = src.kind === 'fact' ? `fact:${src.fact}` : `${src.node}/${d.unit}`;
        if (src.kind === 'unit' && !geom.boxes.has(from)) continue;
        if (d.gate) gated ??= gatedUnits.has(spec.id);
        const block = d.gate && !gated ? 'none' : anyCut ? 'fail' : blockLevel(ctx, rep, d, src);
        add(from, `group:${c.id}`, d, block, undefined, 0, 0);
      }
    }
  }

  const edges: DagEdge[] = [];
  for (const [key, e] of acc) {
    if (e.local === null) continue; // back edge (would close a cycle): not part of the boot-order DAG
    // Implied by a longer path (or off the spine): not drawn while satisfied; drawn (as a curve) while it blocks,
    // because then the longer path may well be fine (Marathon waiting on exhibitor.wait while its chain is up).
    if (e.block === 'none' && e.local && !e.local.quiet) continue;
    // Into a tray square: drawn only on the explain path (the square's own glyph already says it waits).
    // A runtime-only dependency still waiting while its dependent is healthy (dcos-net forwarding *.mesos before
    // Mesos-DNS is up) blocks nothing yet: same treatment. Not so registration with a leader: a healthy but
    // unregistered Mesos agent is exactly what the class should see.
    const idleRuntime = !e.gate && !e.leaderScoped && e.block === 'wait' && !e.to.startsWith('group:') && unitState(idx, ...splitRef(e.to)) === 'healthy';
    // Many agents expanded: their satisfied links to the masters would be a grey fan; only blocked ones show.
    const crowdedQuiet = crowded && e.block === 'none' && e.local === undefined && !e.to.startsWith('group:') && !masterIds.has(splitRef(e.to)[0]);
    const minor = compactTarget(e.to) || idleRuntime || crowdedQuiet;
    if (e.block === 'none' && minor) continue;
    const fromFact = e.from.startsWith('fact:');
    const a = fromFact ? geom.facts[e.from.slice(5) as FactKey] : geom.boxes.get(e.from);
    const b = geom.boxes.get(e.to);
    if (!a || !b) continue;
    const srcGroup = fromFact ? undefined : groupByNode.get(splitRef(e.from)[0]);
    const r = fromFact ? stubPath(b)
      : e.local && e.local.points.length > 1 ? routePath(e.local.points, e.originX, e.originY)
        : srcGroup?.role === 'master' && b.x > srcGroup.x + srcGroup.w
          ? gutterPath(a, b, srcGroup.y + srcGroup.h + GROUP_GAP / 2, srcGroup.x + srcGroup.w + GROUP_GAP)
          : srcGroup?.role === 'master' && b.y > srcGroup.y + srcGroup.h && !masterIds.has(splitRef(e.to)[0]) && !e.to.startsWith('group:')
            ? busPath(a, b, srcGroup.y + srcGroup.h + GROUP_GAP / 2, srcGroup.x - GROUP_GAP / 2, bandTop(geom, e.to) - GROUP_GAP)
            : srcGroup?.role === 'master' && masterIds.has(splitRef(e.to)[0]) && splitRef(e.to)[0] !== srcGroup.node
              ? masterLanePath(a, b, b.y > a.y ? srcGroup.y + srcGroup.h + GROUP_GAP / 2 : srcGroup.y - GROUP_GAP / 2)
              : crossPath(a, b);
    edges.push({ key, from: e.from, to: e.to, via: [...e.via].join(', '), blockVia: e.blockVia, block: e.block, minor, gate: e.gate, label: false, path: r.path, labelX: r.x, labelY: r.y });
  }
  // One label per blocked dependent (its worst edge), or labels pile up on each other.
  const labelled = new Map<string, DagEdge>();
  for (const e of edges) {
    if (e.minor || e.block === 'none') continue;
    const cur = labelled.get(e.to);
    if (!cur || LEVEL[e.block] > LEVEL[cur.block] || (e.block === cur.block && e.gate && !cur.gate)) labelled.set(e.to, e);
  }
  // One source blocking several dependents for the same reason (a stopped Exhibitor: "exhibitor.wait" into
  // OAuth, Mesos-DNS and Marathon) gets one caption, on the dependent nearest to it: the bundle of red edges
  // says the rest, and three identical captions per master would bury the picture.
  const bySource = new Map<string, DagEdge>();
  for (const e of labelled.values()) {
    // Stubs from a missing fact are separate short arrows, not a bundle: each keeps its caption.
    const k = e.from.startsWith('fact:') ? e.key : `${e.from}|${captionText(e)}`;
    const cur = bySource.get(k);
    if (!cur || geom.boxes.get(e.to)!.x < geom.boxes.get(cur.to)!.x) bySource.set(k, e);
  }
  // The caption names what the dependent waits for, next to the dependent, wherever it covers nothing else
  // and is not cut off by the drawing's edge; with no such spot it is dropped. Worst first, so a red caption
  // gets the best spot and the ones dropped are the least important.
  const order = [...bySource.values()].sort((x, y) => LEVEL[y.block] - LEVEL[x.block]);
  const spots = placeCaptions(order.map((e) => ({ key: e.key, text: captionText(e), target: geom.boxes.get(e.to)! })), obstaclesOf(geom), { w: geom.width, h: geom.height });
  for (const e of order) {
    const p = spots.get(e.key);
    if (p === undefined) continue;
    e.label = true;
    e.labelX = p.x;
    e.labelY = p.y;
  }
  // Blocked edges last so they paint on top of quiet ones.
  return edges.sort((x, y) => LEVEL[x.block] - LEVEL[y.block]);
}

/** Top of the agent section (its title row) holding `ref`'s node: where a bus route turns into the band. */
function bandTop(geom: DagGeometry, ref: string): number {
  const g = geom.groups.find((x) => x.node === splitRef(ref)[0]);
  const s = g && geom.sections.find((x) => x.role === g.role && g.x >= x.x && g.x <= x.x + x.w && g.y >= x.y);
  return s ? s.y : (g?.y ?? 0) - GROUP_GAP;
}

/** The caption text of a labelled edge, glyph included: "✕ exhibitor.wait", "… leader.mesos". */
export function captionText(e: Pick<DagEdge, 'block' | 'via' | 'blockVia'>): string {
  const glyph = e.block === 'fail' ? '✕ ' : e.block === 'wait' ? '… ' : '';
  return glyph + shortCaption(e.block === 'none' ? e.via : e.blockVia);
}

const obstacleCache = new WeakMap<DagGeometry, Box[]>();
/** What a caption must not cover: vertices, collapsed groups, fact badges, group header texts, section titles. */
function obstaclesOf(geom: DagGeometry): Box[] {
  let o = obstacleCache.get(geom);
  if (!o) {
    o = [...geom.boxes.values(), ...Object.values(geom.facts),
      ...geom.groups.map((g) => ({ x: g.x, y: g.y, w: Math.min(HEADER_TEXT_W, g.w), h: HEADER_H - 4 })),
      ...geom.sections.map((s) => ({ x: s.x, y: s.y, w: s.w, h: s.h - 4 }))];
    obstacleCache.set(geom, o);
  }
  return o;
}
