// A room's outgoing stream: the events the engine produced since the last flush, sent as batches once per driver tick
// (never one emit per event); the snapshot cache a reconnect storm reads; the playback heartbeat of a quiet room.
// Invariants: every pending event goes out in exactly one batch, in seq order, as consecutive seqs of at most
// MAX_BATCH_EVENTS weight, the last batch carrying the clock; viewers get the slim form (snapshotView.ts); whatever
// is about to leave calls beforeSend first, so no event a viewer sees depends on a command not yet stored.
import type { ClusterConfig, SimEvent } from '../../shared/engine/types.ts';
import type { PlaybackState, SimSnapshot } from '../../shared/protocol/messages.ts';
import { MAX_BATCH_EVENTS, splitByWeight } from './history/eventWeight.ts';
import { viewerEvents } from './history/snapshotView.ts';
import type { RoomBroadcast } from './types.ts';

/** A quiet simulation sends no batches; a playback heartbeat keeps viewers' clocks (the timeline's now line) true. */
export const PLAYBACK_HEARTBEAT_MS = 1_000;
/** A running room's snapshot is reused for this long when no event happened (its simTimeMs may lag by that much). */
export const SNAPSHOT_REUSE_MS = 1_000;

/** What the outbox reads of its room, at the moment it sends. */
export interface OutboxRoom {
  name: string;
  broadcast: RoomBroadcast;
  now: () => number;
  epoch(): number;
  cluster(): ClusterConfig;
  /** The driver's clock (the last batch of a flush carries it). */
  clockMs(): number;
  /** Events or a snapshot are about to be sent (RoomPersistence.beforeSend). */
  beforeSend(): void;
}

export class Outbox {
  private pending: SimEvent[] = [];
  private pendingSinceWallMs = 0;
  private lastPlaybackWallMs = 0;
  private cached: { key: string; snapshot: SimSnapshot; builtWallMs: number } | null = null;

  constructor(private readonly room: OutboxRoom) {}

  /** The engine produced `events` (in seq order): they leave at the next flush. */
  push(events: readonly SimEvent[]): void {
    if (this.pending.length === 0) this.pendingSinceWallMs = this.room.now();
    for (const event of events) this.pending.push(event);
  }

  /** Drop what is pending (a new simulation in the room, or the room closing). */
  clear(): void {
    this.pending = [];
  }

  /** Send what is pending as batches of at most MAX_BATCH_EVENTS weight (consecutive seqs; the last carries the clock). */
  flush(): void {
    if (this.pending.length === 0) return;
    const room = this.room;
    room.beforeSend();
    const runs = splitByWeight(viewerEvents(this.pending, room.cluster()), MAX_BATCH_EVENTS);
    this.pending = [];
    runs.forEach((events, i) => {
      room.broadcast.events(room.name, {
        epoch: room.epoch(),
        fromSeq: events[0].seq,
        toSeq: events[events.length - 1].seq,
        simTimeMs: i === runs.length - 1 ? room.clockMs() : events[events.length - 1].simTimeMs,
        events,
        emittedAtWallMs: this.pendingSinceWallMs,
      });
    });
  }

  /**
   * The snapshot built for `key` (whatever the snapshot shows: epoch, lastSeq, state version, playback), reused until
   * the key changes or, while the room runs, for SNAPSHOT_REUSE_MS; otherwise a fresh one from `build`.
   */
  snapshot(key: string, paused: boolean, build: () => SimSnapshot): SimSnapshot {
    const cached = this.cached;
    const nowMs = this.room.now();
    if (cached !== null && cached.key === key && (paused || nowMs - cached.builtWallMs < SNAPSHOT_REUSE_MS)) return cached.snapshot;
    const snapshot = build();
    this.cached = { key, snapshot, builtWallMs: nowMs };
    return snapshot;
  }

  /** Once per tick: a room with viewers tells them the playback at least every PLAYBACK_HEARTBEAT_MS. */
  heartbeat(clients: number, playback: () => PlaybackState): void {
    const now = this.room.now();
    if (clients > 0 && now - this.lastPlaybackWallMs >= PLAYBACK_HEARTBEAT_MS) {
      this.lastPlaybackWallMs = now;
      this.room.broadcast.playback(this.room.name, playback());
    }
  }
}
