// Layered layout of ONE role's unit graph (masters, agents or public agents), left to right in boot order.
// Invariants: dagre runs at most once per distinct (role, unit set) for the life of the page (module cache),
// because every node of a role has the same unit graph and dagre is far too slow for the instance graph
// (2,000 vertices ≈ 250 s). Coordinates are relative to the role graph's top-left corner; the cluster
// placement (dagModel.ts) translates copies of this layout into node groups.
// Units with no dependency edges at all are kept out of dagre and packed into a compact "tray" row under
// the graph: otherwise dagre stacks them all in rank 0, making every group tall and mostly empty.
import dagre from '@dagrejs/dagre';
import type { Role } from '../../shared/protocol/types.ts';
import type { Dependency, UnitSpec } from '../../shared/model/types.ts';
import { textWidth } from './textWidth.ts';

/** Widest a spine vertex gets; each is as wide as its name needs (see vertexWidth), columns stay tight. */
export const VERTEX_W = 150;
export const MIN_VERTEX_W = 92;
export const VERTEX_H = 28;
/** Name font of a vertex (px, drawing units): .dag-vertex-name in DagView.css. */
export const VERTEX_FONT = 13;
/** State glyph strip on the vertex's left, gap before the name, and room after it. */
export const GLYPH_STRIP = 20;
/** Gap between the glyph strip and the name. */
export const NAME_GAP = 5;
const NAME_PAD = NAME_GAP + 7;
/** Horizontal gap between ranks: room for the arrow of a short curve. */
export const RANK_SEP = 16;
/** Vertical gap between vertices of one rank: room for a blocked vertex's "waits for" caption. */
export const NODE_SEP = 16;
/** Tray ("other units") vertices: small state squares (glyph + colour + pattern), named by tooltip/aria-label. */
export const MINI = 18;
export const MINI_GAP = 3;
/** Tray squares per row before wrapping. */
export const TRAY_PER_ROW = 12;

export interface Box { x: number; y: number; w: number; h: number }

export interface RoleVertex extends Box {
  unit: string;
  /** Column index (dagre rank order), -1 for tray units: used by tests and for boot-order reading. */
  rank: number;
  /** A tray square (off the boot spine, or without any dependency); its x/y are relative to the tray origin. */
  compact: boolean;
}

export interface RoleEdge extends LocalEdge {
  /** Drawn even while satisfied (a spine edge, not redundant). Other edges are drawn only while they block. */
  quiet: boolean;
  /** dagre's route (relative to the role graph) from `from`'s right to `to`'s left; empty unless `quiet`. */
  points: Array<{ x: number; y: number }>;
}

export interface RoleLayout {
  role: Role;
  /** Size of the layered spine graph (the tray is placed by the cluster geometry, in the header or below). */
  width: number;
  height: number;
  /** The tray as one row (wrapping at TRAY_PER_ROW): vertex x/y of compact vertices. */
  trayW: number;
  trayH: number;
  /**
   * The tray in the spine's own free corners (rows above and below a lone first-column vertex), relative to the
   * spine origin; null when it does not fit there. Costs no room at all, so preferred over `traySide`.
   */
  trayInline: Readonly<Record<string, { x: number; y: number }>> | null;
  /** The tray as a grid as tall as the spine, for placing it beside the graph. */
  traySide: { w: number; h: number; pos: Readonly<Record<string, { x: number; y: number }>> };
  vertices: RoleVertex[];
  byUnit: Readonly<Record<string, RoleVertex>>;
  edges: RoleEdge[];
  /** edges by "from>to". */
  edgeIndex: Readonly<Record<string, RoleEdge>>;
}

const cache = new Map<string, RoleLayout>();
const stats = { computed: 0, hits: 0 };

/** How often the role layout ran dagre vs. answered from the cache (tests assert the memo works). */
export function roleLayoutStats(): Readonly<typeof stats> {
  return { ...stats };
}

/** For tests only: forget cached layouts and counters. */
export function resetRoleLayoutCache(): void {
  cache.clear();
  stats.computed = 0;
  stats.hits = 0;
}

/** The memoized layout of `units` (all of them run on every node of `role`). */
export function roleLayout(role: Role, units: readonly UnitSpec[], spine: ReadonlySet<string> | null = null): RoleLayout {
  const key = `${role}|${units.map((u) => u.id).join(',')}|${spine ? [...spine].sort().join(',') : '*'}`;
  const hit = cache.get(key);
  if (hit) {
    stats.hits++;
    return hit;
  }
  stats.computed++;
  const layout = computeRoleLayout(role, units, spine);
  cache.set(key, layout);
  return layout;
}

/**
 * Dependency edges between units of the same role (the dependency's unit runs on this kind of node too).
 * Gate edges go in first; a runtime (non-gate) edge that would close a cycle is dropped (e.g. dcos-net forwards
 * *.mesos to Mesos-DNS, which itself waits for ready.spartan): the drawing is a DAG in boot order.
 * `redundant` marks edges implied by a longer path (transitive reduction): drawn only while they block.
 */
export function localEdges(units: readonly UnitSpec[]): Map<string, LocalEdge> {
  const ids = new Set(units.map((u) => u.id));
  const edges = new Map<string, LocalEdge>();
  const out = new Map<string, Set<string>>();
  const reaches = (from: string, to: string, skip?: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      for (const nxt of out.get(cur) ?? []) {
        if (cur === from && nxt === skip) continue;
        if (nxt === to) return true;
        if (!seen.has(nxt)) { seen.add(nxt); stack.push(nxt); }
      }
    }
    return false;
  };
  const deps = units.flatMap((u) => u.dependsOn.map((d) => ({ u, d })));
  for (const { u, d } of [...deps.filter((x) => x.d.gate), ...deps.filter((x) => !x.d.gate)]) {
    if (!ids.has(d.unit) || d.unit === u.id) continue;
    const key = `${d.unit}>${u.id}`;
    const e = edges.get(key);
    if (e) { e.deps.push(d); continue; }
    if (reaches(u.id, d.unit)) continue; // would close a cycle
    edges.set(key, { from: d.unit, to: u.id, deps: [d], redundant: false });
    if (!out.has(d.unit)) out.set(d.unit, new Set());
    out.get(d.unit)!.add(u.id);
  }
  for (const e of edges.values()) e.redundant = reaches(e.from, e.to, e.to);
  return edges;
}

export interface LocalEdge {
  from: string;
  to: string;
  deps: Dependency[];
  redundant: boolean;
}

function computeRoleLayout(role: Role, units: readonly UnitSpec[], spine: ReadonlySet<string> | null): RoleLayout {
  const edges = localEdges(units);
  const linked = new Set<string>();
  for (const e of edges.values()) linked.add(e.from).add(e.to);
  // A unit whose only dependencies live on other nodes still belongs in the graph (rank 0), not the tray.
  for (const u of units) if (u.dependsOn.length > 0) linked.add(u.id);
  const inGraph = (id: string): boolean => linked.has(id) && (spine === null || spine.has(id));

  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const widths = new Map(units.filter((u) => inGraph(u.id)).map((u) => [u.id, vertexWidth(displayName(u.id, u))]));
  for (const [id, width] of widths) g.setNode(id, { width, height: VERTEX_H });
  for (const e of edges.values()) if (!e.redundant && inGraph(e.from) && inGraph(e.to)) g.setEdge(e.from, e.to);
  if (g.nodeCount() > 0) dagre.layout(g);

  const vertices: RoleVertex[] = [];
  let graphW = 0;
  let graphH = 0;
  const xs = new Set<number>();
  for (const u of units) {
    if (!inGraph(u.id)) continue;
    const n = g.node(u.id);
    const w = widths.get(u.id)!;
    const x = (n.x ?? 0) - w / 2;
    const y = (n.y ?? 0) - VERTEX_H / 2;
    // dagre centres a rank's vertices on one x; the rank is identified by that centre.
    xs.add(Math.round(n.x ?? 0));
    graphW = Math.max(graphW, x + w);
    graphH = Math.max(graphH, y + VERTEX_H);
    vertices.push({ unit: u.id, x, y, w, h: VERTEX_H, rank: 0, compact: false });
  }
  const columns = [...xs].sort((a, b) => a - b);
  for (const v of vertices) v.rank = columns.indexOf(Math.round(v.x + v.w / 2));

  const tray = units.filter((u) => !inGraph(u.id));
  tray.forEach((u, i) => {
    vertices.push({
      unit: u.id, rank: -1, w: MINI, h: MINI, compact: true,
      x: (i % TRAY_PER_ROW) * (MINI + MINI_GAP), y: Math.floor(i / TRAY_PER_ROW) * (MINI + MINI_GAP),
    });
  });
  const trayW = tray.length === 0 ? 0 : Math.min(tray.length, TRAY_PER_ROW) * (MINI + MINI_GAP) - MINI_GAP;
  const trayH = tray.length === 0 ? 0 : Math.ceil(tray.length / TRAY_PER_ROW) * (MINI + MINI_GAP) - MINI_GAP;
  const width = graphW;
  const height = graphH;
  const sideRows = Math.max(1, Math.floor((graphH + MINI_GAP) / (MINI + MINI_GAP)));
  const sideCols = Math.ceil(tray.length / sideRows);
  const traySide = {
    w: tray.length === 0 ? 0 : sideCols * (MINI + MINI_GAP) - MINI_GAP,
    h: tray.length === 0 ? 0 : Math.min(tray.length, sideRows) * (MINI + MINI_GAP) - MINI_GAP,
    pos: Object.fromEntries(tray.map((u, i) => [u.id, { x: Math.floor(i / sideRows) * (MINI + MINI_GAP), y: (i % sideRows) * (MINI + MINI_GAP) }])),
  };

  const trayInline = inlineTray(vertices.filter((v) => !v.compact && v.rank === 0), tray.map((u) => u.id), graphH);

  const routed: RoleEdge[] = [...edges.values()].map((e) => {
    const drawn = !e.redundant && inGraph(e.from) && inGraph(e.to);
    return {
      ...e,
      quiet: drawn,
      points: drawn ? ((g.edge(e.from, e.to)?.points ?? []) as Array<{ x: number; y: number }>).map((p) => ({ x: p.x, y: p.y })) : [],
    };
  });
  return { role, width, height, trayW, trayH, trayInline, traySide, vertices, byUnit: Object.fromEntries(vertices.map((v) => [v.unit, v])), edges: routed,
    edgeIndex: Object.fromEntries(routed.map((e) => [`${e.from}>${e.to}`, e])) };
}

/** Tray squares in rows above and below the only vertex of the first column (free space dagre leaves there). */
function inlineTray(first: readonly RoleVertex[], ids: readonly string[], graphH: number): Record<string, { x: number; y: number }> | null {
  if (first.length !== 1 || ids.length === 0) return null;
  const v = first[0]!;
  const step = MINI + MINI_GAP;
  const perRow = Math.floor((v.w + MINI_GAP) / step);
  const rowsAbove = Math.max(0, Math.floor((v.y - INLINE_GAP + MINI_GAP) / step));
  const rowsBelow = Math.max(0, Math.floor((graphH - (v.y + v.h) - INLINE_GAP + MINI_GAP) / step));
  if (perRow * (rowsAbove + rowsBelow) < ids.length) return null;
  const nAbove = Math.min(rowsAbove * perRow, Math.ceil(ids.length / 2));
  const pos: Record<string, { x: number; y: number }> = {};
  ids.forEach((id, i) => {
    const below = i >= nAbove;
    const j = below ? i - nAbove : i;
    const row = Math.floor(j / perRow);
    pos[id] = {
      x: v.x + (j % perRow) * step,
      y: below ? v.y + v.h + INLINE_GAP + row * step : v.y - INLINE_GAP - MINI - row * step,
    };
  });
  return pos;
}
/** Gap between a first-column vertex and the tray rows around it. */
const INLINE_GAP = 3;

/** Short display names where the diagnostics PrettyName is long or not what a class calls the thing. */
const DISPLAY_NAME: Readonly<Record<string, string>> = {
  'dcos-exhibitor': 'Exhibitor / ZK',
  'dcos-mesos-dns': 'Mesos-DNS',
  'dcos-adminrouter': 'Admin Router',
  'dcos-adminrouter-agent': 'Admin Router',
  'dcos-mesos-slave': 'Mesos Agent',
  'dcos-mesos-slave-public': 'Mesos Agent',
  'dcos-net': 'DC/OS Net',
  'dcos-pkgpanda-api': 'Pkgpanda',
  'dcos-net-watchdog': 'Net Watchdog',
  'dcos-gen-resolvconf': 'resolv.conf',
  'dcos-diagnostics': 'Diagnostics',
  'dcos-metrics-master': 'Metrics',
  'dcos-metrics-agent': 'Metrics',
  'dcos-log-master': 'Log',
  'dcos-log-agent': 'Log',
  'dcos-logrotate-master': 'Logrotate',
  'dcos-logrotate-agent': 'Logrotate',
  'dcos-oauth': 'OAuth',
  'dcos-rexray': 'REX-Ray',
};
const MAX_NAME = 19;

/** Width of a spine vertex showing `name`: glyph strip + the name (estimated on the wide side) + padding. */
export function vertexWidth(name: string): number {
  return Math.round(Math.min(VERTEX_W, Math.max(MIN_VERTEX_W, GLYPH_STRIP + NAME_PAD + textWidth(name, VERTEX_FONT))));
}

/** "DC/OS Jobs (Metronome)" -> "Metronome", "DC/OS Log Master" -> "Log Master"; ids as fallback. */
export function displayName(id: string, spec?: Pick<UnitSpec, 'name'>): string {
  const fixed = DISPLAY_NAME[id];
  if (fixed) return fixed;
  let name = spec?.name ?? id.replace(/^dcos-/, '');
  const paren = /\(([^)]+)\)/.exec(name);
  if (paren) name = paren[1]!;
  name = name.replace(/^DC\/OS\s+/, '').trim();
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}
