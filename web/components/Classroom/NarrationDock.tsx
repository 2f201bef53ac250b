/**
 * The scenario's narration, docked beside the graph (never over it): the whole transcript, newest at the bottom and
 * scrolled into view, each line a link to its moment on the timeline (the time cursor). When the room waits at a
 * narration for the presenter, the dock says so and offers Continue to whoever may drive the room (→ and Space do the
 * same); the rest of the class reads "waiting for the presenter".
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatSimTime } from '../../../shared/model/time.ts';
import { useClient } from '../../hooks/useClient.ts';
import { selectLockReason } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import './Classroom.css';

export function NarrationDock() {
  const client = useClient();
  const log = useBoot((s) => s.log);
  const waiting = useBoot((s) => s.waiting);
  const lock = useBoot(selectLockReason);
  const cursorMs = useBoot((s) => s.cursorMs);
  const setCursor = useBoot((s) => s.actions.setCursor);
  const lines = useMemo(() => log.filter((e) => e.type === 'narration'), [log]);
  const listRef = useRef<HTMLOListElement>(null);
  const newest = lines.at(-1)?.seq;
  const hasLines = lines.length > 0;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [newest, waiting]);
  // A new size (presenter view's larger type, a resized pane) must not push the newest line out of view.
  useEffect(() => {
    const list = listRef.current;
    if (list === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [hasLines]);
  if (!hasLines) return null;
  return (
    <aside className="narration-dock" aria-label="Narration" data-testid="narration-dock" data-waiting={waiting}>
      <h2 className="narration-dock__title">Narration</h2>
      <ol className="narration-dock__lines" ref={listRef} aria-live="polite">
        {lines.map((e) => (
          <li key={e.seq} className={`narration-line${e.seq === newest ? ' is-newest' : ''}${cursorMs === e.simTimeMs ? ' is-current' : ''}`} data-testid="narration">
            <button type="button" className="narration-line__time" onClick={() => setCursor(e.simTimeMs)} title="Show the cluster at this moment">{formatSimTime(e.simTimeMs)}</button>
            <p>{e.type === 'narration' ? e.text : ''}</p>
          </li>
        ))}
      </ol>
      {waiting ? (
        <div className="narration-dock__wait" role="status" data-testid="narration-waiting">
          {lock === null ? (
            <button type="button" className="btn btn-primary" data-testid="narration-continue" onClick={() => void client.control({ action: 'resume' })}>Continue ▶ (→)</button>
          ) : <span>‖ Waiting for the presenter to continue</span>}
        </div>
      ) : null}
    </aside>
  );
}
