// A socket connected to this process, with REDIS_URL set: its room may run in another process, so every command it
// sends goes to the owner of its room (coordinator.ts) and the owner's answer is its ack. A join finds (or becomes)
// the owner first; the socket's join arguments are kept, so when its room changes owner (the owner died and another
// process took the room over) the socket joins again on the new owner by itself and gets a fresh snapshot.
// Invariants: every command with an ack gets exactly one answer; a flood is cut here (a token bucket like the owner's)
// before it reaches Redis; the owner still applies every check itself.
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { Ack } from '../../shared/protocol/messages.ts';
import { describeZodError, joinSchema } from '../../shared/protocol/schemas.ts';
import { DEFAULT_ROOM } from '../room/rooms.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { ServerLimits } from '../deps.ts';
import { NO_ANSWER, NO_SESSION, type SessionMessage } from './sessions.ts';

export interface FrontDeps {
  /** The process that runs `room` now (this one if it was free); throws when Redis cannot say. */
  ownerFor(room: string): Promise<string>;
  send(owner: string, message: SessionMessage): Promise<Ack>;
  logger: Logger;
  limits: ServerLimits;
  now: () => number;
}

/** What the coordinator needs to move a socket to its room's new owner. */
export interface FrontSession {
  readonly room: string;
  readonly owner: string;
  rejoin(): Promise<void>;
}

const NOT_JOINED: Ack = { ok: false, error: "join a room first: send 'sim:join' with {} (the default room) or {room: name}" };

export function attachScaleOutSocket(socket: Socket, deps: FrontDeps, fronts: Map<string, FrontSession>): void {
  const address = socket.handshake.address;
  // Twice the owner's rate: the owner's own buckets decide; this one only keeps a flood off Redis.
  const bucket = new TokenBucket(deps.limits.commandsPerSecond * 2, deps.limits.commandBurst * 2, deps.now);
  let joined: { room: string; owner: string; args: unknown[] } | null = null;

  const join = async (room: string, args: unknown[]): Promise<Ack> => {
    let owner: string;
    try {
      owner = await deps.ownerFor(room);
    } catch (error) {
      // The room could not be made here (the room limit) or Redis could not say who runs it: say which.
      return { ok: false, error: error instanceof Error ? error.message.slice(0, 300) : String(error) };
    }
    if (joined !== null && (joined.owner !== owner || joined.room !== room)) {
      void deps.send(joined.owner, { op: 'leave', socketId: socket.id }).catch(() => undefined);
      void socket.leave(joined.room);
    }
    const answer = await deps.send(owner, { op: 'join', socketId: socket.id, address, args });
    if (answer.ok) {
      joined = { room, owner, args };
      fronts.set(socket.id, {
        get room() {
          return joined?.room ?? room;
        },
        get owner() {
          return joined?.owner ?? owner;
        },
        rejoin: async () => {
          if (joined !== null) await join(joined.room, joined.args);
        },
      });
    }
    return answer;
  };

  const command = async (event: string, args: unknown[]): Promise<Ack> => {
    if (event === 'sim:join') {
      const parsed = joinSchema.optional().safeParse(args[0]);
      if (!parsed.success) return { ok: false, error: `invalid 'sim:join' payload: ${describeZodError(parsed.error)}` };
      return join(parsed.data?.room ?? DEFAULT_ROOM, args);
    }
    if (joined === null) return NOT_JOINED;
    const message: SessionMessage = { op: 'command', socketId: socket.id, address, event, args };
    const sentTo = joined.owner;
    const answer = await deps.send(sentTo, message);
    if (answer.ok || (answer.error !== NO_SESSION && answer.error !== NO_ANSWER)) return answer;
    // The room changed owner (or its owner just died): join it again wherever it runs now, then send once more.
    if (answer.error === NO_ANSWER && (await deps.ownerFor(joined.room)) === sentTo) return answer;
    const rejoined = await join(joined.room, joined.args);
    return rejoined.ok ? deps.send(joined.owner, message) : rejoined;
  };

  socket.onAny((event: unknown, ...rest: unknown[]) => {
    const ack = rest[rest.length - 1];
    if (typeof event !== 'string' || typeof ack !== 'function') return;
    const answer = ack as (result: Ack) => void;
    if (!bucket.take()) return answer({ ok: false, error: `rate limit: at most ${deps.limits.commandsPerSecond} commands per second` });
    command(event.slice(0, 64), rest.slice(0, -1)).then(answer, (error: unknown) => {
      deps.logger.warn({ socket: socket.id, command: event.slice(0, 64), error: error instanceof Error ? error.message.slice(0, 200) : String(error) }, 'forwarding a command to its room failed');
      answer({ ok: false, error: 'the process running this room did not answer; try again in a moment' });
    });
  });

  socket.on('disconnect', () => {
    fronts.delete(socket.id);
    if (joined !== null) void deps.send(joined.owner, { op: 'leave', socketId: socket.id }).catch(() => undefined);
  });
}
