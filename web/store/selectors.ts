/**
 * Module-level selectors: stable function identities so zustand compares narrow results, never the
 * whole state. Selectors that derive arrays return arrays of primitives and must be used with
 * `useShallow` (see useBootShallow) so an unchanged derivation does not re-render.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Health, UnitState } from '../../shared/protocol/types.ts';
import { useBoot, type BootState } from './store.ts';

export const selectView = (s: BootState) => s.view;
/** What the DAG and the health panel draw: the past view while the time cursor is out of live, else the live one. */
export const selectShownView = (s: BootState) => (s.cursorMs !== null && s.pastView !== null ? s.pastView.view : s.view);
export const selectCursor = (s: BootState) => s.cursorMs;
export const selectForkOf = (s: BootState) => s.forkOf;
export const selectConnection = (s: BootState) => s.connection;
export const selectAwaiting = (s: BootState) => s.awaitingSnapshot;
export const selectSpeed = (s: BootState) => s.speed;
export const selectPaused = (s: BootState) => s.paused;
export const selectClock = (s: BootState) => s.clock;
export const selectScenario = (s: BootState) => s.scenario;
export const selectSeed = (s: BootState) => s.seed;
export const selectRoom = (s: BootState) => s.room;
export const selectRole = (s: BootState) => s.role;
/** Why this page may not change the room (a viewer in a class room), or null when it may. */
export const PRESENTER_CONTROLS = 'the presenter controls this room';
export const selectLockReason = (s: BootState): string | null => (s.policy.mode === 'class' && s.role === 'viewer' ? PRESENTER_CONTROLS : null);
/** As selectLockReason, for fault:inject alone (the presenter may open the floor to viewers). */
export const selectInjectLockReason = (s: BootState): string | null => (s.policy.studentsMayInject ? null : selectLockReason(s));
/** The page asks the class (presenter of a class room) rather than answers. */
export const selectAsks = (s: BootState): boolean => s.policy.mode === 'class' && s.role === 'presenter';
/** Taps on the graph pick units (a quiz round is asking and this page answers). */
export const selectPicking = (s: BootState): boolean => s.quiz?.phase === 'asking' && !selectAsks(s);
export const selectLastSeq = (s: BootState) => s.lastSeq;
export const selectEpoch = (s: BootState) => s.epoch;
export const selectTimeline = (s: BootState) => s.timeline;
export const selectBookmarks = (s: BootState) => s.bookmarks;
export const selectLog = (s: BootState) => s.log;
export const selectSelected = (s: BootState) => s.selected;
export const selectMenu = (s: BootState) => s.menu;
export const selectExplanation = (s: BootState) => s.explanation;
export const selectTheme = (s: BootState) => s.theme;
export const selectLogFilter = (s: BootState) => s.logFilter;
export const selectHelpOpen = (s: BootState) => s.helpOpen;
export const selectToasts = (s: BootState) => s.toasts;
export const selectDagShare = (s: BootState) => s.dagShare;
export const selectActions = (s: BootState) => s.actions;
export const selectBaselineOn = (s: BootState) => s.baselineOn;
export const selectCriticalOn = (s: BootState) => s.criticalOn;
export const selectBaselineTrack = (s: BootState) => s.baselineTrack;
export const selectCritical = (s: BootState) => s.critical;

export const selectClusterHealth = (s: BootState): Health => s.view?.clusterHealth ?? 'unknown';
export const selectActiveFaultCount = (s: BootState): number => s.view?.faults.length ?? 0;

/**
 * Refs in the current explanation tree ("node/unit", "fact:…"), once each, for DagView's highlight (a tree
 * repeats a shared cause under every step it explains).
 */
export const selectHighlight = (s: BootState): string[] =>
  // A fault-menu preview (what the focused item would break) wins over the explain path while the menu is open.
  s.previewRefs.length > 0 ? [...s.previewRefs] : [...new Set(s.explanation?.chain.map((step) => step.ref) ?? [])];

/** The selected unit's state now (null: nothing selected, or no such unit in the view). */
export const selectSelectedUnitState = (s: BootState): UnitState | null => {
  const sel = s.selected;
  if (!sel || !s.view) return null;
  return s.view.nodes.find((n) => n.id === sel.node)?.units.find((u) => u.id === sel.unit)?.state ?? null;
};

/** Node ids in cluster order (for the log's node filter). */
const nodeIdLists = new WeakMap<object, string[]>();
const NO_NODES: string[] = [];
/**
 * Node ids in cluster order, one array per cluster shape (the shape object survives every batch), so a shallow
 * comparison of 10,000 ids becomes one identity check.
 */
export const selectNodeIds = (s: BootState): string[] => {
  if (s.view === null) return NO_NODES;
  let ids = nodeIdLists.get(s.view.cluster);
  if (ids === undefined) nodeIdLists.set(s.view.cluster, (ids = s.view.nodes.map((n) => n.id)));
  return ids;
};

/** Running task count. */
export const selectRunningTasks = (s: BootState): number => s.view?.tasks.filter((t) => t.state === 'running').length ?? 0;

/**
 * The simulated clock now: the last known sim time advanced by wall time x speed, unless paused.
 * Capped at two seconds of wall time past the last fact so a silent server does not run the clock away.
 */
export const CLOCK_EXTRAPOLATE_MAX_WALL_MS = 2_000;
export function simNow(clock: BootState['clock'], speed: number, paused: boolean, wallNowMs: number): number {
  if (paused) return clock.simTimeMs;
  const wall = Math.min(CLOCK_EXTRAPOLATE_MAX_WALL_MS, Math.max(0, wallNowMs - clock.atWallMs));
  return clock.simTimeMs + Math.round(wall * speed);
}

/** Derived arrays of primitives: compared element-wise so an equal result keeps the old reference. */
export function useBootShallow<T>(selector: (s: BootState) => T[]): T[] {
  return useBoot(useShallow(selector));
}
