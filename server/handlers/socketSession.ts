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

  /**
   * inRoom, after the presenter gate; a command that may change the room counts as activity, applied or not. Refused
   * while the room cannot be stored; acked only once what it changed is durable (durableAck).
   */
  guarded<A extends Ack>(command: GuardedCommand, handler: (room: Room) => A | Promise<A>): A | Refusal | Promise<A | Refusal> {
    return this.inRoom<A | Refusal>((room) => {
      const refused = refusal(room, this.role, command);
      if (refused !== null) return refused;
      const unstorable = storageRefusal(room);
      if (unstorable !== null) return unstorable;
      room.presence.touch();
      return durableAck(room, handler(room));
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

/** Why a command may not change `room` now: its record cannot be stored (a full or read-only disk), or null. */
export function storageRefusal(room: Room): Refusal | null {
  const problem = room.storageProblem;
  if (problem === null) return null;
  return { ok: false, error: `room '${room.name}' cannot be stored right now (${problem}); changes are refused until storage works again` };
}

/**
 * The ack of a command that may have changed `room` (write before ack, issue 18): a success is answered once the
 * room's record is durable, or becomes a refusal saying it could not be stored; refusals are answered at once.
 */
export function durableAck<A extends Ack>(room: Room, result: A | Promise<A>): Promise<A | Refusal> | A {
  const settle = (ack: A): Promise<A | Refusal> | A => {
    if (!ack.ok) return ack;
    return room.persisted().then(
      () => ack,
      (error: unknown): Refusal => ({ ok: false, error: `the change was applied but could not be stored (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); it may be lost in a restart, and further changes are refused until storage works again` }),
    );
  };
  return result instanceof Promise ? result.then(settle) : settle(result);
}
