/**
 * "What would this do?" for the fault menu: when an inject item gets focus (hover focuses too), ask the server for a
 * preview of that fault over the next five minutes, once per item per menu opening, one request at a time (the
 * server meters previews per socket). The answers are shown under the items, and the units a focused item would
 * break are handed to the DAG to highlight.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Fault, PreviewOutcome } from '../../../shared/protocol/types.ts';
import type { Ack } from '../../../shared/protocol/messages.ts';

export type PreviewFn = (fault: Fault) => Promise<Ack<PreviewOutcome>>;
export type PreviewState = { status: 'loading' } | { status: 'done'; outcome: PreviewOutcome } | { status: 'error'; error: string };

/** The units a preview says would go wrong (not those merely progressing): "node/unit" refs for the DAG. */
export function brokenRefs(outcome: PreviewOutcome): string[] {
  return outcome.affected.filter((a) => a.to !== 'healthy' && a.to !== 'starting').map((a) => `${a.node}/${a.unit}`);
}

export function usePreviews(preview: PreviewFn | undefined, onHighlight: ((refs: string[] | null) => void) | undefined) {
  const [byItem, setByItem] = useState<Record<string, PreviewState>>({});
  const busy = useRef(false);
  const queued = useRef<{ id: string; fault: Fault } | null>(null);
  // The menu closed (a fault picked, Escape) while a preview was out: its answer highlights nothing.
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);

  const run = useCallback((id: string, fault: Fault) => {
    if (preview === undefined) return;
    queued.current = { id, fault }; // only the last item asked for while busy is computed
    if (busy.current) return;
    busy.current = true;
    void (async () => {
      for (let next = queued.current; next !== null; next = queued.current) {
        queued.current = null;
        const item = next.id;
        setByItem((m) => ({ ...m, [item]: { status: 'loading' } }));
        const ack = await preview(next.fault);
        const state: PreviewState = ack.ok ? { status: 'done', outcome: ack } : { status: 'error', error: ack.error };
        setByItem((m) => ({ ...m, [item]: state }));
        if (ack.ok && open.current) onHighlight?.(brokenRefs(ack));
      }
      busy.current = false;
    })();
  }, [preview, onHighlight]);

  /** An item got focus: show its cached preview's units, or ask for one. */
  const focus = useCallback((id: string, fault: Fault | null) => {
    if (fault === null) {
      onHighlight?.(null);
      return;
    }
    const known = byItem[id];
    if (known === undefined) run(id, fault);
    else onHighlight?.(known.status === 'done' ? brokenRefs(known.outcome) : null);
  }, [byItem, run, onHighlight]);

  return { byItem, focus };
}
