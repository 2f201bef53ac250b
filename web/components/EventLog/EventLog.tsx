/**
 * The event log: newest first, filterable by type / node / text, each line with its cause.
 * Virtualized by hand: fixed ROW_HEIGHT_PX rows, only the visible window (+ overscan) is in the DOM,
 * so thousands of entries scroll smoothly. When the reader has scrolled away from the top, arriving
 * events do not shift what they are reading (scrollTop is moved by the rows added above).
 */
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SimEvent } from '../../../shared/protocol/types.ts';
import { selectActions, selectLog, selectLogFilter, selectNodeIds, useBootShallow } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { describeEvent, eventCause, filterLogNewestFirst, formatSimTime, thousands } from './eventText.ts';
import './EventLog.css';
import { LogFoldButton } from '../Layout/LogFoldButton.tsx';
import { ShowInJournal } from '../Journal/ShowInJournal.tsx';

export const ROW_HEIGHT_PX = 44;
const OVERSCAN_ROWS = 6;
const EVENT_TYPES: readonly SimEvent['type'][] = ['unit', 'node', 'cluster', 'quorum', 'leader', 'dns', 'agent', 'task', 'fault', 'narration', 'step', 'availability', 'diagnostics', 'power'];

const Row = memo(function Row({ event, top }: { event: SimEvent; top: number }) {
  const cause = eventCause(event);
  const bad = event.type === 'fault' || (event.type === 'unit' && (event.to === 'failed' || event.to === 'stopped' || event.to === 'unhealthy'));
  return (
    <li className={`eventlog-row eventlog-${event.type}${bad ? ' eventlog-bad' : ''}`} style={{ top }} data-seq={event.seq}>
      <span className="eventlog-time">{formatSimTime(event.simTimeMs)}</span>
      <span className="eventlog-text" title={describeEvent(event)}>{describeEvent(event)}<ShowInJournal event={event} /></span>
      {cause && <span className="eventlog-cause" title={cause}>because {cause}</span>}
    </li>
  );
});

export function EventLog() {
  // Deferred: a batch re-renders the list in React's interruptible background lane, not in the urgent one.
  const log = useDeferredValue(useBoot(selectLog));
  const filter = useBoot(selectLogFilter);
  const nodeIds = useBootShallow(selectNodeIds);
  const { setLogFilter } = useBoot(selectActions);
  const scroller = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(scroller);
  const [scrollTop, setScrollTop] = useState(0);

  const indices = useMemo(() => filterLogNewestFirst(log, filter), [log, filter]);
  const count = indices ? indices.length : log.length;
  const eventAt = (row: number): SimEvent => log[indices ? indices[row]! : log.length - 1 - row]!;

  // Keep the reader's place: rows are prepended at the top, so push scrollTop down by the same amount.
  // The position comes from the scroll handler (a ref), never from reading the DOM here: reading
  // scrollTop after a commit would force a synchronous layout on every batch.
  const newestSeq = log.length > 0 ? log[log.length - 1]!.seq : 0;
  const previous = useRef({ count, newestSeq });
  const scrolledTo = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = previous.current;
    previous.current = { count, newestSeq };
    if (!el || scrolledTo.current === 0 || newestSeq === before.newestSeq) return;
    const added = count - before.count;
    if (added > 0) el.scrollTop = scrolledTo.current + added * ROW_HEIGHT_PX;
  }, [count, newestSeq]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(height, 200)) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  const rows = [];
  for (let i = first; i < last; i++) {
    const event = eventAt(i);
    rows.push(<Row key={event.seq} event={event} top={i * ROW_HEIGHT_PX} />);
  }

  return (
    <section className="panel eventlog" aria-label="Event log">
      <header className="panel-head">
        <h2>Events</h2>
        <span className="eventlog-count">{thousands(count)}{indices ? ` of ${thousands(log.length)}` : ''}</span>
        <LogFoldButton />
      </header>
      <div className="eventlog-filters">
        <select aria-label="Filter by event type" value={filter.types[0] ?? ''} onChange={(e) => setLogFilter({ types: e.target.value ? [e.target.value] : [] })}>
          <option value="">all types</option>
          {EVENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <select aria-label="Filter by node" value={filter.node} onChange={(e) => setLogFilter({ node: e.target.value })}>
          <option value="">all nodes</option>
          {nodeIds.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <input type="search" aria-label="Filter by text" placeholder="search…" value={filter.text} onChange={(e) => setLogFilter({ text: e.target.value })} />
      </div>
      <div className="eventlog-scroll" ref={scroller} onScroll={(e) => {
          scrolledTo.current = e.currentTarget.scrollTop;
          setScrollTop(scrolledTo.current);
        }} tabIndex={0} aria-label="Event list, newest first">
        {count === 0 ? (
          <p className="empty-note">{log.length === 0 ? 'No events yet.' : 'No event matches the filter.'}</p>
        ) : (
          <ol className="eventlog-list" style={{ height: count * ROW_HEIGHT_PX }}>{rows}</ol>
        )}
      </div>
    </section>
  );
}
