// The socket.io contract, typed once for both server and web (architecture.md §4).
import type { Ack, Bookmark, EventBatch, PlaybackState, RoomPolicy, RoomRole, ScenarioInfo, SimSnapshot } from './messages.ts';
import type { BookmarkAddRequest, ControlCommand, ExplainRequest, ForkRequest, JoinRequest, PreviewRequest, RewindRequest, RoomPolicyRequest, ScenarioLoadRequest, ViewerNameRequest } from './schemas.ts';
import type { ExplainStep, Fault } from '../engine/types.ts';
import type { PreviewOutcome } from '../engine/preview.ts';
import type { FollowState, QuizState } from './classroom.ts';
import type { HistoryPage, HistoryRequest } from './history.ts';
import type { RealBootRun } from './realBoot.ts';
import type { PackedSnapshot } from './packedSnapshot.ts';
import type { FollowRequest, QuizAnswerRequest, QuizAskRequest, QuizRevealRequest } from './classroomSchemas.ts';

/** room:storage: the room's record is stored as it changes, or why it cannot be. */
export type StorageState = { ok: true } | { ok: false; reason: string };

export interface ServerToClientEvents {
  'sim:snapshot': (snapshot: SimSnapshot) => void;
  /** The same snapshot compressed, for a socket that joined with `snapshotEncoding: 'deflate-raw'` (packedSnapshot.ts). */
  'sim:packedSnapshot': (packed: PackedSnapshot) => void;
  'sim:events': (batch: EventBatch) => void;
  'sim:playback': (playback: PlaybackState) => void;
  /** The room's whole bookmark list, after any change (also in every snapshot). */
  'sim:bookmarks': (bookmarks: Bookmark[]) => void;
  /** The room's policy after a `room:policy` change (also in every snapshot). */
  'sim:policy': (policy: RoomPolicy) => void;
  /** Where the presenter of a class room looks (relayed `ui:follow`; also sent on join). */
  'ui:follow': (follow: FollowState) => void;
  /** The predict-then-reveal round after any change (null: none open; also sent on join). */
  'quiz:state': (quiz: QuizState | null) => void;
  /** A real node's journal laid over the model (POST /api/rooms/<room>/real-boot; also sent on join; null: none). */
  'sim:realBoot': (run: RealBootRun | null) => void;
  /**
   * Whether the room's record can be stored: `ok: false` when a write failed (a full or read-only disk,
   * Redis unreachable; changes are then refused), `ok: true` once it works again. Sent on join while it fails.
   */
  'room:storage': (state: StorageState) => void;
  /** The room was closed (nobody changed it for hours): why, and this socket is in no room any more. */
  'room:closed': (notice: { room: string; reason: string }) => void;
  /**
   * Sent just before the server disconnects this socket itself, saying why: it is shutting down (reconnect in a
   * moment, the rooms come back), or the socket fell too far behind reading what it was sent.
   */
  'server:closing': (notice: { reason: string }) => void;
}

/** Payloads are typed for our own client; the server still validates every one with zod (schemas.ts). */
export interface ClientToServerEvents {
  /**
   * `key`: the room's presenter key (a wrong one is refused; none in a class room: viewer). `name`: the display name
   * this socket's faults carry. An open room has no presenter: everyone joins it as a viewer and may change it.
   */
  'sim:join': (request: JoinRequest, ack: (result: Ack<{ room: string; lastSeq: number; role: RoomRole; policy: RoomPolicy }>) => void) => void;
  /** This socket's display name from now on (1-32 characters, no control characters). */
  'viewer:name': (request: ViewerNameRequest, ack: (result: Ack<{ name: string }>) => void) => void;
  /** Presenter of a class room only: what the audience may do; everyone gets `sim:policy`. */
  'room:policy': (request: RoomPolicyRequest, ack: (result: Ack<{ policy: RoomPolicy }>) => void) => void;
  'sim:resync': (request: Record<string, never>, ack: (result: Ack<{ lastSeq: number }>) => void) => void;
  'fault:inject': (fault: Fault, ack: (result: Ack<{ lastSeq: number }>) => void) => void;
  'sim:control': (command: ControlCommand, ack: (result: Ack<PlaybackState>) => void) => void;
  /** The engine's cause chain for one unit, from the unit back to its root cause; with `at`, as it was then. */
  'sim:explain': (request: ExplainRequest, ack: (result: Ack<{ chain: ExplainStep[] }>) => void) => void;
  /**
   * What `fault` would do within `horizonMs` (default 300000) if injected now, computed aside (the room untouched):
   * every unit's first change, the cluster health at the horizon and since when, and a one-line summary.
   */
  'sim:preview': (request: PreviewRequest, ack: (result: Ack<PreviewOutcome>) => void) => void;
  /**
   * Older events than a snapshot's window: the newest ones with seq < beforeSeq that the room still keeps,
   * oldest first, at most `limit` (at most 5,000, fewer by weight); history.ts.
   */
  'sim:history': (request: HistoryRequest, ack: (result: Ack<HistoryPage>) => void) => void;
  /** The room goes back to that moment for everyone (later history dropped), paused; viewers get a snapshot. */
  'sim:rewind': (request: RewindRequest, ack: (result: Ack<{ epoch: number; simTimeMs: number }>) => void) => void;
  /** A new room from this room's state at that moment (default now), paused; `key` is its presenter key. */
  'sim:fork': (request: ForkRequest, ack: (result: Ack<{ room: string; key: string }>) => void) => void;
  /** A named bookmark at `atMs` (default now) of the current epoch; everyone gets the new list (sim:bookmarks). */
  'bookmark:add': (request: BookmarkAddRequest, ack: (result: Ack<{ bookmark: Bookmark }>) => void) => void;
  'scenario:load': (request: ScenarioLoadRequest, ack: (result: Ack<{ scenario: ScenarioInfo }>) => void) => void;
  /** Presenter of a class room: what the class should look at (selection, time cursor, panels); relayed to the rest. */
  'ui:follow': (request: FollowRequest, ack: (result: Ack) => void) => void;
  /** Presenter: open a round "what will fail if ...?" about a fault (not injected yet). */
  'quiz:ask': (request: QuizAskRequest, ack: (result: Ack<{ quiz: QuizState }>) => void) => void;
  /** Viewer: the units this viewer expects to fail ("node/unit"), replacing an earlier answer to round `id`. */
  'quiz:answer': (request: QuizAnswerRequest, ack: (result: Ack<{ answers: number }>) => void) => void;
  /** Presenter: inject the fault and score the answers against what it does within `horizonMs` (default 300000). */
  'quiz:reveal': (request: QuizRevealRequest, ack: (result: Ack<{ quiz: QuizState }>) => void) => void;
  /** Presenter: the round leaves everyone's screen. */
  'quiz:close': (request: Record<string, never>, ack: (result: Ack) => void) => void;
}
