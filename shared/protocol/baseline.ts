// The healthy twin's timeline on the wire (GET /api/rooms/<room>/baseline?until=<ms>): for every unit of the same
// cluster and seed run with no faults, its state changes up to `untilMs`, compacted so a 3+100 cluster stays
// around 60 KB (1,165 units, ~3,200 changes) instead of the 1.4 MB its event log would be.
// Invariants: `changes` alternate [atMs, stateIndex, atMs, stateIndex, ...], atMs non-decreasing, stateIndex an
// index into `states` (UNIT_STATES order, sent along so the wire never depends on a hidden enum order).
import type { UnitState } from '../engine/types.ts';

export interface BaselineTrack {
  untilMs: number;
  /** When the twin's cluster first became healthy (null: not by untilMs). */
  healthyAtMs: number | null;
  states: readonly UnitState[];
  /** node id -> unit id -> [atMs, stateIndex, ...] */
  nodes: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
}

export type { CriticalLink, CriticalPath } from '../engine/criticalPath.ts';
