// createApp wires HTTP routes, socket.io and the rooms onto an http.Server it is given; it never listens
// (main.ts does). Invariants: our request handler is registered before socket.io attaches, so socket.io
// answers /socket.io/ and everything else reaches the router; every room's facts go to its socket.io room
// only; close() stops every timer and socket so the process can exit.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import { AddressLimiter } from './api/addressLimiter.ts';
import { createRequestHandler } from './api/router.ts';
import { addSecurityHeaders } from './api/securityHeaders.ts';
import { DEFAULT_LIMITS, type ServerDeps, type ServerLimits } from './deps.ts';
import { attachSocket, type BootscopeSocket } from './handlers/socket.ts';
import { connectCluster } from './cluster/cluster.ts';
import type { Coordinator } from './cluster/coordinator.ts';
import { attachClusterSocket } from './cluster/front.ts';
import { createRejectLog } from './handlers/rejectLog.ts';
import { HeavyCommands } from './handlers/heavy.ts';
import { OutgoingBudget } from './handlers/outgoing.ts';
import { HISTORY_ADDRESS_BURST, HISTORY_ADDRESS_PAGES_PER_SECOND } from './handlers/history.ts';
import { originGate } from './origins.ts';
import type { RoomBroadcast } from './room.ts';
import { RoomRegistry } from './rooms.ts';
import { RoomSaver } from './roomSaver.ts';
import { RoomFileStore } from './roomStore.ts';

/** How often idle rooms are looked for. */
export const SWEEP_INTERVAL_MS = 30_000;

/** What a socket is told when the server shuts down (server:closing); the web client reconnects by itself. */
export const SHUTDOWN_REASON = 'the server is restarting: reconnect in a moment, your room comes back';

export interface App {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  rooms: RoomRegistry;
  limits: ServerLimits;
  /**
   * Shutdown, in the order that keeps it short under load: refuse new commands, stop every room's timer, store every
   * room, tell each socket why and disconnect it, then close socket.io. Idempotent.
   */
  close(): Promise<void>;
  /** Once the server listens at `url`: with REDIS_URL, start taking room leases (a no-op otherwise). */
  start(url: string): Promise<void>;
}

export function createApp(httpServer: HttpServer, deps: ServerDeps): App {
  const now = deps.now ?? Date.now;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger;
  const startedWallMs = now();
  // eslint-disable-next-line prefer-const -- assigned after the rooms exist; the broadcast closes over it.
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  // eslint-disable-next-line prefer-const -- made with io, below; the snapshot broadcast closes over it.
  let outgoing: OutgoingBudget;
  // socket.io encodes a broadcast before looking for receivers: a room nobody watches would still pay JSON for every
  // batch (~1 s of CPU for a 10,000-agent boot) and a 13 MB snapshot on reset. With the default in-memory adapter the
  // local sockets are everyone; an adapter spanning processes (Redis) has receivers elsewhere, so it always emits.
  const watched = (room: string) => deps.redisUrl != null || (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  const broadcast: RoomBroadcast = {
    events: (room, batch) => {
      if (watched(room)) io.to(room).emit('sim:events', batch);
    },
    // Whoever is too far behind already gets no more snapshots (handlers/outgoing.ts).
    snapshot: (room, snapshot) => {
      if (!watched(room)) return;
      outgoing.dropOverBudgetIn(room);
      io.to(room).emit('sim:snapshot', snapshot);
    },
    playback: (room, playback) => io.to(room).emit('sim:playback', playback),
    bookmarks: (room, bookmarks) => io.to(room).emit('sim:bookmarks', bookmarks),
    policy: (room, policy) => io.to(room).emit('sim:policy', policy),
    closed: (room, reason) => {
      io.to(room).emit('room:closed', { room, reason });
      io.in(room).socketsLeave(room);
    },
  };
  // Stored rooms are read before the registry exists: creating the default room writes its record.
  const store = deps.dataDir != null && deps.redisUrl == null ? openStore(deps.dataDir, logger) : null;
  const stored = store?.loadAll() ?? [];
  // REDIS_URL: records live in Redis and rooms run where their lease is (cluster/); DATA_DIR is then not used.
  const cluster = deps.redisUrl != null ? connectCluster(deps.redisUrl, logger) : null;
  let coordinator: Coordinator | null = null;
  const sink = cluster !== null ? cluster.records : store;
  const saver = sink !== null ? new RoomSaver(sink, logger, now) : undefined;
  const rooms = new RoomRegistry({
    createEngine: deps.createEngine,
    restoreEngine: deps.restoreEngine,
    now,
    broadcast,
    logger,
    maxRooms: limits.maxRooms,
    roomIdleMs: limits.roomIdleMs,
    maxHistoryEvents: limits.maxHistoryEvents,
    autoTick: deps.autoTick ?? true,
    defaultPresenterKey: deps.presenterKey ?? null,
    roomsPerAddress: limits.roomsPerAddress,
    openRoomsPerAddress: limits.openRoomsPerAddress,
    roomInactiveMs: limits.roomInactiveMs,
    durability: saver,
    createDefault: cluster === null,
    onCreated: (room) => coordinator?.adopt(room.name),
  });
  if (stored.length > 0) rooms.restore(stored);
  // Shared by the socket joins and the HTTP routes that take a presenter key.
  const wrongKeys = new AddressLimiter(limits.wrongKeysPerSecond, limits.wrongKeyBurst, now);
  // Every socket of one client address draws from one command budget too (many sockets must not add up).
  const commandsByAddress = new AddressLimiter(limits.addressCommandsPerSecond, limits.addressCommandBurst, now);
  // One budget for every socket's rejected-command log lines: many sockets must not multiply the log either.
  const rejected = createRejectLog(logger, now);
  const heavy = new HeavyCommands(limits, new AddressLimiter(limits.heavyPerAddressPerSecond, limits.heavyAddressBurst, now), now, logger);

  httpServer.on('request', createRequestHandler({
    rooms,
    scenarios: deps.scenarios,
    label: deps.unitLabel,
    logger,
    staticDir: deps.staticDir ?? null,
    webMiddleware: deps.webMiddleware,
    roomApiLimiter: new AddressLimiter(limits.apiRequestsPerSecond, limits.apiBurst, now),
    wrongKeys,
    origins: deps.origins ?? [],
    heavy,
    realBoot: { limiter: new AddressLimiter(1, 5, now), broadcast: (room, run) => io.to(room).emit('sim:realBoot', run) },
    proxyTarget: cluster === null ? undefined : (room) => coordinator?.proxyTarget(room) ?? Promise.resolve(null),
    stats: (local) => {
      const uptimeMs = now() - startedWallMs;
      const memoryRssBytes = process.memoryUsage().rss;
      if (!local) return { uptimeMs, rooms: rooms.size, clients: rooms.names().reduce((n, name) => n + (rooms.get(name)?.clients ?? 0), 0), memoryRssBytes };
      return {
        uptimeMs,
        rooms: rooms.names().map((name) => {
          const room = rooms.get(name);
          return { name, clients: room?.clients ?? 0, simTimeMs: room?.engine.simTimeMs ?? 0, checkpointBytes: room?.timeline.memory().bytes ?? 0 };
        }),
        memoryRssBytes,
        cpuMicros: process.cpuUsage(),
        storeWrites: saver?.writes ?? null,
      };
    },
  }));

  io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    maxHttpBufferSize: limits.maxPayloadBytes,
    allowRequest: originGate(deps.origins ?? []),
    serveClient: false,
  });
  outgoing = new OutgoingBudget(io, limits.maxSocketBufferBytes, logger);
  const historyByAddress = new AddressLimiter(HISTORY_ADDRESS_PAGES_PER_SECOND, HISTORY_ADDRESS_BURST, now);
  const socketDeps = { rooms, scenarios: deps.scenarios, logger, now, limits, wrongKeys, commandsByAddress, rejected, closing: () => closing, heavy, outgoing, historyByAddress };
  if (cluster !== null) coordinator = cluster.coordinate(io as unknown as Server, rooms, (standIn) => attachSocket(standIn as unknown as BootscopeSocket, socketDeps));
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id }, 'client connected');
    socket.on('error', (error) => logger.warn({ err: error, socket: socket.id }, 'client error'));
    if (closing) {
      socket.emit('server:closing', { reason: SHUTDOWN_REASON });
      socket.disconnect(true);
      return;
    }
    // With REDIS_URL every command goes to the owner of the socket's room (cluster/front.ts), this process or another.
    if (cluster !== null && coordinator !== null) attachClusterSocket(socket as unknown as Socket, cluster.frontDeps(coordinator, limits, now), coordinator.fronts);
    else attachSocket(socket, socketDeps);
  });
  io.engine.on('initial_headers', addSecurityHeaders);
  io.engine.on('headers', addSecurityHeaders);
  io.engine.on('connection_error', (error: { code?: number; message?: string }) => {
    logger.warn({ code: error.code, message: error.message }, 'client connection refused');
  });

  const sweeper = setInterval(() => rooms.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  let closing = false;
  let closed: Promise<void> | null = null;

  return {
    io,
    rooms,
    limits,
    start: async (url) => {
      if (cluster !== null && coordinator !== null) await cluster.start(coordinator, url);
    },
    close: () => {
      closed ??= (async () => {
        closing = true;
        heavy.close();
        outgoing.close();
        clearInterval(sweeper);
        rooms.saveAll();
        rooms.close();
        store?.close();
        // This process's sockets only (with REDIS_URL, io.emit would reach every process's).
        io.local.emit('server:closing', { reason: SHUTDOWN_REASON });
        io.local.disconnectSockets(true);
        // Let go of the leases at once: another process takes the rooms over without waiting for them to expire.
        await coordinator?.close();
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        await cluster?.quit();
      })();
      return closed;
    },
  };
}

/** The data directory, created if missing; a directory we cannot use is a configuration error, said in one line. */
function openStore(dir: string, logger: ServerDeps['logger']): RoomFileStore {
  const store = new RoomFileStore(dir, logger);
  try {
    store.open();
  } catch (error) {
    throw new Error(`cannot use the data directory '${dir}' (DATA_DIR): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  logger.info({ dir }, 'rooms are stored in the data directory');
  return store;
}
