/**
 * The event log's "journal" link: selects the event's node and unit, focuses its lines, moves the cursor to its moment
 * and switches the sidebar to the journal. Small and eager (the event log imports it); the panel itself is lazy.
 */
import type { SimEvent } from '../../../shared/protocol/types.ts';
import { selectActions } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { journalStore } from './journalStore.ts';

/** The node and unit whose journal holds an event's lines, or null for events no journal shows. */
export function journalTargetOf(event: SimEvent): { node: string; unit: string } | null {
  if (event.type === 'unit') return { node: event.node, unit: event.unit };
  if (event.type === 'leader' && event.node !== null) return { node: event.node, unit: event.role === 'marathon' ? 'dcos-marathon' : 'dcos-mesos-master' };
  if (event.type === 'agent') return { node: event.node, unit: event.node.startsWith('public-agent-') ? 'dcos-mesos-slave-public' : 'dcos-mesos-slave' };
  if (event.type === 'quorum') return null;
  return null;
}

/** The event log's way here: select the event's node and unit, focus its lines and put the cursor at its moment. */
export function ShowInJournal({ event }: { event: SimEvent }) {
  const { select, setCursor } = useBoot(selectActions);
  const target = journalTargetOf(event);
  if (target === null) return null;
  const { node, unit } = target;
  const { seq, simTimeMs } = event;
  return (
    <button type="button" className="link-button journal-show" data-testid="show-in-journal" title="Show this event's lines in the journal"
      onClick={() => {
        journalStore.getState().setUnit(null);
        journalStore.getState().focus(seq);
        journalStore.getState().setTab('journal');
        select({ node, unit });
        setCursor(simTimeMs);
      }}>
      journal
    </button>
  );
}
