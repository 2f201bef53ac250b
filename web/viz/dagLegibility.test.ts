// What a class sees on a projector: the fitted DAG of the real catalog stays legible in the dashboard's DAG pane
// at 1366x768 (986x352 px measured in the running app), and quiet links from the masters to the agents run
// along the gutters instead of cutting through other masters' vertices.
import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../shared/protocol/types.ts';
import { CAPTION_FONT, CAPTION_H, textWidth } from './dagCaptions.ts';
import { BOOT_SPINE, catalogUnitsForRole } from './dagCatalog.ts';
import { captionText, instanceEdges } from './dagEdges.ts';
import { fixtureView, withUnitState } from './dagFixtures.ts';
import { VERTEX_FONT, type Box } from './dagLayout.ts';
import { chooseArrangement, clusterGeometry, DEFAULT_DAG_UI, type DagGeometry } from './dagModel.ts';
import { fitTransform } from './zoom.ts';

const PROJECTOR_PANE = { viewW: 986, viewH: 352 };

describe('legibility at fit', () => {
  const scaleIn = (pane: { viewW: number; viewH: number }) => (g: DagGeometry) => fitTransform({ contentW: g.width, contentH: g.height, ...pane }).k;

  it('a 3-master, 2+1-agent cluster renders vertex names at >= 10.5 px in the 1366x768 DAG pane (agents below)', () => {
    const view = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole);
    const right = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'right');
    const below = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'below');
    expect(chooseArrangement(right, below, scaleIn(PROJECTOR_PANE))).toBe('below');
    expect(scaleIn(PROJECTOR_PANE)(below) * VERTEX_FONT).toBeGreaterThanOrEqual(10.5); // was 8.3 px
    // below, the agents sit under the masters and nothing overlaps
    const m3 = below.groups.find((g) => g.node === 'master-3')!;
    expect(below.groups.find((g) => g.node === 'agent-1')!.y).toBeGreaterThan(m3.y + m3.h);
    const all = [...below.boxes.values(), ...below.groups];
    const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const g of below.groups) for (const h of below.groups) if (g !== h) expect(overlap(g, h)).toBe(false);
    expect(all.every((b) => b.x + b.w <= below.width && b.y + b.h <= below.height)).toBe(true);
  });

  it('a very wide, very short pane keeps the agents right of the masters', () => {
    const view = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole);
    const right = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'right');
    const below = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'below');
    expect(chooseArrangement(right, below, scaleIn({ viewW: 1900, viewH: 300 }))).toBe('right');
  });
});

describe('cross-node routing', () => {
  it('links from a master to the agents do not pass through another master group', () => {
    const view = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole);
    const g = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'right');
    const masters = g.groups.filter((x) => x.role === 'master');
    const edges = instanceEdges(view, g, catalogUnitsForRole).filter((e) => e.from.startsWith('master-') && !e.to.startsWith('master-'));
    expect(edges.length).toBeGreaterThan(3);
    // Sample the path's straight segments (M/L pairs): none may run inside a master group other than the source's.
    const inside = (b: Box, x: number, y: number): boolean => x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h;
    for (const e of edges) {
      const src = e.from.split('/')[0]!;
      const pts = [...e.path.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      for (const p of pts) {
        for (const m of masters) if (m.node !== src) expect(inside(m, p.x, p.y), `${e.key} at ${p.x},${p.y} inside ${m.node}`).toBe(false);
      }
      // and the horizontal run lies in a gutter: below the source group
      const sg = masters.find((m) => m.node === src)!;
      expect(pts.some((p) => p.y > sg.y + sg.h)).toBe(true);
    }
  });

  it('leader links between masters run in the gutters and rank gaps, through no vertex', () => {
    const view = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole); // Mesos and Marathon leader: master-1
    const g = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'below');
    const edges = instanceEdges(view, g, catalogUnitsForRole).filter((e) => e.from.startsWith('master-') && e.to.startsWith('master-') && e.from.split('/')[0] !== e.to.split('/')[0]);
    expect(edges.length).toBeGreaterThan(1);
    for (const e of edges) {
      const pts = [...e.path.matchAll(/[MLQ] ?([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      expect(e.path, 'an orthogonal lane, not a free curve').not.toContain('C');
      expect(pts.length).toBeGreaterThan(4);
      for (const p of pts.slice(1, -1)) {
        for (const [ref, b] of g.boxes) expect(p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h, `${e.key} bends inside ${ref}`).toBe(false);
      }
    }
  });

  it('with the agents below, links run down the bus left of the masters, not through them', () => {
    const view = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole);
    const g = clusterGeometry(view.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, 'below');
    const masters = g.groups.filter((x) => x.role === 'master');
    const edges = instanceEdges(view, g, catalogUnitsForRole).filter((e) => e.from.startsWith('master-') && !e.to.startsWith('master-'));
    expect(edges.length).toBeGreaterThan(2);
    for (const e of edges) {
      const src = e.from.split('/')[0]!;
      const pts = [...e.path.matchAll(/[MLQ] ?([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      for (const p of pts) {
        for (const m of masters) {
          if (m.node !== src) expect(p.x > m.x && p.x < m.x + m.w && p.y > m.y && p.y < m.y + m.h, `${e.key} at ${p.x},${p.y} inside ${m.node}`).toBe(false);
        }
      }
    }
  });
});

describe('edge captions on a projector', () => {
  const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it('with any one master unit stopped or failed, every caption is whole inside the drawing and covers no box', () => {
    const base = fixtureView(3, 2, 1, 'healthy', catalogUnitsForRole);
    const units = base.nodes.find((n) => n.id === 'master-1')!.units.map((u) => u.id);
    let checked = 0;
    for (const unit of units) {
      for (const state of ['stopped', 'failed'] as UnitState[]) {
        const v = withUnitState(base, 'master-1', unit, state);
        for (const arrangement of ['right', 'below'] as const) {
          const g = clusterGeometry(v.nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE, arrangement);
          const obstacles = [...g.boxes.entries(), ...Object.entries(g.facts)];
          const captions = instanceEdges(v, g, catalogUnitsForRole).filter((e) => e.label)
            .map((e) => ({ e, b: { x: e.labelX, y: e.labelY - CAPTION_H / 2, w: textWidth(captionText(e), CAPTION_FONT), h: CAPTION_H } }));
          for (const { e, b } of captions) {
            const what = `${captionText(e)} (${unit} ${state}, ${arrangement})`;
            expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= g.width && b.y + b.h <= g.height, `${what} cut off at the edge`).toBe(true);
            for (const [ref, box] of obstacles) expect(overlap(b, box), `${what} covers ${ref}`).toBe(false);
            for (const o of captions) if (o.e !== e) expect(overlap(b, o.b), `${what} covers ${captionText(o.e)}`).toBe(false);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
