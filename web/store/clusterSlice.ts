/**
 * Cluster slice: the server-fed picture of one room (view, seq bookkeeping, playback, connection).
 * Invariant: only web/socket.ts (through web/store/feed.ts) writes this slice; components only read it.
 * `lastSeq`/`epoch` describe exactly the events folded into `view`; `awaitingSnapshot` is true between a
 * detected gap (or a reconnect) and the next sim:snapshot, during which batches are ignored.
 */
import type { ClusterView } from '../../shared/protocol/types.ts';
import { OPEN_ROOM_POLICY, type RoomPolicy, type RoomRole, type ScenarioInfo } from '../../shared/protocol/messages.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ClusterSlice {
  room: string | null;
  view: ClusterView | null;
  lastSeq: number;
  epoch: number;
  seed: number;
  speed: number;
  paused: boolean;
  scenario: ScenarioInfo | null;
  /** A forked room: where it branched from (shown in the header). */
  forkOf: { room: string; atMs: number } | null;
  connection: ConnectionState;
  /** This page's role in the room (sim:join ack) and the room's rules (snapshot, sim:policy). */
  role: RoomRole;
  policy: RoomPolicy;
  awaitingSnapshot: boolean;
  /** Sim time of the newest fact and the wall time (performance.now) it arrived: the clock interpolates from it. */
  clock: { simTimeMs: number; atWallMs: number };
}

export function initialClusterSlice(): ClusterSlice {
  return {
    room: null,
    view: null,
    lastSeq: 0,
    epoch: -1,
    seed: 0,
    speed: 1,
    paused: false,
    scenario: null,
    forkOf: null,
    connection: 'connecting',
    role: 'viewer',
    policy: OPEN_ROOM_POLICY,
    awaitingSnapshot: true,
    clock: { simTimeMs: 0, atWallMs: 0 },
  };
}
