/**
 * A command's effects, as the store sees them: an acked `fault:inject` names the newest seq its events reached
 * (`lastSeq`); the command counts as applied once the store has folded events up to that seq, or a new epoch
 * superseded them. The server sends those events on its next tick, after the ack, so a page that waits for them shows
 * the fault and its consequences together. If they do not arrive within COVER_TIMEOUT_MS the page resyncs: a batch
 * went missing, and in a quiet (paused) room no later batch would ever reveal the gap.
 */
import type { BootStore } from './store.ts';
import type { ClusterSlice } from './clusterSlice.ts';

/** Many driver ticks: longer than a healthy server ever needs to send a command's events. */
export const COVER_TIMEOUT_MS = 2_000;

export interface SeqTarget {
  lastSeq: number;
  epoch: number;
}

/** True once `state` holds every event up to `target` (or its epoch is gone: those events will never come). */
export function covers(state: Pick<ClusterSlice, 'lastSeq' | 'epoch' | 'awaitingSnapshot'>, target: SeqTarget): boolean {
  return state.epoch !== target.epoch || (!state.awaitingSnapshot && state.lastSeq >= target.lastSeq);
}

/**
 * Resolves once the store covers `lastSeq` of its current epoch; after `timeoutMs` without it, calls `onMissing`
 * (the caller resyncs) and resolves anyway: the snapshot that follows covers the command.
 */
export function whenCovered(store: BootStore, lastSeq: number, onMissing: () => void, timeoutMs = COVER_TIMEOUT_MS): Promise<void> {
  const target = { lastSeq, epoch: store.getState().epoch };
  if (covers(store.getState(), target)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const unsubscribe = store.subscribe((state) => {
      if (covers(state, target)) done();
    });
    const timer = setTimeout(() => {
      onMissing();
      done();
    }, timeoutMs);
  });
}
