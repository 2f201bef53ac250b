// Marker chips: same-label markers at one spot merge, and a crowded strip keeps the faults and the
// lost quorum (what the class must see), hiding the least important chips first.
import { describe, expect, it } from 'vitest';
import type { Marker, MarkerKind } from '../../store/timelineModel.ts';
import { CHIP_LEVELS, placeMarkers } from './markerLayout.ts';

let seq = 0;
const m = (atMs: number, kind: MarkerKind, label: string): Marker => ({ seq: ++seq, atMs, kind, node: null, label, detail: label });
const win = { startMs: 0, endMs: 100_000, widthPx: 1_000 };

describe('placeMarkers', () => {
  it('merges identical labels at nearly the same pixel into one chip that lists them all', () => {
    const placed = placeMarkers([m(50_000, 'fault', '⚡ stop'), m(50_300, 'fault', '⚡ stop'), m(90_000, 'fault', '⚡ stop')], win);
    expect(placed.map((p) => [p.label, p.indices])).toEqual([['⚡ stop ×2', [0, 1]], ['⚡ stop', [2]]]);
  });

  it('ignores markers outside the window', () => {
    expect(placeMarkers([m(-1, 'narration', '❝'), m(100_001, 'narration', '❝')], win)).toEqual([]);
  });

  it('when crowded, faults and a lost quorum keep their own chips; the rest become one "N events" cluster chip', () => {
    const markers = [
      m(10_000, 'fault-cleared', 'kill ended'),
      m(10_100, 'narration', '❝'),
      m(10_200, 'leader', '♛ Mesos'),
      m(10_300, 'quorum-lost', 'ZK 1/3 ✕'),
      m(10_400, 'fault', '⚡ stop'),
      m(10_500, 'narration', '❝'),
    ];
    const placed = placeMarkers(markers, win);
    const shown = placed.filter((p) => p.level !== null);
    // Two levels, each with a chip right and one left of the crowded spot.
    expect(shown.length).toBe(2 * CHIP_LEVELS);
    expect(shown.map((p) => p.marker.kind)).toEqual(expect.arrayContaining(['fault', 'quorum-lost']));
    const cluster = shown.find((p) => p.members !== undefined)!;
    expect(cluster.label).toBe(`${cluster.indices.length} events`);
    expect(cluster.members!.every((c) => c.clustered === true && c.level === null)).toBe(true);
    expect(cluster.members!.map((c) => c.marker.kind)).toContain('fault-cleared');
    // Every marker is on a chip of its own or in the cluster: none is lost.
    expect(shown.flatMap((p) => p.indices).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('chips never overlap, however crowded; every marker has a chip, a place in a nearby cluster, or is counted', () => {
    const kinds: MarkerKind[] = ['fault', 'leader', 'quorum', 'narration', 'fault-cleared', 'health'];
    for (const seed of [1, 2, 3, 4, 5]) {
      const markers = Array.from({ length: 60 }, (_, i) => m(((i * 7919 * seed) % 100_000), kinds[(i * seed) % kinds.length]!, `label ${(i * seed) % 9}`)).sort((a, b) => a.atMs - b.atMs);
      const shown = placeMarkers(markers, win).filter((p) => p.level !== null);
      const spans = shown.map((p) => {
        const w = p.label.length * 7.2 + 12;
        return { level: p.level!, from: p.flip ? p.x - w : p.x, to: p.flip ? p.x : p.x + w };
      });
      for (const a of spans) for (const b of spans) if (a !== b && a.level === b.level) expect(a.to <= b.from || a.from >= b.to).toBe(true);
      expect(spans.every((s) => s.from >= 0 && s.to <= win.widthPx)).toBe(true);
      const placed = placeMarkers(markers, win);
      const hidden = placed.filter((p) => p.level === null && p.members === undefined && p.clustered !== true);
      expect(shown.flatMap((p) => p.indices).length + hidden.flatMap((p) => p.indices).length).toBe(60);
      // A cluster's count sits by its markers' lines, not a long way from some of them.
      for (const c of shown.filter((p) => p.members !== undefined)) {
        for (const mem of c.members!) expect(Math.abs(mem.x - c.x)).toBeLessThanOrEqual(160);
      }
    }
  });

  it('places everything when there is room', () => {
    const placed = placeMarkers([m(10_000, 'leader', '♛ Mesos'), m(40_000, 'quorum', 'ZK 3/3'), m(80_000, 'narration', '❝')], win);
    expect(placed.every((p) => p.level === 0)).toBe(true);
  });
});
