/**
 * The Journal panel's own small store: the room's real boot (server-fed: only web/socket.ts calls setRealBoot, on
 * `sim:realBoot`) and this tab's journal choices (unit and priority filters, the focused line). Kept apart from the
 * main store so the panel adds no field to its slices. `useJournal(selector)` reads it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RealBootRun } from '../../../shared/protocol/realBoot.ts';

export interface JournalUi {
  realBoot: RealBootRun | null;
  /** '' = every unit of the node (else that unit id). null: follow the selected unit. */
  unit: string | null;
  /** Show lines with PRIORITY <= this (7 = everything, 6 info, 5 notice, 4 warning, 3 err). */
  maxPriority: number;
  /** seq of the event whose lines are focused ("show in journal", a clicked line), null for none. */
  focusSeq: number | null;
  /** Which log the sidebar shows (LogTabs): the event log or the journal. */
  tab: 'events' | 'journal';
  setTab(tab: 'events' | 'journal'): void;
  setRealBoot(run: RealBootRun | null): void;
  setUnit(unit: string | null): void;
  setMaxPriority(p: number): void;
  focus(seq: number | null): void;
}

export const journalStore = createStore<JournalUi>()((set) => ({
  realBoot: null,
  unit: null,
  maxPriority: 7,
  focusSeq: null,
  tab: 'events',
  setTab: (tab) => set({ tab }),
  setRealBoot: (realBoot) => set({ realBoot }),
  setUnit: (unit) => set({ unit }),
  setMaxPriority: (maxPriority) => set({ maxPriority }),
  focus: (focusSeq) => set({ focusSeq }),
}));

export function useJournal<T>(selector: (s: JournalUi) => T): T {
  return useStore(journalStore, selector);
}
