// The event queue orders by (time, insertion): ties fire first-in first-out, whatever the heap shape.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyQueue, peekTime, pop, push } from './queue.ts';

describe('queue', () => {
  it('fires events at the same time in insertion (FIFO) order', () => {
    const q = emptyQueue<string>();
    push(q, 10, 'b1');
    push(q, 5, 'a');
    push(q, 10, 'b2');
    push(q, 10, 'b3');
    push(q, 7, 'x');
    push(q, 10, 'b4');
    const out: string[] = [];
    for (let it = pop(q); it; it = pop(q)) out.push(it[2]);
    expect(out).toEqual(['a', 'x', 'b1', 'b2', 'b3', 'b4']);
    expect(peekTime(q)).toBeNull();
  });

  it('pops in (time, insertion) order for any pushes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = emptyQueue<number>();
        times.forEach((t, i) => push(q, t, i));
        const out: [number, number][] = [];
        for (let it = pop(q); it; it = pop(q)) out.push([it[0], it[2]]);
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('survives a JSON round trip mid-way with the same order', () => {
    const q = emptyQueue<string>();
    for (let i = 0; i < 50; i++) push(q, (i * 37) % 11, `e${i}`);
    const first = [pop(q)![2], pop(q)![2]];
    const copy = JSON.parse(JSON.stringify(q)) as typeof q;
    push(q, 3, 'late');
    push(copy, 3, 'late');
    const drain = (x: typeof q) => {
      const out: string[] = [];
      for (let it = pop(x); it; it = pop(x)) out.push(it[2]);
      return out;
    };
    expect(first).toEqual(['e0', 'e11']);
    expect(drain(copy)).toEqual(drain(q));
  });
});
