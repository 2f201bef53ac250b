/**
 * Keeps this viewer's past view in step with the time cursor: when the cursor moves, ask the server for the cluster
 * as it was then (GET /api/rooms/<room>/view?at=, rebuilt from the room's recording and checkpoints). At most one
 * request is in flight; a drag that moves the cursor meanwhile asks only for where it ended, so the page never
 * queues work behind the pointer. A reset or scenario load (new epoch) returns to live.
 */
import { useEffect, useRef, useState } from 'react';
import type { ClusterView } from '../../shared/protocol/types.ts';
import { getRoomJson } from '../roomApi.ts';
import { selectCursor, selectEpoch, selectRoom } from '../store/selectors.ts';
import { bootStore, useBoot } from '../store/store.ts';

export type FetchView = (room: string, atMs: number) => Promise<ClusterView>;

export const fetchPastView: FetchView = async (room, atMs) => {
  const { view } = await getRoomJson<{ view?: ClusterView }>(room, `view?at=${atMs}`);
  if (view === undefined) throw new Error('the answer has no view');
  return view;
};

export function usePastView(fetchView: FetchView = fetchPastView): void {
  const cursor = useBoot(selectCursor);
  const room = useBoot(selectRoom);
  const epoch = useBoot(selectEpoch);
  const inFlight = useRef(false);
  const lastEpoch = useRef(epoch);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (epoch === lastEpoch.current) return;
    lastEpoch.current = epoch;
    bootStore.getState().actions.setCursor(null); // the history we were looking at is gone
  }, [epoch]);

  useEffect(() => {
    if (cursor === null || room === null || inFlight.current) return;
    const want = cursor;
    inFlight.current = true;
    fetchView(room, want)
      .then((view) => {
        const s = bootStore.getState();
        if (s.cursorMs !== null) s.actions.setPastView({ atMs: want, view });
      })
      .catch((error: unknown) => {
        const s = bootStore.getState();
        s.actions.toast(`Cannot show ${want} ms: ${error instanceof Error ? error.message : String(error)}`);
        s.actions.setCursor(null);
      })
      .finally(() => {
        inFlight.current = false;
        // The cursor moved while we waited: fetch where it is now (one request, not one per pointer move).
        const now = bootStore.getState().cursorMs;
        if (now !== null && now !== want) setRetry((n) => n + 1);
      });
  }, [cursor, room, fetchView, retry]);
}
