/**
 * UI slice: what this viewer is doing (selection, open fault menu, explanation, theme, log filter, help,
 * toasts, split ratio). Local to the tab; never sent to the server. Any component may write it via the
 * actions below.
 */
import type { ClusterView, ExplainStep } from '../../shared/protocol/types.ts';
import type { FaultTarget, UnitTarget } from '../types.ts';

export type Theme = 'light' | 'dark';

export interface LogFilter {
  /** Event types to show; empty means all. */
  types: readonly string[];
  /** Only events about this node ('' = all). */
  node: string;
  /** Case-insensitive substring of the rendered line ('' = all). */
  text: string;
}

export interface Explanation {
  target: UnitTarget;
  chain: readonly ExplainStep[];
  loading: boolean;
  error: string | null;
  /** lastSeq the chain was computed at: refresh when the cluster moved on. */
  atSeq: number;
  /** The past moment it explains (the time cursor), or absent/null for the live cluster. */
  atMs?: number | null;
}

export interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

export interface UiSlice {
  selected: UnitTarget | null;
  menu: { target: FaultTarget; anchor: { x: number; y: number } } | null;
  explanation: Explanation | null;
  theme: Theme;
  logFilter: LogFilter;
  helpOpen: boolean;
  toasts: readonly Toast[];
  /** Fraction of the main column given to the DAG (the timeline gets the rest). */
  dagShare: number;
  /** The time cursor: null = live; otherwise this viewer looks at the cluster as it was at that sim time. */
  cursorMs: number | null;
  /** The cluster at cursorMs (from GET /api/rooms/<room>/view?at=), null until it arrived or when live. */
  pastView: { atMs: number; view: ClusterView } | null;
  /** Units the focused fault-menu item would break (its preview), highlighted on the DAG; empty otherwise. */
  previewRefs: readonly string[];
}

/** Bounds for the DAG/timeline splitter so neither pane collapses to nothing. */
export const DAG_SHARE_MIN = 0.3;
export const DAG_SHARE_MAX = 0.8;
export const MAX_TOASTS = 3;

export function initialUiSlice(theme: Theme = 'light'): UiSlice {
  return {
    selected: null,
    menu: null,
    explanation: null,
    theme,
    logFilter: { types: [], node: '', text: '' },
    helpOpen: false,
    toasts: [],
    dagShare: 0.6,
    cursorMs: null,
    pastView: null,
    previewRefs: [],
  };
}
