import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../shared/protocol/types.ts';
import { UNIT_CATALOG } from '../../shared/model/catalog.ts';
import { BOOT_SPINE, catalogUnitsForRole } from './dagCatalog.ts';
import { CAPTION_FONT, CAPTION_H, placeCaptions, shortCaption, textWidth } from './dagCaptions.ts';
import { captionText, instanceEdges } from './dagEdges.ts';
import { fixtureView, withUnitState } from './dagFixtures.ts';
import type { Box } from './dagLayout.ts';
import { clusterGeometry, DEFAULT_DAG_UI } from './dagModel.ts';

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('edge captions', () => {
  it('name the gate or record a class is taught, never a word cut in half', () => {
    expect(shortCaption('exhibitor.wait (all ZooKeepers serving)')).toBe('exhibitor.wait');
    expect(shortCaption('leader election + replicated log (ZooKeeper quorum)')).toBe('ZK quorum');
    expect(shortCaption('registration with the leading master')).toBe('registration');
    expect(shortCaption("polls the leader's state (leader via ZooKeeper)")).toBe("polls the leader's");
    for (const spec of Object.values(UNIT_CATALOG)) {
      for (const d of spec.dependsOn) {
        const c = shortCaption(d.via);
        expect(c.length, d.via).toBeLessThanOrEqual(18);
        if (c !== 'ZK quorum') expect(` ${d.via} `.replace(/[()]/g, ' '), d.via).toContain(c.includes('.') || c === 'cluster-id' ? c : ` ${c} `);
      }
    }
  });

  it('are dropped rather than laid over a box when every spot around their target is taken', () => {
    const target = { x: 100, y: 100, w: 120, h: 28 };
    const wall = { x: 0, y: 0, w: 400, h: 400 }; // everything around the target is covered
    expect(placeCaptions([{ key: 'a', text: '✕ exhibitor.wait', target }], [wall]).size).toBe(0);
  });

  it('are dropped rather than cut off at the edge of the drawing', () => {
    const target = { x: 2, y: 2, w: 60, h: 28 }; // top-left corner, narrower than the caption
    const spots = placeCaptions([{ key: 'a', text: '✕ exhibitor.wait', target }], [], { w: 64, h: 60 });
    expect(spots.size).toBe(0);
    const roomy = placeCaptions([{ key: 'a', text: '✕ exhibitor.wait', target }], [], { w: 400, h: 60 });
    expect(roomy.get('a')!.y).toBeGreaterThan(target.y + target.h); // below: above is off the drawing
  });

  it('are placed off every obstacle and off each other when there is room', () => {
    const target = { x: 100, y: 100, w: 120, h: 28 };
    const spots = placeCaptions([
      { key: 'a', text: '✕ exhibitor.wait', target },
      { key: 'b', text: '… ZK quorum', target },
    ], [{ x: 100, y: 80, w: 120, h: 18 }]); // something just above the target
    const box = (k: string, text: string) => ({ x: spots.get(k)!.x, y: spots.get(k)!.y - CAPTION_H / 2, w: textWidth(text, CAPTION_FONT), h: CAPTION_H });
    const a = box('a', '✕ exhibitor.wait');
    const b = box('b', '… ZK quorum');
    expect(overlaps(a, target) || overlaps(b, target)).toBe(false);
    expect(overlaps(a, b)).toBe(false);
    expect(a.y).toBeGreaterThan(target.y); // pushed below: the room above is taken
  });

  it('in the real catalog with quorum lost, no caption covers a vertex, a header or another caption', () => {
    const units = catalogUnitsForRole;
    let v: ClusterView = fixtureView(3, 2, 1, 'healthy', units);
    v = withUnitState(withUnitState(v, 'master-1', 'dcos-exhibitor', 'stopped'), 'master-3', 'dcos-exhibitor', 'stopped');
    for (const m of ['master-1', 'master-2', 'master-3']) {
      for (const u of ['dcos-mesos-master', 'dcos-mesos-dns', 'dcos-marathon', 'dcos-oauth']) v = withUnitState(v, m, u, 'waiting');
    }
    v = { ...v, quorum: { have: 1, need: 2 }, leaders: { mesos: null, marathon: null }, dns: { 'leader.mesos': null, 'marathon.mesos': null } };
    for (const arrangement of ['right', 'below'] as const) {
      const geom = clusterGeometry(v.nodes, DEFAULT_DAG_UI, units, BOOT_SPINE, arrangement);
      const labelled = instanceEdges(v, geom, units).filter((e) => e.label);
      expect(labelled.length).toBeGreaterThanOrEqual(6); // per master: ZK quorum, exhibitor.wait
      // a stopped Exhibitor blocks OAuth, Mesos-DNS and Marathon for the same reason: one caption, not three
      const keys = labelled.filter((e) => !e.from.startsWith('fact:')).map((e) => `${e.from}|${captionText(e)}`);
      expect(new Set(keys).size).toBe(keys.length);
      const boxes = labelled.map((e) => ({ e, b: { x: e.labelX, y: e.labelY - CAPTION_H / 2, w: textWidth(captionText(e), CAPTION_FONT), h: CAPTION_H } }));
      for (const { e, b } of boxes) {
        for (const [ref, vb] of geom.boxes) expect(overlaps(b, vb), `${captionText(e)} on ${e.to} covers ${ref}`).toBe(false);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!.b, boxes[j]!.b), `${boxes[i]!.e.to} vs ${boxes[j]!.e.to}`).toBe(false);
      }
    }
  });
});
