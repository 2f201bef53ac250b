// One connected socket's state: the room it is in, its role there (decided at each join, room/access.ts) and the
// name it goes by. One small object shared by every command module of the socket (socket.ts, classroomCommands.ts),
// instead of closures handed out as accessors. Invariants: a socket is in at most one room; a room closed under it
// (rooms.ts sweep; the client got room:closed) counts as no room; the presenter key is never kept here.
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { Ack, Refusal, RoomRole } from '../../shared/protocol/messages.ts';
import { refusal, type GuardedCommand } from '../room/access.ts';
import type { Room } from '../room/room.ts';

export type BootscopeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export const NOT_JOINED: Refusal = { ok: false, error: "join a room first: send 'sim:join' with {} (the default room) or {room: name}" };

export class SocketSession {
  private current: Room | null = null;
  role: RoomRole = 'viewer';
  displayName: string | null = null;

  /** The joined room, null when none (or it was closed: then a command says so once, see inRoom). */
  get room(): Room | null {
    return this.current?.disposed === true ? null : this.current;
  }

  /** Runs `handler` in the joined room; refused when there is none or it was closed under this socket. */
  inRoom<A extends Ack>(handler: (room: Room) => A | Promise<A>): A | Refusal | Promise<A> {
    const current = this.current;
    if (current?.disposed === true) {
      this.current = null;
      return { ok: false, error: `room '${current.name}' was closed; join another room` };
    }
    return current === null ? NOT_JOINED : handler(current);
  }

  /** inRoom, after the presenter gate; a command that may change the room counts as activity, applied or not. */
  guarded<A extends Ack>(command: GuardedCommand, handler: (room: Room) => A | Promise<A>): A | Refusal | Promise<A | Refusal> {
    return this.inRoom<A | Refusal>((room) => {
      const refused = refusal(room, this.role, command);
      if (refused !== null) return refused;
      room.presence.touch();
      return handler(room);
    });
  }

  /** This socket now watches `room` (a socket.io room join is the caller's). */
  enter(room: Room): void {
    this.current = room;
    room.presence.add();
  }

  /** This socket leaves its room (another join, or the disconnect); returns the room it left. */
  leave(): Room | null {
    const left = this.current;
    left?.presence.remove();
    this.current = null;
    return left;
  }

  /** The room as it is held, closed or not (a join compares against it). */
  get held(): Room | null {
    return this.current;
  }
}
