/**
 * Explain at a past moment: while the time cursor is out of live, the Explain panel shows the selected unit's
 * cause tree as it was at the cursor (sim:explain {at}, rebuilt by the server from the room's recording). Like
 * usePastView, at most one request is in flight and a drag asks only for where the cursor ended; requests are also
 * at least PAST_EXPLAIN_MIN_MS apart, inside the server's per-socket budget (server/handlers/pastExplain.ts), so
 * scrubbing never earns a rate-limit error. An answer for another unit or another moment is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import { selectCursor, selectSelected } from '../store/selectors.ts';
import { bootStore, useBoot } from '../store/store.ts';
import type { SocketClient } from '../socket.ts';

export const PAST_EXPLAIN_MIN_MS = 300;

export function usePastExplain(client: SocketClient): void {
  const selected = useBoot(selectSelected);
  const cursor = useBoot(selectCursor);
  const inFlight = useRef(false);
  const lastAsk = useRef(-Infinity);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (selected === null || cursor === null || inFlight.current) return;
    const { explanation, actions } = bootStore.getState();
    const sameTarget = explanation !== null && explanation.target.node === selected.node && explanation.target.unit === selected.unit;
    if (sameTarget && explanation.atMs === cursor && !explanation.loading) return;
    if (!sameTarget) actions.setExplanation({ target: selected, chain: [], loading: true, error: null, atSeq: -1, atMs: cursor });
    const want = { ...selected, atMs: cursor };
    const id = window.setTimeout(() => {
      inFlight.current = true;
      lastAsk.current = performance.now();
      void client.explain(want.node, want.unit, want.atMs).then((result) => {
        const s = bootStore.getState();
        if (s.cursorMs !== want.atMs || s.selected?.node !== want.node || s.selected.unit !== want.unit) return;
        const base = { target: { node: want.node, unit: want.unit }, loading: false, atSeq: s.lastSeq, atMs: want.atMs };
        s.actions.setExplanation(result.ok ? { ...base, chain: result.chain, error: null } : { ...base, chain: [], error: result.error });
      }).finally(() => {
        inFlight.current = false;
        // The cursor or the selection moved while we waited: ask once for where they are now.
        const s = bootStore.getState();
        if (s.cursorMs !== null && s.selected !== null && (s.cursorMs !== want.atMs || s.selected.node !== want.node || s.selected.unit !== want.unit)) setRetry((n) => n + 1);
      });
    }, Math.max(0, lastAsk.current + PAST_EXPLAIN_MIN_MS - performance.now()));
    return () => window.clearTimeout(id);
  }, [client, selected, cursor, retry]);
}
