// Jumping between marks as a teacher does: "[" goes back to the moment before, "]" forward, past the last mark is live.
import { describe, expect, it } from 'vitest';
import type { Marker } from './timelineMarkers.ts';
import { nextMark, previousMark } from './markJump.ts';

const mark = (atMs: number): Marker => ({ seq: atMs, atMs, kind: 'fault', node: null, label: '⚡', detail: '' });
const marks = [mark(60_000), mark(200_000), mark(420_000)];

describe('mark jumps', () => {
  it('goes to the previous mark strictly before the cursor (or now)', () => {
    expect(previousMark(marks, 500_000)).toBe(420_000);
    expect(previousMark(marks, 420_000)).toBe(200_000);
    expect(previousMark(marks, 60_000)).toBeNull();
  });

  it('goes to the next mark that has happened, and to live after the last one', () => {
    expect(nextMark(marks, 60_000, 500_000)).toBe(200_000);
    expect(nextMark(marks, 420_000, 500_000)).toBeNull();
    expect(nextMark(marks, 200_000, 300_000)).toBeNull(); // 420 s has not happened yet
  });
});
