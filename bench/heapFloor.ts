// The floor the engine benchmark compares against: a bare discrete-event loop on a binary heap ordered by
// (timeMs, seq) that processes the same number of events and writes the same ndjson lines as the engine run,
// with no model behind it. engine cost per event / floor cost per event = what the DC/OS model costs.
// Invariant: deterministic (own LCG), and its output goes to the same kind of counting sink as the engine's.
import { LineWriter, countingSink } from '../server/cli/output.ts';

interface Entry {
  timeMs: number;
  seq: number;
  /** Index into the recorded events whose line this entry writes. */
  payload: number;
}

/** A plain array-backed binary min-heap on (timeMs, seq): FIFO on equal times, like the engine's queue. */
export class MinHeap {
  private items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: Entry): void {
    const a = this.items;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Entry, y: Entry): boolean {
  return x.timeMs < y.timeMs || (x.timeMs === y.timeMs && x.seq < y.seq);
}

export interface FloorResult {
  events: number;
  chars: number;
}

/**
 * Process `events.length` heap events: `concurrency` timers are pending at any moment (like one per unit of
 * a big cluster), each pop writes one recorded event as an ndjson line (unless `write` is false) and schedules
 * the next timer.
 */
export function runHeapFloor(events: readonly unknown[], concurrency: number, write = true): FloorResult {
  const heap = new MinHeap();
  const sink = countingSink();
  const writer = new LineWriter(sink);
  let seq = 0;
  let rng = 12345;
  const nextDelay = () => {
    rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
    return 1 + (rng % 5000);
  };
  for (let i = 0; i < Math.min(concurrency, events.length); i += 1) heap.push({ timeMs: nextDelay(), seq: seq++, payload: i % events.length });
  let processed = 0;
  while (processed < events.length) {
    const entry = heap.pop()!;
    if (write) writer.line(JSON.stringify(events[processed]));
    processed += 1;
    heap.push({ timeMs: entry.timeMs + nextDelay(), seq: seq++, payload: processed % events.length });
  }
  writer.flush();
  return { events: processed, chars: sink.chars };
}
