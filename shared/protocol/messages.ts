// Payloads that travel between server and web (and the shapes the CLI prints). Types only.
import type { ClusterConfig, ClusterView, SimEvent } from '../engine/types.ts';

export type { ClusterConfig, ClusterView, SimEvent };

/** Every command's acknowledgement: ok with extras, or a readable error and nothing changed. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
/** The refusal every ack admits: nothing changed, and why. */
export type Refusal = Extract<Ack, { ok: false }>;

export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
}

/** Full state of a room: sent on join, on `sim:resync` and after a reset or scenario load. */
export interface SimSnapshot {
  room: string;
  /** seq of the newest event included; the next batch starts at lastSeq + 1. */
  lastSeq: number;
  simTimeMs: number;
  seed: number;
  cluster: ClusterConfig;
  speed: number;
  paused: boolean;
  /** Paused at a narration that waits for the presenter (as PlaybackState.waiting). */
  waiting?: boolean;
  scenario: ScenarioInfo | null;
  view: ClusterView;
  /**
   * The newest events of this simulation, oldest first: every event since t=0 while there are at most
   * SNAPSHOT_MAX_EVENTS (server/room/history/eventWeight.ts, 10,000), so a small room's timeline is drawn from the start; a big room sends
   * that recent window and `historyTrimmed` counts the ones before it (GET /api/rooms/<room>/events has them all).
   */
  events: SimEvent[];
  /** Increments on every reset / scenario load: a client drops history from an older epoch. */
  epoch: number;
  /** How many of the oldest events `events` leaves out (memory cap or snapshot window; 0 or absent: none). */
  historyTrimmed?: number;
  /** A forked room: the room it branched from and the simulated moment it branched at. */
  forkOf?: { room: string; atMs: number };
  /** Named bookmarks of this epoch, oldest moment first (absent: none). */
  bookmarks?: Bookmark[];
  /** Open or class room, and what the audience may do (architecture.md §7); absent from older servers: open. */
  policy?: RoomPolicy;
}

/**
 * A room's rules (architecture.md §7): `open`, anyone may change it; `class`, only the presenter may, except
 * that viewers may `fault:inject` while `studentsMayInject` is true.
 */
export interface RoomPolicy {
  mode: 'open' | 'class';
  studentsMayInject: boolean;
}

/** What a page assumes until the server says otherwise (and what a snapshot without a policy means). */
export const OPEN_ROOM_POLICY: Readonly<RoomPolicy> = { mode: 'open', studentsMayInject: false };

/** Who a socket is in its room: the presenter (joined with the room's key) or a viewer. */
export type RoomRole = 'presenter' | 'viewer';

/** A named moment a presenter marked on the room's timeline: an annotation, not a command (never in the engine). */
export interface Bookmark {
  /** Counter within the room's epoch: stable across broadcasts, a key for lists. */
  id: number;
  name: string;
  atMs: number;
}

/** A batch of consecutive events; fromSeq..toSeq inclusive, no gaps. */
export interface EventBatch {
  epoch: number;
  fromSeq: number;
  toSeq: number;
  simTimeMs: number;
  events: SimEvent[];
  /** Server wall clock (ms since 1970) when the batch's first event left the engine: lets a benchmark measure delay. */
  emittedAtWallMs?: number;
}

/** Playback state broadcast when speed / pause change (cheap; no snapshot needed). */
export interface PlaybackState {
  speed: number;
  paused: boolean;
  simTimeMs: number;
  /** Paused by a scenario narration that waits for the presenter to continue (→ or Space); absent: no. */
  waiting?: boolean;
}
