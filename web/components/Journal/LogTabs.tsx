/**
 * The sidebar's log slot shows the event log or the journal, one at a time (the sidebar has no room for both at
 * 1366x768): two small tab buttons in the panel heads; "journal" on an event and the Journal tab switch here.
 * The event log stays the default, so the page reads as before until someone asks for the journal.
 */
import type { ReactNode } from 'react';
import { journalStore, useJournal } from './journalStore.ts';
import { JournalPanel } from './JournalPanel.tsx';
import './LogTabs.css';

export function LogTabButtons() {
  const tab = useJournal((s) => s.tab);
  return (
    <span className="log-tabs" role="tablist" aria-label="Sidebar log">
      {(['events', 'journal'] as const).map((t) => (
        <button key={t} type="button" role="tab" aria-selected={tab === t} className="log-tab" data-testid={`log-tab-${t}`} onClick={() => journalStore.getState().setTab(t)}>
          {t === 'events' ? 'Events' : 'Journal'}
        </button>
      ))}
    </span>
  );
}

export function LogTabs({ events }: { events: ReactNode }) {
  const tab = useJournal((s) => s.tab);
  return tab === 'journal' ? <JournalPanel /> : (
    <div className="log-slot">
      <div className="log-slot-tabs"><LogTabButtons /></div>
      {events}
    </div>
  );
}
