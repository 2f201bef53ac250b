// The discrete-event queue: a 4-ary min-heap of scheduled actions ordered by (time, qseq), so actions at the same
// time fire first-in first-out. Four children per entry halve the depth of a 150k-entry heap (17 -> 9 levels) and
// keep siblings on neighbouring cache lines; any heap pops the same total order, so the log does not depend on it. Stored flat in ONE plain number array, STRIDE numbers per entry
// [simTimeMs, qseq, kind, node, unit, epoch]: a 10,000-agent cluster keeps ~150k actions pending, and an object
// (or two) per entry was most of what the young-generation GC had to copy. Still plain JSON in the engine state.
// Invariant: qseq strictly increases on every push; pop order is total and deterministic.

/** Numbers per entry: time, qseq, kind (an index the caller defines), node, unit, epoch. */
export const STRIDE = 6;

export interface QueueState {
  /** Flat entries, STRIDE numbers each, in heap order. */
  heap: number[];
  nextQ: number;
}

/** The entry popped last (reused: read it before the next pop). */
export interface Popped {
  timeMs: number;
  kind: number;
  node: number;
  unit: number;
  epoch: number;
}

export function emptyQueue(): QueueState {
  return { heap: [], nextQ: 0 };
}

export function queueSize(q: QueueState): number {
  return q.heap.length / STRIDE;
}

/** Entry at slot i (a multiple of STRIDE) sorts before time t with qseq s. */
function before(h: number[], i: number, t: number, s: number): boolean {
  return h[i] < t || (h[i] === t && h[i + 1] < s);
}

function copyEntry(h: number[], to: number, from: number): void {
  for (let k = 0; k < STRIDE; k++) h[to + k] = h[from + k];
}

export function push(q: QueueState, timeMs: number, kind: number, node: number, unit: number, epoch: number): void {
  const h = q.heap;
  const s = q.nextQ++;
  let i = h.length;
  h.push(timeMs, s, kind, node, unit, epoch);
  while (i > 0) {
    const parent = (((i / STRIDE - 1) >> 2) * STRIDE);
    if (before(h, parent, timeMs, s)) break;
    copyEntry(h, i, parent);
    i = parent;
  }
  h[i] = timeMs; h[i + 1] = s; h[i + 2] = kind; h[i + 3] = node; h[i + 4] = unit; h[i + 5] = epoch;
}

export function peekTime(q: QueueState): number | null {
  return q.heap.length > 0 ? q.heap[0] : null;
}

/** Remove the first entry into `out`; false when the queue is empty. */
export function pop(q: QueueState, out: Popped): boolean {
  const h = q.heap;
  if (h.length === 0) return false;
  out.timeMs = h[0]; out.kind = h[2]; out.node = h[3]; out.unit = h[4]; out.epoch = h[5];
  // Six pop()s, not `h.length = last`: setting length is a runtime call, pop() an inlined builtin.
  const e = h.pop()!, u = h.pop()!, n = h.pop()!, k = h.pop()!, s = h.pop()!, t = h.pop()!;
  const last = h.length;
  if (last === 0) return true;
  let i = 0;
  for (;;) {
    const first = 4 * i + STRIDE; // first child of slot i: 4 * (i / STRIDE) + 1 entries in
    if (first >= last) break;
    let c = first;
    const end = Math.min(first + 4 * STRIDE, last);
    for (let k = first + STRIDE; k < end; k += STRIDE) if (before(h, k, h[c], h[c + 1])) c = k;
    if (!before(h, c, t, s)) break;
    copyEntry(h, i, c);
    i = c;
  }
  h[i] = t; h[i + 1] = s; h[i + 2] = k; h[i + 3] = n; h[i + 4] = u; h[i + 5] = e;
  return true;
}
