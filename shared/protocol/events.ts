// The socket.io contract, typed once for both server and web (architecture.md §4).
import type { Ack, Bookmark, EventBatch, PlaybackState, RoomPolicy, RoomRole, ScenarioInfo, SimSnapshot } from './messages.ts';
import type { BookmarkAddRequest, ControlCommand, ExplainRequest, ForkRequest, JoinRequest, PreviewRequest, RewindRequest, RoomPolicyRequest, ScenarioLoadRequest, ViewerNameRequest } from './schemas.ts';
import type { ExplainStep, Fault } from '../engine/types.ts';
import type { PreviewOutcome } from '../engine/preview.ts';

export interface ServerToClientEvents {
  'sim:snapshot': (snapshot: SimSnapshot) => void;
  'sim:events': (batch: EventBatch) => void;
  'sim:playback': (playback: PlaybackState) => void;
  /** The room's whole bookmark list, after any change (also in every snapshot). */
  'sim:bookmarks': (bookmarks: Bookmark[]) => void;
  /** The room's policy after a `room:policy` change (also in every snapshot). */
  'sim:policy': (policy: RoomPolicy) => void;
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
  'sim:control': (command: ControlCommand, ack: (result: Ack<{ speed: number; paused: boolean; simTimeMs: number }>) => void) => void;
  /** The engine's cause chain for one unit, from the unit back to its root cause; with `at`, as it was then. */
  'sim:explain': (request: ExplainRequest, ack: (result: Ack<{ chain: ExplainStep[] }>) => void) => void;
  /**
   * What `fault` would do within `horizonMs` (default 300000) if injected now, computed aside (the room untouched):
   * every unit's first change, the cluster health at the horizon and since when, and a one-line summary.
   */
  'sim:preview': (request: PreviewRequest, ack: (result: Ack<PreviewOutcome>) => void) => void;
  /** The room goes back to that moment for everyone (later history dropped), paused; viewers get a snapshot. */
  'sim:rewind': (request: RewindRequest, ack: (result: Ack<{ epoch: number; simTimeMs: number }>) => void) => void;
  /** A new room from this room's state at that moment (default now), paused; `key` is its presenter key. */
  'sim:fork': (request: ForkRequest, ack: (result: Ack<{ room: string; key: string }>) => void) => void;
  /** A named bookmark at `atMs` (default now) of the current epoch; everyone gets the new list (sim:bookmarks). */
  'bookmark:add': (request: BookmarkAddRequest, ack: (result: Ack<{ bookmark: Bookmark }>) => void) => void;
  'scenario:load': (request: ScenarioLoadRequest, ack: (result: Ack<{ scenario: ScenarioInfo }>) => void) => void;
}
