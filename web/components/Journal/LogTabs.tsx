/**
 * The sidebar's log slot shows the event log or the journal, one at a time (the sidebar has no room for both at
 * 1366x768): two small tab buttons in the panel heads; "journal" on an event and the Journal tab switch here.
 * The event log stays the default, so the page reads as before until someone asks for the journal.
 */
import type { ReactNode } from 'react';
import { useJournal } from './journalStore.ts';
import { LogTabButtons } from './LogTabButtons.tsx';
import { JournalPanel } from './JournalPanel.tsx';
import './LogTabs.css';

export function LogTabs({ events }: { events: ReactNode }) {
  const tab = useJournal((s) => s.tab);
  return tab === 'journal' ? <JournalPanel /> : (
    <div className="log-slot">
      <div className="log-slot-tabs"><LogTabButtons /></div>
      {events}
    </div>
  );
}
