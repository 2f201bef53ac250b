// REDIS_URL's wiring, in one place so app.ts stays the same without it: three ioredis connections (commands, and the
// publish / subscribe pair socket.io's Redis adapter needs), the room records and leases on the first, the adapter on
// the pair. Why @socket.io/redis-adapter (pub/sub) and not the streams adapter: we need serverSideEmit with acks to
// forward commands to a room's owner, which it has, and nothing it lacks (connection-state recovery is not used: a
// client that reconnects joins again and gets a snapshot); why ioredis: a kept client that reconnects on its own.
import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { ServerLimits } from '../deps.ts';
import type { RoomRegistry } from '../room/rooms.ts';
import { Coordinator, FORWARD_TIMEOUT_MS } from './coordinator.ts';
import type { FrontDeps } from './front.ts';
import { Leases } from './leases.ts';
import { RedisRecords } from './redisRecords.ts';
import { Sessions, type StandInSocket } from './sessions.ts';
import { PeerAuth } from './peerAuth.ts';

export interface ScaleOutLink {
  records: RedisRecords;
  /** After the registry and socket.io exist: the adapter, the stand-in sessions and the coordinator. */
  coordinate(io: Server, rooms: RoomRegistry, attach: (socket: StandInSocket) => void): Coordinator;
  frontDeps(coordinator: Coordinator, limits: ServerLimits, now: () => number): FrontDeps;
  /** Starts taking leases, announcing `url` as where this process answers HTTP. */
  start(coordinator: Coordinator, url: string): Promise<void>;
  quit(): Promise<void>;
  /** The processes' shared HMAC key for forwarded client addresses (peerAuth.ts); null while Redis cannot say. */
  peers: Promise<PeerAuth | null>;
}

export function connectScaleOut(redisUrl: string, logger: Logger): ScaleOutLink {
  const options = { maxRetriesPerRequest: 3, enableOfflineQueue: true };
  const redis = new Redis(redisUrl, options);
  const pub = new Redis(redisUrl, options);
  const sub = new Redis(redisUrl, options);
  for (const client of [redis, pub, sub]) client.on('error', (error: Error) => logger.warn({ error: error.message }, 'Redis connection error'));
  const records = new RedisRecords(redis, logger);
  const leases = new Leases(redis, { id: randomBytes(8).toString('hex'), url: '' });
  const peers = PeerAuth.shared(redis).catch((error: unknown) => {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'no peer secret from Redis: requests passed on are counted by the passing process\'s address');
    return null;
  });
  return {
    peers,
    records,
    coordinate(io, rooms, attach) {
      io.adapter(createAdapter(pub, sub, { requestsTimeout: FORWARD_TIMEOUT_MS }));
      return new Coordinator(io, rooms, leases, records, new Sessions(io, attach), logger);
    },
    frontDeps(coordinator, limits, now) {
      return { ownerFor: (room) => coordinator.ownerFor(room), send: (owner, message) => coordinator.send(owner, message), logger, limits, now };
    },
    async start(coordinator, url) {
      await requirePersistence(redis, process.env);
      leases.self.url = url;
      logger.info({ process: leases.self.id }, 'several processes: rooms run where their lease is (REDIS_URL)');
      await coordinator.start();
    },
    async quit() {
      await Promise.all([redis, pub, sub].map((client) => client.quit().catch(() => undefined)));
    },
  };
}

/** Set to `external` when Redis persists its data in a way CONFIG cannot show (a managed service that hides CONFIG). */
export const REDIS_PERSISTENCE_ENV = 'BOOTSCOPE_REDIS_PERSISTENCE';

/** Why this process refuses to run on the Redis it was given (main.ts exits with it). */
export class RedisPersistenceError extends Error {}

/**
 * Records and presenter key digests live in Redis: a Redis that restarts empty would bring class rooms back open, at
 * 0:00, with the same epoch. So the server refuses to run unless Redis keeps an append-only file
 * (`appendonly yes`), which a restart replays: every write acked to a client is in it (Redis writes the file before it
 * replies; fsynced every second, or at each write with `appendfsync always`).
 */
export async function requirePersistence(redis: Redis, env: NodeJS.ProcessEnv): Promise<void> {
  if (env[REDIS_PERSISTENCE_ENV] === 'external') return;
  let appendonly: string | undefined;
  try {
    const answer = (await redis.config('GET', 'appendonly')) as string[];
    appendonly = answer[1];
  } catch (error) {
    throw new RedisPersistenceError(`cannot ask Redis whether it persists its data (CONFIG GET appendonly: ${error instanceof Error ? error.message : String(error)}); if it does, set ${REDIS_PERSISTENCE_ENV}=external`);
  }
  if (appendonly !== 'yes') {
    throw new RedisPersistenceError(`Redis at REDIS_URL keeps no append-only file (appendonly ${appendonly ?? 'unknown'}): a restart would lose every room and presenter key. Start it with --appendonly yes (e.g. redis-server --appendonly yes --dir /var/lib/redis), or CONFIG SET appendonly yes`);
  }
}
