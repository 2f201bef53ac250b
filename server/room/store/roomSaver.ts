// When a room's record is written (architecture.md §8). Two rules:
// 1. A command that changed the recording (a fault, reset, scenario load, rewind, fork) is on disk before any event
//    or snapshot that depends on it leaves the room: beforeSend() writes first. Events that follow from a stored
//    recording with no new command are what a replay of it produces anyway, so after a crash the restored room
//    replays the same events under the same (epoch, seq) and carries on exactly as the lost process would have.
// 2. Otherwise the record is refreshed as the simulation runs, to keep its untilMs (the restored simulated time)
//    current: when a second of simulated time has passed, at most every MIN_SAVE_INTERVAL_MS of wall time, and at
//    least every IDLE_SAVE_INTERVAL_MS while it runs. Playback, policy and bookmark changes are written at the next tick.
// A flood of commands therefore costs at most one write per room per driver tick (50 ms). Writes that follow a
// change of the recording are fsynced (roomStore.ts), at most every SYNC_INTERVAL_MS per room: one inside that window is
// written without fsync and the next tick after it syncs. Refreshes of untilMs alone are never fsynced: a process crash
// keeps them anyway, and a power cut costs at most a few seconds of simulated time, not a command.
// Invariants: a failed write is logged once per run of failures (not per attempt) and retried on the next tick;
// saving never throws into the room.
import type { Logger } from 'pino';
import { TICK_MS } from '../../driver.ts';
import type { RoomPersistence, StoredRoom } from '../types.ts';
import { roomRecord } from './roomRecord.ts';

/** Where records go: the data directory (roomStore.ts) or Redis (scaleout/redisRecords.ts). save() throws on failure. */
export interface RecordSink {
  save(room: string, record: object, sync: boolean): void;
  remove(room: string): void;
}

/** Simulated time a restored room may lag behind the lost one (at speeds up to 20x; see MIN_SAVE_INTERVAL_MS). */
export const SAVE_SIM_STEP_MS = 1_000;
/**
 * Never refresh a running room's record more often than once per driver tick: up to 20x the restored time is within a
 * second; at 100x within five. Such a refresh is not fsynced and costs well under a millisecond.
 */
export const MIN_SAVE_INTERVAL_MS = TICK_MS;
/** A slow simulation (speed below 1) is refreshed at least this often. */
export const IDLE_SAVE_INTERVAL_MS = 1_000;
/** fsync a room's record at most this often (each costs 1-7 ms of the event loop on this kind of disk). */
export const SYNC_INTERVAL_MS = 200;

interface SaveState {
  /** The recording changed since the last write: write before anything is sent. */
  historyDirty: boolean;
  /** Something else changed (playback, policy, bookmarks). */
  dirty: boolean;
  savedSimMs: number;
  savedWallMs: number;
  syncedWallMs: number;
  /** A change of the recording was written without fsync: the next tick after SYNC_INTERVAL_MS syncs it. */
  unsynced: boolean;
  failing: boolean;
}

export class RoomSaver implements RoomPersistence {
  private readonly states = new WeakMap<StoredRoom, SaveState>();
  /** Writes done since start (for /healthz and tests). */
  writes = 0;

  constructor(private readonly store: RecordSink, private readonly logger: Logger, private readonly now: () => number) {}

  changed(room: StoredRoom, history: boolean): void {
    const state = this.stateOf(room);
    if (history) state.historyDirty = true;
    else state.dirty = true;
  }

  beforeSend(room: StoredRoom): void {
    const state = this.stateOf(room);
    if (state.historyDirty) this.save(room, state);
  }

  ticked(room: StoredRoom): void {
    const state = this.stateOf(room);
    if (state.historyDirty) return this.save(room, state);
    if (state.dirty || (state.unsynced && this.now() - state.syncedWallMs >= SYNC_INTERVAL_MS)) return this.save(room, state);
    const sinceWallMs = this.now() - state.savedWallMs;
    const advancedMs = room.engine.simTimeMs - state.savedSimMs;
    if (advancedMs >= SAVE_SIM_STEP_MS && sinceWallMs >= MIN_SAVE_INTERVAL_MS) return this.save(room, state);
    if (advancedMs !== 0 && sinceWallMs >= IDLE_SAVE_INTERVAL_MS) this.save(room, state);
  }

  /** Writes `room` now and fsyncs it, whatever changed (a new room, shutdown). */
  saveNow(room: StoredRoom): void {
    this.save(room, this.stateOf(room), true);
  }

  /** The room is gone for good (dropped when idle): so is its record. */
  forget(room: StoredRoom): void {
    this.states.delete(room);
    try {
      this.store.remove(room.name);
    } catch (error) {
      this.logger.warn({ room: room.name, error: error instanceof Error ? error.message : String(error) }, 'could not remove a dropped room from the data directory');
    }
  }

  private stateOf(room: StoredRoom): SaveState {
    let state = this.states.get(room);
    if (state === undefined) {
      state = { historyDirty: false, dirty: true, savedSimMs: -1, savedWallMs: -Infinity, syncedWallMs: -Infinity, unsynced: false, failing: false };
      this.states.set(room, state);
    }
    return state;
  }

  private save(room: StoredRoom, state: SaveState, forceSync = false): void {
    const wallMs = this.now();
    const needsSync = state.historyDirty || state.unsynced || forceSync;
    const sync = needsSync && (forceSync || wallMs - state.syncedWallMs >= SYNC_INTERVAL_MS);
    try {
      this.store.save(room.name, roomRecord(room, wallMs), sync);
      this.writes += 1;
      if (sync) state.syncedWallMs = wallMs;
      state.unsynced = needsSync && !sync;
      if (state.failing) this.logger.info({ room: room.name }, 'storing the room works again');
      state.failing = false;
      state.historyDirty = false;
      state.dirty = false;
      state.savedSimMs = room.engine.simTimeMs;
    } catch (error) {
      // Logged once per run of failures: a full disk must not turn into a log line per tick. The flags stay set, so
      // the next tick tries again (one small write per tick at most).
      if (!state.failing) this.logger.error({ room: room.name, error: error instanceof Error ? error.message.slice(0, 200) : String(error) }, 'could not store the room (will retry); a restart now would lose its latest changes');
      state.failing = true;
    }
    state.savedWallMs = wallMs;
  }
}
