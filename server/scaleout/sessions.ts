// The owner's side of the sockets of its rooms (REDIS_URL): every socket, on this process or another, talks to a
// room through a stand-in socket here, one per socket id, which attachSocket (handlers/socket.ts) wires exactly as a
// real socket. So every command of every process runs through the same validation, rate limits and presenter gate, on
// the one process that runs the room. What a stand-in emits reaches the real socket through the Redis adapter
// (io.to(socketId)), and its room joins too (io.in(socketId).socketsJoin).
// Invariants: a session exists from its join to its leave (or until its room leaves this process); a command for a
// socket with no session here is answered NO_SESSION, and the socket's process joins again (front.ts).
import type { Server } from 'socket.io';
import type { Ack } from '../../shared/protocol/messages.ts';

/** The answer to a command whose socket has no session on this process (the owner changed): join again. */
export const NO_SESSION = 'bootscope:no-session';
/** The answer when no process answered for the owner (it died, or Redis is slow): ask who the owner is now. */
export const NO_ANSWER = 'the process running this room did not answer; try again in a moment';

export type SessionMessage =
  | { op: 'join'; socketId: string; address: string; args: unknown[] }
  | { op: 'command'; socketId: string; address: string; event: string; args: unknown[] }
  | { op: 'leave'; socketId: string };

type Listener = (...args: unknown[]) => void;

/** Enough of a socket.io Socket for attachSocket; everything it sends goes to the real socket, wherever it is. */
export class StandInSocket {
  readonly handshake: { address: string };
  private readonly listeners = new Map<string, Listener[]>();
  room: string | null = null;

  constructor(private readonly io: Server, readonly id: string, address: string) {
    this.handshake = { address };
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    (this.io.to(this.id) as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
    return true;
  }

  /** Everyone in `room` but this socket, on every process (the classroom's relays, handlers/classroomCommands.ts). */
  to(room: string): { emit(event: string, ...args: unknown[]): void } {
    return this.io.to(room).except(this.id) as unknown as { emit(event: string, ...args: unknown[]): void };
  }

  /** The namespace's broadcast, as a real socket's `nsp`. */
  get nsp(): { to(room: string): { emit(event: string, ...args: unknown[]): void } } {
    return { to: (room) => this.io.to(room) as unknown as { emit(event: string, ...args: unknown[]): void } };
  }

  join(room: string): void {
    this.room = room;
    this.io.in(this.id).socketsJoin(room);
  }

  leave(room: string): void {
    if (this.room === room) this.room = null;
    this.io.in(this.id).socketsLeave(room);
  }

  disconnect(close?: boolean): this {
    this.io.in(this.id).disconnectSockets(close);
    return this;
  }

  /** Runs `event`'s handlers as if the real socket had sent it; resolves to the ack they answer. */
  dispatch(event: string, args: unknown[]): Promise<Ack> {
    const handlers = this.listeners.get(event) ?? [];
    if (handlers.length === 0) return Promise.resolve({ ok: false, error: `unknown command '${String(event).slice(0, 40)}'` });
    return new Promise<Ack>((resolve) => {
      for (const handler of handlers) handler(...args, resolve);
    });
  }

  /** The real socket is gone (or its room moved away): run the disconnect handlers (the room counts one client less). */
  close(): void {
    for (const handler of this.listeners.get('disconnect') ?? []) handler();
  }
}

export class Sessions {
  private readonly sessions = new Map<string, StandInSocket>();

  constructor(private readonly io: Server, private readonly attach: (socket: StandInSocket) => void) {}

  handle(message: SessionMessage): Promise<Ack> {
    if (message.op === 'leave') {
      this.sessions.get(message.socketId)?.close();
      this.sessions.delete(message.socketId);
      return Promise.resolve({ ok: true });
    }
    let session = this.sessions.get(message.socketId);
    if (message.op === 'join') {
      if (session === undefined) {
        session = new StandInSocket(this.io, message.socketId, message.address);
        this.attach(session);
        this.sessions.set(message.socketId, session);
      }
      const joining = session;
      return joining.dispatch('sim:join', message.args).then((answer) => {
        // A refused first join (a wrong key, the room limit) leaves no session behind.
        if (!answer.ok && joining.room === null) this.sessions.delete(message.socketId);
        return answer;
      });
    }
    if (session === undefined) return Promise.resolve({ ok: false, error: NO_SESSION });
    return session.dispatch(message.event, message.args);
  }

  /** `room` left this process (its lease was lost): its sessions end; their sockets join again wherever it went. */
  dropRoom(room: string): void {
    for (const [id, session] of this.sessions) {
      if (session.room !== room) continue;
      session.close();
      this.sessions.delete(id);
    }
  }

  /** Ends the sessions whose socket is gone from every process (its process died before it could say so). */
  keepOnly(live: ReadonlySet<string>): number {
    let ended = 0;
    for (const [id, session] of this.sessions) {
      if (live.has(id)) continue;
      session.close();
      this.sessions.delete(id);
      ended += 1;
    }
    return ended;
  }

  closeAll(): void {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
  }
}
