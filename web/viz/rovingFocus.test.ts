// A keyboard user crosses the graph with the arrow keys instead of tabbing through a hundred vertices.
import { describe, expect, it } from 'vitest';
import { nextInDirection } from './rovingFocus.ts';

const box = (x: number, y: number) => ({ x, y, w: 100, h: 28 });
const boxes = new Map([
  ['m1/a', box(0, 0)], ['m1/b', box(120, 0)], ['m1/c', box(240, 0)],
  ['m2/a', box(0, 60)], ['m2/b', box(120, 60)], ['group:agents', box(400, 0)],
]);

describe('arrow keys across the graph', () => {
  it('moves to the nearest vertex in the pressed direction and stops at the edge', () => {
    expect(nextInDirection(boxes, 'm1/a', 'right')).toBe('m1/b');
    expect(nextInDirection(boxes, 'm1/b', 'down')).toBe('m2/b');
    expect(nextInDirection(boxes, 'm2/b', 'up')).toBe('m1/b');
    expect(nextInDirection(boxes, 'm1/a', 'left')).toBeNull();
    expect(nextInDirection(boxes, 'm1/c', 'right')).toBeNull();
  });
});
