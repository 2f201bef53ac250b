// The instance edges of the cluster DAG for one ClusterView: each dependency of each displayed unit, resolved and
// graded by dagEdgeResolve.ts, gets its SVG path here and its caption in dagEdgeLabels.ts.
// Invariants: in-group edges reuse the memoized dagre routes; cross-node edges are simple cubic curves from the
// dependency's right side to the dependent's left side (never a dagre run). A dependency on a leader that does
// not exist is drawn from the fact badge that is missing ("Mesos leader: none"), so the cause is visible.
// Edges into a collapsed agent group are merged per (source, via), blocking if any member is blocked.
import type { ClusterView, NodeView, Role } from '../../shared/protocol/types.ts';
import type { Dependency } from '../../shared/model/types.ts';
import { busPath, crossPath, gutterPath, masterLanePath, routePath, stubPath } from './dagRoutes.ts';
import { MINI, type RoleEdge } from './dagLayout.ts';
import { AGENT_COLLAPSE_THRESHOLD, GROUP_GAP, type DagGeometry, type FactKey, type UnitsForRole } from './dagModel.ts';
import { unitState } from './dagState.ts';
import { labelEdges } from './dagEdgeLabels.ts';
import { LEVEL, GATED_STATES, LEADER_SCOPES, blockLevel, gatedOn, makeCtx, maxLevel, resolve, splitRef, type BlockLevel, type DagEdge } from './dagEdgeResolve.ts';

export type { BlockLevel, DagEdge } from './dagEdgeResolve.ts';
export { stateBlock } from './dagEdgeResolve.ts';
export { captionText } from './dagEdgeLabels.ts';

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
  labelEdges(edges, geom);
  // Blocked edges last so they paint on top of quiet ones.
  return edges.sort((x, y) => LEVEL[x.block] - LEVEL[y.block]);
}

/** Top of the agent section (its title row) holding `ref`'s node: where a bus route turns into the band. */
function bandTop(geom: DagGeometry, ref: string): number {
  const g = geom.groups.find((x) => x.node === splitRef(ref)[0]);
  const s = g && geom.sections.find((x) => x.role === g.role && g.x >= x.x && g.x <= x.x + x.w && g.y >= x.y);
  return s ? s.y : (g?.y ?? 0) - GROUP_GAP;
}
