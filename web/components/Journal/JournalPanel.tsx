/**
 * The Journal panel: the selected node's journal as `journalctl -o short-iso` prints it (generated in the page from
 * the events it holds, by shared/journal, the same code as GET /api/rooms/<room>/journal), filterable by unit and
 * priority, following the time cursor (lines up to it; live: up to now). Clicking a line moves the cursor to its
 * moment and selects its unit, so the timeline and the DAG show the event it comes from; the event log's
 * "journal" button comes back here (focus on that event's lines). Every line is React text (escaped).
 * Below: the real boot laid over the model (RealBootBox).
 */
import { useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
import { journalEntries } from '../../../shared/journal/generator.ts';
import { shortIsoLine } from '../../../shared/journal/format.ts';
import type { JournalEntry } from '../../../shared/journal/types.ts';
import { selectActions, selectCursor, selectLog, selectSelected, selectView } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { formatSimTime } from '../../../shared/model/time.ts';
import { journalStore, useJournal } from './journalStore.ts';
import { RealBootBox } from './RealBootBox.tsx';
import { LogTabButtons } from './LogTabButtons.tsx';
import './Journal.css';

/** Lines drawn at most (the newest up to the cursor): the DOM stays small whatever the node wrote. */
export const MAX_JOURNAL_ROWS = 300;
const PRIORITIES: [number, string][] = [[7, 'all priorities'], [6, 'info and worse'], [5, 'notice and worse'], [4, 'warning and worse'], [3, 'err and worse']];

export function JournalPanel() {
  const view = useBoot(selectView);
  const log = useDeferredValue(useBoot(selectLog));
  const selected = useBoot(selectSelected);
  const cursorMs = useBoot(selectCursor);
  const { setCursor, select } = useBoot(selectActions);
  const unitChoice = useJournal((s) => s.unit);
  const maxPriority = useJournal((s) => s.maxPriority);
  const focusSeq = useJournal((s) => s.focusSeq);
  const node = selected?.node ?? view?.nodes[0]?.id ?? null;
  const cluster = view?.cluster ?? null;
  const nodeUnits = useMemo(() => view?.nodes.find((n) => n.id === node)?.units.map((u) => u.id) ?? [], [view, node]);
  const unit = unitChoice === null ? selected?.unit ?? '' : unitChoice;

  const entries = useMemo<JournalEntry[]>(() => (cluster === null || node === null ? [] : [...journalEntries(cluster, log, { node })]), [cluster, log, node]);
  const shown = useMemo(() => {
    const until = cursorMs ?? Number.POSITIVE_INFINITY;
    const out: JournalEntry[] = [];
    for (const e of entries) {
      if (e.simMs > until) break;
      if ((unit === '' || e.unit === unit) && e.priority <= maxPriority) out.push(e);
    }
    return { lines: out.slice(-MAX_JOURNAL_ROWS), total: out.length };
  }, [entries, cursorMs, unit, maxPriority]);

  const list = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const focused = focusSeq === null ? null : el.querySelector<HTMLElement>(`[data-seq="${focusSeq}"]`);
    if (focused) focused.scrollIntoView({ block: 'nearest' });
    else el.scrollTop = el.scrollHeight;
  }, [shown, focusSeq]);

  return (
    <section className="panel journal" aria-label="Journal" data-testid="journal-panel" data-node={node ?? ''}>
      <header className="panel-head">
        <h2>Journal</h2>
        <LogTabButtons />
        <code className="journal-cmd" title="the same lines over HTTP: /api/rooms/<room>/journal?node=…">journalctl{unit ? ` -u ${unit}` : ''} · {node ?? '—'}</code>
      </header>
      <div className="journal-filters">
        <select aria-label="Journal unit" value={unit} onChange={(e) => journalStore.getState().setUnit(e.target.value)}>
          <option value="">all units</option>
          {nodeUnits.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
        <select aria-label="Journal priority" value={maxPriority} onChange={(e) => journalStore.getState().setMaxPriority(Number(e.target.value))}>
          {PRIORITIES.map(([p, label]) => <option key={p} value={p}>{label}</option>)}
        </select>
        <span className="journal-count">{shown.total > shown.lines.length ? `last ${shown.lines.length} of ${shown.total}` : `${shown.total} lines`}</span>
      </div>
      <ol className="journal-lines" ref={list} aria-label={`Journal of ${node ?? 'no node'}, oldest first, up to the time cursor`}>
        {shown.lines.length === 0 ? <li className="empty-note">No journal lines yet{unit ? ` for ${unit}` : ''}.</li> : null}
        {shown.lines.map((e) => (
          <li key={`${e.seq}-${e.index}`}>
            <button type="button" className={`journal-line journal-p${e.priority}`} data-testid="journal-line" title={shortIsoLine(e)} data-seq={e.seq} data-sim-ms={e.simMs} data-unit={e.unit}
              data-priority={e.priority} aria-current={focusSeq === e.seq ? 'true' : undefined}
              onClick={() => {
                journalStore.getState().focus(e.seq);
                select({ node: e.node, unit: e.unit });
                setCursor(e.simMs);
              }}>
              <span className="journal-time">{formatSimTime(e.simMs)}</span> {e.identifier}[{e.pid}]: {e.message}
            </button>
          </li>
        ))}
      </ol>
      <RealBootBox />
    </section>
  );
}
