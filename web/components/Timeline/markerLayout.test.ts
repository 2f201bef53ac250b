// Marker chips: same-label markers at one spot merge, and a crowded strip keeps the faults and the
// lost quorum (what the class must see), hiding the least important chips first.
import { describe, expect, it } from 'vitest';
import type { Marker, MarkerKind } from '../../viz/timelineModel.ts';
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

  it('when crowded, faults and a lost quorum get chips before leaders, narration and ended faults', () => {
    const markers = [
      m(10_000, 'fault-cleared', 'kill ended'),
      m(10_100, 'narration', '❝'),
      m(10_200, 'leader', '♛ Mesos'),
      m(10_300, 'quorum-lost', 'ZK 1/3 ✕'),
      m(10_400, 'fault', '⚡ stop'),
    ];
    const placed = placeMarkers(markers, win);
    const shown = placed.filter((p) => p.level !== null).map((p) => p.marker.kind);
    // Two levels, each with a chip right and one left of the crowded spot.
    expect(shown.length).toBe(2 * CHIP_LEVELS);
    expect(shown).toContain('fault');
    expect(shown).toContain('quorum-lost');
    expect(shown).not.toContain('fault-cleared');
    expect(placed.filter((p) => p.flip).length).toBe(CHIP_LEVELS);
  });

  it('places everything when there is room', () => {
    const placed = placeMarkers([m(10_000, 'leader', '♛ Mesos'), m(40_000, 'quorum', 'ZK 3/3'), m(80_000, 'narration', '❝')], win);
    expect(placed.every((p) => p.level === 0)).toBe(true);
  });
});
