// The captions of the DAG's blocked edges: one per blocked dependent (its worst edge), one per source and reason
// (the dependent nearest the source), placed worst first where they cover nothing and are not cut off.
import { placeCaptions, shortCaption } from './dagCaptions.ts';
import type { Box } from './dagLayout.ts';
import { HEADER_H, HEADER_TEXT_W, type DagGeometry } from './dagModel.ts';
import { LEVEL, type DagEdge } from './dagEdgeResolve.ts';

/** Marks the edges that carry a caption (label, labelX, labelY), in place. */
export function labelEdges(edges: readonly DagEdge[], geom: DagGeometry): void {
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
