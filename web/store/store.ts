/**
 * The one zustand store, composed of three slices (cluster, timeline, ui) plus the UI actions.
 * Server-fed slices (cluster, timeline) are written only by feed.ts, which only web/socket.ts calls;
 * components read through the narrow selectors in selectors.ts and change only the ui slice.
 * `createBootStore()` builds an isolated store (tests); `bootStore` is the app's singleton.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { initialClusterSlice, type ClusterSlice } from './clusterSlice.ts';
import { initialTimelineSlice, type TimelineSlice } from './timelineSlice.ts';
import { compareActions, initialCompareSlice, type CompareActions, type CompareSlice } from './compareSlice.ts';
import { classroomActions, initialClassroomSlice, type ClassroomActions, type ClassroomSlice } from './classroomSlice.ts';
import {
  DAG_SHARE_MAX,
  DAG_SHARE_MIN,
  MAX_TOASTS,
  initialUiSlice,
  type Explanation,
  type LogFilter,
  type Theme,
  type UiSlice,
} from './uiSlice.ts';
import type { FaultTarget, UnitTarget } from '../types.ts';
import type { ClusterView } from '../../shared/protocol/types.ts';

export interface UiActions {
  select(target: UnitTarget | null): void;
  openMenu(target: FaultTarget, anchor: { x: number; y: number }): void;
  closeMenu(): void;
  setExplanation(explanation: Explanation | null): void;
  setTheme(theme: Theme): void;
  setLogFilter(patch: Partial<LogFilter>): void;
  setHelpOpen(open: boolean): void;
  toast(text: string, kind?: 'error' | 'info'): number;
  dismissToast(id: number): void;
  setDagShare(share: number): void;
  /** Move the time cursor (null: back to live; the past view is dropped with it). */
  setCursor(ms: number | null): void;
  setPastView(past: { atMs: number; view: ClusterView } | null): void;
  setPreviewRefs(refs: readonly string[] | null): void;
}

export type BootState = ClusterSlice & TimelineSlice & UiSlice & CompareSlice & ClassroomSlice & { actions: UiActions & CompareActions & ClassroomActions };
export type BootStore = StoreApi<BootState>;

let toastCounter = 0;

export function createBootStore(theme: Theme = 'light'): BootStore {
  return createStore<BootState>()((set) => ({
    ...initialClusterSlice(),
    ...initialTimelineSlice(),
    ...initialUiSlice(theme),
    ...initialCompareSlice(),
    ...initialClassroomSlice(),
    actions: {
      ...compareActions(set),
      ...classroomActions(set),
      select: (selected) => set({ selected }),
      openMenu: (target, anchor) => set({ menu: { target, anchor } }),
      closeMenu: () => set({ menu: null, previewRefs: [] }),
      setExplanation: (explanation) => set({ explanation }),
      setTheme: (next) => set({ theme: next }),
      setLogFilter: (patch) => set((s) => ({ logFilter: { ...s.logFilter, ...patch } })),
      setHelpOpen: (helpOpen) => set({ helpOpen }),
      toast: (text, kind = 'error') => {
        const id = ++toastCounter;
        set((s) => ({ toasts: [...s.toasts, { id, text, kind }].slice(-MAX_TOASTS) }));
        return id;
      },
      dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
      setDagShare: (share) => set({ dagShare: Math.min(DAG_SHARE_MAX, Math.max(DAG_SHARE_MIN, share)) }),
      setCursor: (cursorMs) => set(cursorMs === null ? { cursorMs: null, pastView: null } : { cursorMs: Math.max(0, Math.round(cursorMs)) }),
      setPastView: (pastView) => set({ pastView }),
      // A preview that answers after its menu closed (the fault was picked first) must not ring the graph.
      setPreviewRefs: (refs) => set((s) => ({ previewRefs: s.menu === null ? [] : refs ?? [] })),
    },
  }));
}

function preferredTheme(): Theme {
  if (typeof window === 'undefined') return 'light';
  const saved = window.localStorage?.getItem('bootscope-theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const bootStore: BootStore = createBootStore(preferredTheme());

/** React hook over the singleton store; pass a module-level selector from selectors.ts. */
export function useBoot<T>(selector: (state: BootState) => T): T {
  return useStore(bootStore, selector);
}
