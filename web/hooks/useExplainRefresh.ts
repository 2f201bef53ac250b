/**
 * Keeps the explanation of the selected unit current: fetched with sim:explain when the selection
 * changes, then refreshed at most once per EXPLAIN_REFRESH_MS while events arrive (throttled, not
 * per batch). A stale answer (for a previous selection) is dropped. The selection itself is dropped on reset,
 * scenario load and recovery (useExplainAutoClear). While the time cursor is out of live, usePastExplain asks
 * for the explanation at the cursor instead, and this hook waits.
 */
import { useEffect, useRef } from 'react';
import { selectCursor, selectLastSeq, selectSelected } from '../store/selectors.ts';
import { bootStore, useBoot } from '../store/store.ts';
import type { SocketClient } from '../socket.ts';
import { useExplainAutoClear } from './useExplainAutoClear.ts';
import { usePastExplain } from './usePastExplain.ts';

export const EXPLAIN_REFRESH_MS = 1_000;

export function useExplainRefresh(client: SocketClient): void {
  const selected = useBoot(selectSelected);
  const lastSeq = useBoot(selectLastSeq);
  const cursor = useBoot(selectCursor);
  const lastFetch = useRef(0);
  useExplainAutoClear();
  usePastExplain(client);

  useEffect(() => {
    if (!selected) {
      bootStore.getState().actions.setExplanation(null);
      return;
    }
    if (cursor !== null) return; // looking at the past: usePastExplain answers
    const current = bootStore.getState().explanation;
    // An explanation of the past is not a stale live one: back to live, ask at once.
    const sameTarget = current !== null && current.target.node === selected.node && current.target.unit === selected.unit && current.atMs == null;
    if (sameTarget && current.atSeq === lastSeq) return;
    const wait = sameTarget ? Math.max(0, lastFetch.current + EXPLAIN_REFRESH_MS - performance.now()) : 0;
    if (!sameTarget) bootStore.getState().actions.setExplanation({ target: selected, chain: [], loading: true, error: null, atSeq: -1 });
    const id = window.setTimeout(() => {
      lastFetch.current = performance.now();
      const atSeq = bootStore.getState().lastSeq;
      void client.explain(selected.node, selected.unit).then((result) => {
        const { selected: sel, cursorMs } = bootStore.getState();
        if (!sel || sel.node !== selected.node || sel.unit !== selected.unit || cursorMs !== null) return;
        bootStore.getState().actions.setExplanation(
          result.ok
            ? { target: selected, chain: result.chain, loading: false, error: null, atSeq }
            : { target: selected, chain: [], loading: false, error: result.error, atSeq },
        );
      });
    }, wait);
    return () => window.clearTimeout(id);
  }, [client, selected, lastSeq, cursor]);
}
