// The two tab buttons (Events, Journal) in the heads of the sidebar's log slot.
import { journalStore, useJournal } from './journalStore.ts';

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
