// Several server processes as one service (architecture.md §8, REDIS_URL). This process:
// - runs the rooms whose lease it holds (leases.ts), renewing each every RENEW_EVERY_MS, and drops a room at once if
//   its lease was lost (exactly one process runs a room);
// - takes a room when nobody holds it: when a socket joins it, and, every RENEW_EVERY_MS, for the default room and for
//   every room its own sockets watch (so when an owner dies, the room is back within LEASE_MS plus one round, restored
//   from its record in Redis, redisRecords.ts, the same epoch, seq and active faults);
// - sends each socket's commands to the owner of its room (front.ts), itself or another process through socket.io's
//   Redis adapter (serverSideEmit with an ack), and answers the commands other processes send for its rooms through
//   stand-in sockets (sessions.ts);
// - tells its sockets to join again when their room changed owner.
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Ack } from '../../shared/protocol/messages.ts';
import { DEFAULT_ROOM, type RoomRegistry } from '../room/rooms.ts';
import type { FrontSession } from './front.ts';
import { LEASE_MS, RENEW_EVERY_MS, type Leases } from './leases.ts';
import type { RedisRecords } from './redisRecords.ts';
import { NO_ANSWER, type SessionMessage, type Sessions } from './sessions.ts';

const SESSION_EVENT = 'bootscope:session';
/** How long a forwarded command may take to be answered by its owner (the Redis adapter's requestsTimeout). */
export const FORWARD_TIMEOUT_MS = 5_000;
/** How often sessions of sockets that vanished with their process are ended. */
export const SESSION_SWEEP_MS = 30_000;

type Reply = Ack | null;

export class Coordinator {
  readonly fronts = new Map<string, FrontSession>();
  /** Rooms this process holds the lease of. */
  private readonly owned = new Set<string>();
  private readonly taking = new Map<string, Promise<string>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(
    private readonly io: Server,
    private readonly rooms: RoomRegistry,
    private readonly leases: Leases,
    private readonly records: RedisRecords,
    private readonly sessions: Sessions,
    private readonly logger: Logger,
  ) {
    // Commands other processes forward for the rooms this one runs; the others answer null.
    io.on(SESSION_EVENT as never, ((message: SessionMessage & { to: string }, reply: (r: Reply) => void) => {
      if (message.to !== this.leases.self.id) return reply(null);
      this.sessions.handle(message).then(reply, () => reply({ ok: false, error: 'internal error on the process running this room' }));
    }) as never);
  }

  get selfId(): string {
    return this.leases.self.id;
  }

  /** Starts the lease loop and takes the default room if it is free. */
  async start(): Promise<void> {
    await this.ownerFor(DEFAULT_ROOM).catch((error: unknown) => this.logger.error({ err: error }, 'could not reach Redis for the default room'));
    this.timer = setInterval(() => void this.round(), RENEW_EVERY_MS);
    this.timer.unref();
    this.sweeper = setInterval(() => void this.sweepSessions(), SESSION_SWEEP_MS);
    this.sweeper.unref();
  }

  /**
   * A process that dies cannot tell the owners that its sockets left: once in a while, ask every process which sockets
   * exist and end the other sessions here, so their rooms count the right number of viewers (and can go idle).
   */
  private async sweepSessions(): Promise<void> {
    if (this.closed) return;
    try {
      const live = new Set((await this.io.fetchSockets()).map((s) => s.id));
      const ended = this.sessions.keepOnly(live);
      if (ended > 0) this.logger.info({ ended }, 'ended the sessions of sockets that are gone');
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not list the sockets of every process');
    }
  }

  /** The id of the process that runs `room`; this one when the room was free (it is then restored or created here). */
  ownerFor(room: string): Promise<string> {
    const pending = this.taking.get(room);
    if (pending !== undefined) return pending;
    const taking = this.take(room).finally(() => this.taking.delete(room));
    this.taking.set(room, taking);
    return taking;
  }

  private async take(room: string): Promise<string> {
    if (this.owned.has(room) && this.rooms.get(room) !== undefined) return this.selfId;
    const holder = await this.leases.holder(room);
    if (holder !== null && holder.id !== this.selfId) return holder.id;
    if (!(await this.leases.acquire(room))) return (await this.leases.holder(room))?.id ?? this.selfId;
    this.owned.add(room);
    if (this.rooms.get(room) === undefined) {
      const stored = await this.records.load(room);
      let damaged: string | null = null;
      const restored = stored !== null ? this.rooms.restore([stored], (_room, reason) => (damaged = reason)) : [];
      if (damaged !== null) await this.records.quarantine(room, damaged);
      if (restored.length === 0) {
        const created = this.rooms.getOrCreate(room);
        if (!created.ok) {
          this.owned.delete(room);
          await this.leases.release(room);
          throw new Error(created.error);
        }
      }
      this.logger.info({ room, restored: restored.length > 0 }, 'this process now runs the room');
    }
    return this.selfId;
  }

  /** A room made here without a join (POST /api/rooms, a fork): take its lease. */
  adopt(room: string): void {
    void this.leases.acquire(room).then((ok) => {
      if (ok) this.owned.add(room);
      else this.logger.warn({ room }, 'a room created here is held by another process');
    });
  }

  /** Sends `message` to `owner` (this process or another) and resolves to its answer. */
  send(owner: string, message: SessionMessage): Promise<Ack> {
    if (owner === this.selfId) return this.sessions.handle(message);
    return new Promise<Ack>((resolve) => {
      // Every other process answers (null when the room is not its); the Redis adapter times out after requestsTimeout.
      const io = this.io as unknown as { serverSideEmit(event: string, payload: unknown, callback: (error: unknown, replies: Reply[]) => void): void };
      io.serverSideEmit(SESSION_EVENT, { ...message, to: owner }, (_error, replies) => {
        const answer = (replies ?? []).find((r) => r !== null && typeof r === 'object');
        resolve(answer ?? { ok: false, error: NO_ANSWER });
      });
    });
  }

  /** Where `room`'s HTTP routes are answered, when another process runs it (null: here, or nobody). */
  async proxyTarget(room: string): Promise<string | null> {
    if (this.rooms.get(room) !== undefined) return null;
    const holder = await this.leases.holder(room);
    return holder !== null && holder.id !== this.selfId ? holder.url : null;
  }

  /** Renews what this process runs, lets go of what it dropped, takes over what lost its owner, moves sockets along. */
  private async round(): Promise<void> {
    if (this.closed) return;
    try {
      for (const room of [...this.owned]) {
        if (this.rooms.get(room) === undefined) {
          this.owned.delete(room); // dropped here (idle): let it go
          await this.leases.release(room);
        } else if (!(await this.leases.renew(room))) {
          this.owned.delete(room);
          this.rooms.drop(room);
          this.sessions.dropRoom(room);
          this.logger.warn({ room }, 'lost the lease of a room: another process runs it now');
        }
      }
      const watched = new Set([DEFAULT_ROOM, ...[...this.fronts.values()].map((f) => f.room)]);
      for (const room of watched) {
        const owner = await this.ownerFor(room);
        for (const front of this.fronts.values()) if (front.room === room && front.owner !== owner) await front.rejoin();
      }
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'lease round failed (Redis unreachable?); retrying');
    }
  }

  /** Shutdown: stop the loop and let go of every lease, so another process takes the rooms over at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sessions.closeAll();
    await Promise.all([...this.owned].map((room) => this.leases.release(room).catch(() => undefined)));
    this.owned.clear();
  }
}

export { LEASE_MS };
