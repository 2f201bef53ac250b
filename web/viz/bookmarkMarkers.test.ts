// Bookmarks on the timeline as a class sees them: a named chip among the automatic marks, in time order, reachable
// with [ and ] like them; a long name is shortened on the chip but whole in the tooltip.
import { describe, expect, it } from 'vitest';
import type { Marker } from './timelineMarkers.ts';
import { bookmarkMarker, withBookmarks } from './bookmarkMarkers.ts';
import { nextMark, previousMark } from './markJump.ts';
import { placeMarkers } from '../components/Timeline/markerLayout.ts';

const mark = (atMs: number): Marker => ({ seq: atMs, atMs, kind: 'quorum', node: null, label: 'ZK 3/3', detail: '' });

describe('bookmark marks', () => {
  it('merges bookmarks among the automatic marks in time order, with keys that never collide with events', () => {
    const merged = withBookmarks([mark(60_000), mark(200_000)], [{ id: 1, name: 'quorum lost', atMs: 100_000 }, { id: 2, name: 'end', atMs: 300_000 }]);
    expect(merged.map((m) => [m.atMs, m.kind])).toEqual([[60_000, 'quorum'], [100_000, 'bookmark'], [200_000, 'quorum'], [300_000, 'bookmark']]);
    expect(merged.filter((m) => m.kind === 'bookmark').map((m) => m.seq)).toEqual([-1, -2]);
  });

  it('[ and ] stop at a bookmark like at any other mark', () => {
    const merged = withBookmarks([mark(60_000), mark(200_000)], [{ id: 1, name: 'here', atMs: 100_000 }]);
    expect(nextMark(merged, 60_000, 500_000)).toBe(100_000);
    expect(previousMark(merged, 200_000)).toBe(100_000);
  });

  it('shortens a long name on the chip and keeps it whole in the tooltip', () => {
    const name = 'the moment ZooKeeper lost its quorum for good';
    const m = bookmarkMarker({ id: 3, name, atMs: 65_000 });
    expect(m.label.length).toBeLessThanOrEqual(22);
    expect(m.label.endsWith('…')).toBe(true);
    expect(m.detail).toBe(`Bookmark "${name}" at 01:05.`);
  });

  it('a bookmark chip is placed with the first priority, so a crowded axis still shows it', () => {
    const crowded = [...Array.from({ length: 30 }, (_, i) => mark(1_000 * i)), bookmarkMarker({ id: 1, name: 'look', atMs: 15_000 })].sort((a, b) => a.atMs - b.atMs);
    const placed = placeMarkers(crowded, { startMs: 0, endMs: 30_000, widthPx: 400 });
    expect(placed.find((p) => p.marker.kind === 'bookmark')?.level).not.toBeNull();
  });
});
