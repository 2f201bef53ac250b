// The event queue orders by (time, insertion): ties fire first-in first-out, whatever the heap shape, and every
// number of an entry comes back as pushed (the payload travels in `node` here).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyQueue, peekTime, pop, push, queueSize, type Popped, type QueueState } from './queue.ts';

const fresh = (): Popped => ({ timeMs: 0, kind: 0, node: 0, unit: 0, epoch: 0 });
const add = (q: QueueState, t: number, payload: number) => push(q, t, payload % 7, payload, -payload, payload * 3 - 1);
function drain(q: QueueState): [number, number][] {
  const out: [number, number][] = [];
  const p = fresh();
  while (pop(q, p)) {
    expect([p.kind, p.unit, p.epoch]).toEqual([p.node % 7, -p.node, p.node * 3 - 1]);
    out.push([p.timeMs, p.node]);
  }
  return out;
}

describe('queue', () => {
  it('fires events at the same time in insertion (FIFO) order', () => {
    const q = emptyQueue();
    [[10, 21], [5, 1], [10, 22], [10, 23], [7, 9], [10, 24]].forEach(([t, p]) => add(q, t, p));
    expect(queueSize(q)).toBe(6);
    expect(drain(q).map(([, p]) => p)).toEqual([1, 9, 21, 22, 23, 24]);
    expect(peekTime(q)).toBeNull();
    expect(pop(q, fresh())).toBe(false);
  });

  it('pops in (time, insertion) order for any pushes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = emptyQueue();
        times.forEach((t, i) => add(q, t, i));
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('survives a JSON round trip mid-way with the same order', () => {
    const q = emptyQueue();
    for (let i = 0; i < 50; i++) add(q, (i * 37) % 11, i);
    const p = fresh();
    const first = [pop(q, p) && p.node, pop(q, p) && p.node];
    const copy = JSON.parse(JSON.stringify(q)) as QueueState;
    add(q, 3, 99);
    add(copy, 3, 99);
    expect(first).toEqual([0, 11]);
    expect(drain(copy)).toEqual(drain(q));
  });
});
