// SVG routes of the DAG's edges (pure geometry: boxes in, path strings and a label anchor out). Cross-node edges are
// simple curves or orthogonal lanes computed here, never a dagre run; in-group edges reuse dagre's routed points.
// Invariant: lanes only run where the cluster layout leaves room (gutters between groups, rank gaps of the one-row
// spines, the bus left of the masters), so quiet links do not cut through other nodes' vertices.
import type { Box } from './dagLayout.ts';

const fmt = (v: number): string => (Math.round(v * 10) / 10).toString();

/** A short dangling arrow into b: the dependency resolves to nothing (no leader); the fact badge says which. */
export function stubPath(b: Box): { path: string; x: number; y: number } {
  const tx = b.x;
  const ty = b.y + b.h / 2;
  return { path: `M${fmt(tx - STUB_LEN)},${fmt(ty - STUB_LEN / 2)} Q${fmt(tx - STUB_LEN / 2)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`, x: tx - STUB_LEN, y: ty - STUB_LEN / 2 - 8 };
}
const STUB_LEN = 26;

/** A left-to-right S curve from a's right side to b's left side. */
export function crossPath(a: Box, b: Box): { path: string; x: number; y: number } {
  const sx = a.x + a.w;
  const sy = a.y + a.h / 2;
  const tx = b.x;
  const ty = b.y + b.h / 2;
  const dx = Math.max(50, Math.abs(tx - sx) / 2);
  const c1x = sx + dx;
  const c1y = sy;
  const c2x = tx - dx;
  // Bezier midpoint (t = 0.5) for the label.
  const x = (sx + 3 * c1x + 3 * c2x + tx) / 8;
  const y = (sy + 3 * c1y + 3 * ty + ty) / 8;
  return { path: `M${fmt(sx)},${fmt(sy)} C${fmt(c1x)},${fmt(c1y)} ${fmt(c2x)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`, x, y };
}

/**
 * From a master to an agent-side vertex without cutting through the master groups below it: drop from the
 * source's bottom into the gutter under its group, run along the gutter to the column gap, then curve into the
 * target. Quiet edges from all masters share these lanes like a cable tray instead of crossing vertices.
 */
export function gutterPath(a: Box, b: Box, gutterY: number, laneX: number): { path: string; x: number; y: number } {
  const sx = a.x + a.w / 2;
  const sy = a.y + a.h;
  const tx = b.x;
  const ty = b.y + b.h / 2;
  const r = Math.min(8, Math.abs(gutterY - sy));
  const dx = Math.max(12, (tx - laneX) / 2);
  const path = `M${fmt(sx)},${fmt(sy)} L${fmt(sx)},${fmt(gutterY - r)} Q${fmt(sx)},${fmt(gutterY)} ${fmt(sx + r)},${fmt(gutterY)}`
    + ` L${fmt(laneX)},${fmt(gutterY)} C${fmt(laneX + dx)},${fmt(gutterY)} ${fmt(tx - dx)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`;
  return { path, x: (laneX + tx) / 2, y: (gutterY + ty) / 2 };
}

/**
 * From a master down to a vertex in the agents' band under the masters: drop into the gutter under the source's
 * group, run left to the bus just outside the masters column, down to the gap above the band, along it, and into
 * the target from its upper left. Never through another master's vertices.
 */
export function busPath(a: Box, b: Box, gutterY: number, busX: number, bandY: number): { path: string; x: number; y: number } {
  const sx = a.x + a.w / 2;
  const sy = a.y + a.h;
  const tx = b.x;
  const ty = b.y + b.h / 2;
  const r = 6;
  const inX = tx - 9;
  const path = `M${fmt(sx)},${fmt(sy)} L${fmt(sx)},${fmt(gutterY - r)} Q${fmt(sx)},${fmt(gutterY)} ${fmt(sx - r)},${fmt(gutterY)}`
    + ` L${fmt(busX + r)},${fmt(gutterY)} Q${fmt(busX)},${fmt(gutterY)} ${fmt(busX)},${fmt(gutterY + r)}`
    + ` L${fmt(busX)},${fmt(bandY - r)} Q${fmt(busX)},${fmt(bandY)} ${fmt(busX + r)},${fmt(bandY)}`
    + ` L${fmt(inX - r)},${fmt(bandY)} Q${fmt(inX)},${fmt(bandY)} ${fmt(inX)},${fmt(bandY + r)}`
    + ` L${fmt(inX)},${fmt(ty - r)} Q${fmt(inX)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`;
  return { path, x: inX, y: bandY };
}

/** A polyline with rounded corners (radius up to r, less where a leg is short). */
export function roundedPath(pts: ReadonlyArray<{ x: number; y: number }>, r = 6): string {
  let d = `M${fmt(pts[0]!.x)},${fmt(pts[0]!.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [p, c, n] = [pts[i - 1]!, pts[i]!, pts[i + 1]!];
    const rin = Math.min(r, Math.hypot(c.x - p.x, c.y - p.y) / 2);
    const rout = Math.min(r, Math.hypot(n.x - c.x, n.y - c.y) / 2);
    const ux = Math.sign(c.x - p.x), uy = Math.sign(c.y - p.y), vx = Math.sign(n.x - c.x), vy = Math.sign(n.y - c.y);
    d += ` L${fmt(c.x - ux * rin)},${fmt(c.y - uy * rin)} Q${fmt(c.x)},${fmt(c.y)} ${fmt(c.x + vx * rout)},${fmt(c.y + vy * rout)}`;
  }
  const last = pts[pts.length - 1]!;
  return `${d} L${fmt(last.x)},${fmt(last.y)}`;
}

/**
 * Between two masters (a leader-scoped link: Mesos-DNS polling the leading Mesos master, Marathon registering with
 * it): out of the source's bottom (top, if the target is above) into the gutter between groups, along it to the
 * rank gap left of the target, and up/down that gap into the target. Every master has the same one-row spine, so
 * the rank gaps are empty all the way down: no vertex is crossed.
 */
export function masterLanePath(a: Box, b: Box, gutterY: number): { path: string; x: number; y: number } {
  const down = gutterY > a.y;
  const sx = a.x + a.w / 2;
  const inX = b.x - RANK_GAP_MID;
  const ty = b.y + b.h / 2;
  const path = roundedPath([{ x: sx, y: down ? a.y + a.h : a.y }, { x: sx, y: gutterY }, { x: inX, y: gutterY }, { x: inX, y: ty }, { x: b.x, y: ty }]);
  return { path, x: inX, y: gutterY };
}
const RANK_GAP_MID = 8;

/** Smooth path through dagre's route points (Catmull-Rom-like via quadratic midpoints). */
export function routePath(points: ReadonlyArray<{ x: number; y: number }>, ox: number, oy: number): { path: string; x: number; y: number } {
  const p = points.map((q) => ({ x: q.x + ox, y: q.y + oy }));
  let d = `M${fmt(p[0]!.x)},${fmt(p[0]!.y)}`;
  for (let i = 1; i < p.length - 1; i++) {
    const mx = (p[i]!.x + p[i + 1]!.x) / 2;
    const my = (p[i]!.y + p[i + 1]!.y) / 2;
    d += ` Q${fmt(p[i]!.x)},${fmt(p[i]!.y)} ${fmt(mx)},${fmt(my)}`;
  }
  const last = p[p.length - 1]!;
  d += ` L${fmt(last.x)},${fmt(last.y)}`;
  const mid = p[Math.floor((p.length - 1) / 2)]!;
  const mid2 = p[Math.ceil((p.length - 1) / 2)]!;
  return { path: d, x: (mid.x + mid2.x) / 2, y: (mid.y + mid2.y) / 2 };
}
