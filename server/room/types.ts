// The shapes around a room (room.ts): where its facts go, how it is stored, how it is built. Types only, kept apart so
// room.ts holds the behaviour; nothing here imports the room (persistence sees it as a StoredRoom).
import type { Logger } from 'pino';
import type { ClusterConfig } from '../../shared/engine/types.ts';
import type { Ack, Bookmark, EventBatch, PlaybackState, RoomPolicy, ScenarioInfo, SimSnapshot } from '../../shared/protocol/messages.ts';
import type { ScriptCursor, ScriptStep } from '../../shared/engine/script.ts';
import type { Recording } from '../../shared/protocol/recording.ts';
import type { EngineFactory, EngineRestorer } from '../deps.ts';
import type { QuizState } from '../../shared/protocol/classroom.ts';

/** Where a room's facts go (socket.io in the app, arrays in tests). */
export interface RoomBroadcast {
  events(room: string, batch: EventBatch): void;
  snapshot(room: string, snapshot: SimSnapshot): void;
  playback(room: string, playback: PlaybackState): void;
  /** The room's bookmark list changed (optional: only rooms with viewers that draw them care). */
  bookmarks?(room: string, bookmarks: Bookmark[]): void;
  /** The room's policy changed (room:policy). */
  policy?(room: string, policy: RoomPolicy): void;
  /** The room is being closed (rooms.ts sweep): its viewers are told why, then leave it. */
  closed?(room: string, reason: string): void;
  /** The room's record could not be stored (ok false), or can be again (ok true). */
  storage?(room: string, state: { ok: true } | { ok: false; reason: string }): void;
  /** The room's predict-then-reveal round changed (classroom.ts; null: it closed). */
  quiz?(room: string, state: QuizState | null): void;
}

/** What persistence reads of a room (Room is one): its name, its clock and its durable state. */
export interface StoredRoom {
  readonly name: string;
  readonly engine: { readonly simTimeMs: number };
  durableState(): DurableRoomState;
}

/**
 * Keeps a room's stored record current (roomSaver.ts); absent, the room lives in memory only. The room reports what
 * changed and when something is about to leave it, so that no event a viewer sees depends on a command not yet stored.
 */
export interface RoomPersistence {
  /** `history`: the recording changed (a fault, reset, load, rewind); otherwise only playback, policy or bookmarks. */
  changed(room: StoredRoom, history: boolean): void;
  /** Events or a snapshot are about to be sent. */
  beforeSend(room: StoredRoom): void;
  /** Once per driver tick. */
  ticked(room: StoredRoom): void;
  /** Resolves once the room's record as it stands now is durable; rejects with why not (write before ack). */
  durable?(room: StoredRoom): Promise<void>;
  /** Why the room cannot be stored right now, or null. */
  problem?(room: StoredRoom): string | null;
}

/** Everything a room's stored record holds besides its name (roomRecord.ts): enough to bring the room back. */
export interface DurableRoomState {
  epoch: number;
  recording: Recording;
  scenario: ScenarioInfo | null;
  /** The loaded scenario's (or uploaded recording's) steps, and where its player stands. */
  script: readonly ScriptStep[];
  cursor: ScriptCursor;
  paused: boolean;
  speed: number;
  presenterKeyDigest: string | null;
  studentsMayInject: boolean;
  bookmarks: Bookmark[];
  nextBookmarkId: number;
  forkOf: ForkOrigin | null;
}

export interface RoomOptions {
  name: string;
  createEngine: EngineFactory;
  restoreEngine: EngineRestorer;
  now: () => number;
  broadcast: RoomBroadcast;
  logger: Logger;
  maxHistoryEvents: number;
  autoTick: boolean;
  /** A class room's key: the room then waits at 0:00, paused, until its presenter presses play (§7). */
  presenterKey?: string | null;
  persistence?: RoomPersistence;
}

export interface Simulation {
  cluster: ClusterConfig;
  seed: number;
  scenario: ScenarioInfo | null;
  script: readonly ScriptStep[];
}

export type ControlAck = Ack<PlaybackState>;

/** Where a forked room branched off: shown to its viewers ("forked from default at 07:42"). */
export interface ForkOrigin {
  room: string;
  atMs: number;
}
