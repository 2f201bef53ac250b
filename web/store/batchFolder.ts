/**
 * Folds big event batches into the store a slice per task and renders once per batch.
 *
 * Why: a 10,000-agent boot sends batches of up to 5,000 events (server/eventWeight.ts). Folding one into the view,
 * the timeline and the log allocates enough to drag the GC's marking of a ~100 MB heap into the same task; with
 * the render after it, one batch was one task of ~100 ms of CPU, and 300-900 ms of wall time on a 2-core machine
 * whose other core runs the server. Here each slice of MAX_EVENTS_PER_TASK events is folded in its own task into
 * a draft kept outside the store, and the store gets the result in one update when the batch's last slice is in
 * (committing per slice was tried: every render at 10,000 agents has a fixed cost, and the page's CPU rose 50%).
 *
 * Invariants:
 *  - slices are folded in arrival order, each a run of consecutive seqs, so feed.ts's gap detection sees a
 *    continuous log (a slice's `fromSeq` is the previous slice's `toSeq` + 1); only a batch's last slice carries
 *    its clock;
 *  - a batch that fits in one slice and finds nothing pending is applied at once, exactly as applyBatch does
 *    (small rooms and their tests see no difference);
 *  - the store is never left between two slices of a batch; a snapshot (`clear()`) drops the draft and the queue;
 *  - a slice judged 'resync', or one that throws, drops the draft and what is queued and marks the store as
 *    awaiting a snapshot (which will replace it all).
 */
import type { EventBatch } from '../../shared/protocol/messages.ts';
import { applyBatch, commitFold, foldBatch, type BatchVerdict, type FoldState } from './feed.ts';
import type { BootStore } from './store.ts';

export const MAX_EVENTS_PER_TASK = 1_000;

/** `batch` cut into consecutive slices of at most `max` events (the batch itself when it fits). */
export function sliceBatch(batch: EventBatch, max = MAX_EVENTS_PER_TASK): EventBatch[] {
  const { events } = batch;
  if (events.length <= max) return [batch];
  const slices: EventBatch[] = [];
  for (let from = 0; from < events.length; from += max) {
    const part = events.slice(from, from + max);
    const last = from + max >= events.length;
    slices.push({ ...batch, events: part, fromSeq: part[0]!.seq, toSeq: part[part.length - 1]!.seq, simTimeMs: last ? batch.simTimeMs : part[part.length - 1]!.simTimeMs });
  }
  return slices;
}

export interface BatchFolder {
  push(batch: EventBatch): void;
  /** Drop the draft and what is queued (a snapshot replaced the state, or the connection dropped). */
  clear(): void;
  /**
   * A change just made to the store that the batch being folded must keep when it commits (a page of older history put
   * in front of the timeline, feed.ts timelineWithPage): applied to the draft too, if there is one.
   */
  mapDraft(fn: (draft: FoldState) => FoldState): void;
  readonly queued: number;
}

interface Slice {
  batch: EventBatch;
  /** The batch's last slice: commit after it. */
  last: boolean;
}

/** A task boundary: a macrotask, so the browser can paint and handle input between slices. */
const nextTask = (fn: () => void): void => {
  setTimeout(fn, 0);
};

export function createBatchFolder(
  store: BootStore,
  options: { now: () => number; onVerdict: (verdict: BatchVerdict) => void; schedule?: (fn: () => void) => void; max?: number },
): BatchFolder {
  const schedule = options.schedule ?? nextTask;
  const max = options.max ?? MAX_EVENTS_PER_TASK;
  const queue: Slice[] = [];
  let draft: FoldState | null = null;
  let scheduled = false;
  // Bumped by clear(): a task scheduled before it must not run on.
  let generation = 0;

  const drop = () => {
    queue.length = 0;
    draft = null;
    scheduled = false;
    generation += 1;
  };

  // A batch we cannot fold in must not leave the view half-updated: start again from a snapshot.
  const broken = (): BatchVerdict => {
    drop();
    store.setState({ awaitingSnapshot: true });
    return 'resync';
  };

  const foldOne = () => {
    const slice = queue.shift();
    if (slice === undefined) return;
    const base = draft ?? store.getState();
    let folded: ReturnType<typeof foldBatch>;
    try {
      folded = foldBatch(base, slice.batch, options.now());
    } catch {
      options.onVerdict(broken());
      return;
    }
    const { verdict, next } = folded;
    if (verdict === 'resync') {
      drop();
      store.setState({ awaitingSnapshot: true });
    } else {
      if (next !== null) draft = next;
      if (slice.last && draft !== null) {
        // A playback message may have moved the clock while we folded: never step it back.
        const clock = store.getState().clock;
        commitFold(store, draft.clock.simTimeMs >= clock.simTimeMs ? draft : { ...draft, clock });
        draft = null;
      }
    }
    options.onVerdict(verdict);
  };

  const run = (gen: number) => {
    if (gen !== generation) return;
    scheduled = false;
    foldOne();
    if (queue.length > 0 && gen === generation) {
      scheduled = true;
      schedule(() => run(gen));
    }
  };

  return {
    push(batch) {
      if (queue.length === 0 && draft === null && batch.events.length <= max) {
        let verdict: BatchVerdict;
        try {
          verdict = applyBatch(store, batch, options.now());
        } catch {
          verdict = broken();
        }
        options.onVerdict(verdict);
        return;
      }
      const slices = sliceBatch(batch, max);
      slices.forEach((b, i) => queue.push({ batch: b, last: i === slices.length - 1 }));
      if (!scheduled) {
        // The first slice now (the message's own task), the rest one per task.
        const gen = generation;
        run(gen);
      }
    },
    clear: drop,
    mapDraft(fn) {
      if (draft !== null) draft = fn(draft);
    },
    get queued() {
      return queue.length;
    },
  };
}
