// The discrete-event queue: a binary min-heap of [simTimeMs, qseq, action] ordered by (time, qseq), so events
// at the same time fire first-in first-out. Stored as plain arrays inside the engine state (JSON-safe).
// Invariant: qseq strictly increases on every push; pop order is total and deterministic.

export interface QueueState<A> {
  heap: [number, number, A][];
  nextQ: number;
}

export function emptyQueue<A>(): QueueState<A> {
  return { heap: [], nextQ: 0 };
}

function less<A>(a: [number, number, A], b: [number, number, A]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

export function push<A>(q: QueueState<A>, timeMs: number, action: A): void {
  const h = q.heap;
  const item: [number, number, A] = [timeMs, q.nextQ++, action];
  let i = h.length;
  h.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(item, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = item;
}

export function peekTime<A>(q: QueueState<A>): number | null {
  return q.heap.length > 0 ? q.heap[0][0] : null;
}

export function pop<A>(q: QueueState<A>): [number, number, A] | undefined {
  const h = q.heap;
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop() as [number, number, A];
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r], h[l]) ? r : l;
      if (!less(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}
