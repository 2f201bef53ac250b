// Where a room's facts go in the app: its socket.io room (RoomBroadcast over socket.io). Invariants: every fact goes
// to its own room only; a room nobody watches here costs no encoding (socket.io encodes a broadcast before looking for
// receivers: a 10,000-agent boot would pay ~1 s of CPU for JSON and a 13 MB snapshot on reset), except when an
// adapter spans processes (Redis), whose receivers are elsewhere; whoever is too far behind gets no more snapshots.
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { RoomBroadcast } from '../room/types.ts';
import type { OutgoingBudget } from './outgoing.ts';

export type BootscopeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** `io` and `outgoing` are read at each send: they are made after the rooms (which need the broadcast) exist. */
export function socketBroadcast(io: () => BootscopeServer, outgoing: () => OutgoingBudget, spansProcesses: boolean): RoomBroadcast {
  const watched = (room: string) => spansProcesses || (io().sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  return {
    events: (room, batch) => {
      if (watched(room)) io().to(room).emit('sim:events', batch);
    },
    snapshot: (room, snapshot) => {
      if (!watched(room)) return;
      outgoing().broadcastSnapshot(room, snapshot);
    },
    playback: (room, playback) => io().to(room).emit('sim:playback', playback),
    bookmarks: (room, bookmarks) => io().to(room).emit('sim:bookmarks', bookmarks),
    policy: (room, policy) => io().to(room).emit('sim:policy', policy),
    quiz: (room, quiz) => io().to(room).emit('quiz:state', quiz),
    storage: (room, state) => io().to(room).emit('room:storage', state),
    closed: (room, reason) => {
      io().to(room).emit('room:closed', { room, reason });
      io().in(room).socketsLeave(room);
    },
  };
}
