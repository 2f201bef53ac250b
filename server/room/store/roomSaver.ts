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
// 3. Write before ack: a command that changed the room awaits durable(room) before it is acked. Every room
//    awaiting one is written and fsynced once on the next turn of the event loop (setImmediate), so the commands of one
//    turn share one fsync per room; with Redis the ack waits for Redis's reply to the write.
// Invariants: a failed write is logged once per run of failures (not per attempt) and retried on the next tick;
// saving never throws into the room; while a room cannot be stored, problem(room) says why (its presenter is told
// through onStorage, commands that change it are refused) until a write succeeds again.
import type { Logger } from 'pino';
import { TICK_MS } from '../../driver.ts';
import type { RoomPersistence, StoredRoom } from '../types.ts';
import { roomRecord } from './roomRecord.ts';

/** Where records go: the data directory (roomStore.ts) or Redis (scaleout/redisRecords.ts). save() throws on failure. */
export interface RecordSink {
  /** Synchronous sinks throw; Redis returns the promise of its write (rejected on failure). */
  save(room: string, record: object, sync: boolean): void | Promise<void>;
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
  /** Why the last write failed, null while writes succeed. */
  failing: string | null;
}

/** A room's storage turned bad (ok false, with why) or good again (ok true): its viewers are told (room:storage). */
export type StorageListener = (room: string, state: { ok: true } | { ok: false; reason: string }) => void;

export class RoomSaver implements RoomPersistence {
  private readonly states = new WeakMap<StoredRoom, SaveState>();
  /** Writes done since start (for /healthz and tests). */
  writes = 0;
  /** Rooms whose next write an ack waits for, and the acks waiting. */
  private readonly waiting = new Map<StoredRoom, Array<{ resolve: () => void; reject: (error: Error) => void }>>();
  private scheduled = false;
  /** Rooms dropped for good: a durable() still pending for one must not write its record back. */
  private readonly forgotten = new WeakSet<StoredRoom>();

  constructor(private readonly store: RecordSink, private readonly logger: Logger, private readonly now: () => number, private readonly onStorage?: StorageListener) {}

  /**
   * Resolves once `room`'s record as it stands now is durable (written, fsynced; with Redis, acknowledged by Redis);
   * rejects with why it could not be stored. Every room waited for in one turn is written once, on the next turn.
   */
  durable(room: StoredRoom): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(room);
      if (list !== undefined) list.push({ resolve, reject });
      else this.waiting.set(room, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commit());
      }
    });
  }

  /** Why `room` cannot be stored right now, or null. */
  problem(room: StoredRoom): string | null {
    return this.states.get(room)?.failing ?? null;
  }

  private commit(): void {
    this.scheduled = false;
    const batch = [...this.waiting];
    this.waiting.clear();
    for (const [room, waiters] of batch) {
      if (this.forgotten.has(room)) {
        waiters.forEach((w) => w.resolve());
        continue;
      }
      const done = this.save(room, this.stateOf(room), true);
      done.then(
        () => waiters.forEach((w) => w.resolve()),
        (error: Error) => waiters.forEach((w) => w.reject(error)),
      );
    }
  }

  changed(room: StoredRoom, history: boolean): void {
    const state = this.stateOf(room);
    if (history) state.historyDirty = true;
    else state.dirty = true;
  }

  beforeSend(room: StoredRoom): void {
    const state = this.stateOf(room);
    if (state.historyDirty) this.background(room, state);
  }

  ticked(room: StoredRoom): void {
    const state = this.stateOf(room);
    if (state.historyDirty) return this.background(room, state);
    if (state.dirty || (state.unsynced && this.now() - state.syncedWallMs >= SYNC_INTERVAL_MS)) return this.background(room, state);
    const sinceWallMs = this.now() - state.savedWallMs;
    const advancedMs = room.engine.simTimeMs - state.savedSimMs;
    if (advancedMs >= SAVE_SIM_STEP_MS && sinceWallMs >= MIN_SAVE_INTERVAL_MS) return this.background(room, state);
    if (advancedMs !== 0 && sinceWallMs >= IDLE_SAVE_INTERVAL_MS) this.background(room, state);
  }

  /** Writes `room` now and fsyncs it, whatever changed (a new room, shutdown). */
  saveNow(room: StoredRoom): void {
    this.background(room, this.stateOf(room), true);
  }

  /** A write nobody waits for: its failure is logged (failed()) and retried on the next tick. */
  private background(room: StoredRoom, state: SaveState, forceSync = false): void {
    this.save(room, state, forceSync).catch(() => undefined);
  }

  /** The room is gone for good (dropped when idle): so is its record. */
  forget(room: StoredRoom): void {
    this.states.delete(room);
    this.forgotten.add(room);
    try {
      this.store.remove(room.name);
    } catch (error) {
      this.logger.warn({ room: room.name, error: error instanceof Error ? error.message : String(error) }, 'could not remove a dropped room from the data directory');
    }
  }

  private stateOf(room: StoredRoom): SaveState {
    let state = this.states.get(room);
    if (state === undefined) {
      state = { historyDirty: false, dirty: true, savedSimMs: -1, savedWallMs: -Infinity, syncedWallMs: -Infinity, unsynced: false, failing: null };
      this.states.set(room, state);
    }
    return state;
  }

  /** Writes the record; the promise settles when it is durable (at once for a file, at Redis's reply for Redis). */
  private save(room: StoredRoom, state: SaveState, forceSync = false): Promise<void> {
    const wallMs = this.now();
    const needsSync = state.historyDirty || state.unsynced || forceSync;
    const sync = needsSync && (forceSync || wallMs - state.syncedWallMs >= SYNC_INTERVAL_MS);
    state.savedWallMs = wallMs;
    let pending: void | Promise<void>;
    try {
      pending = this.store.save(room.name, roomRecord(room, wallMs), sync);
    } catch (error) {
      this.failed(room, state, error);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.writes += 1;
    if (sync) state.syncedWallMs = wallMs;
    state.unsynced = needsSync && !sync;
    const historyDirty = state.historyDirty;
    const dirty = state.dirty;
    state.historyDirty = false;
    state.dirty = false;
    state.savedSimMs = room.engine.simTimeMs;
    if (pending === undefined) {
      this.succeeded(room, state);
      return Promise.resolve();
    }
    return pending.then(
      () => this.succeeded(room, state),
      (error: unknown) => {
        // Not stored after all: the next tick tries again.
        state.historyDirty ||= historyDirty;
        state.dirty ||= dirty;
        state.unsynced ||= needsSync;
        this.failed(room, state, error);
        throw error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  private succeeded(room: StoredRoom, state: SaveState): void {
    if (state.failing === null) return;
    this.logger.info({ room: room.name }, 'storing the room works again');
    state.failing = null;
    this.onStorage?.(room.name, { ok: true });
  }

  private failed(room: StoredRoom, state: SaveState, error: unknown): void {
    // Logged once per run of failures: a full disk must not turn into a log line per tick. The flags stay set, so
    // the next tick tries again (one small write per tick at most).
    const reason = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
    if (state.failing !== null) return;
    state.failing = reason;
    this.logger.error({ room: room.name, error: reason }, 'could not store the room (will retry); changes are refused until it can');
    this.onStorage?.(room.name, { ok: false, reason });
  }
}
