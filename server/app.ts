// createApp wires HTTP routes, socket.io and the rooms onto an http.Server it is given; it never listens
// (main.ts does). Invariants: our request handler is registered before socket.io attaches, so socket.io
// answers /socket.io/ and everything else reaches the router; every room's facts go to its socket.io room
// only; close() stops every timer and socket so the process can exit.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import { AddressLimiter } from './api/addressLimiter.ts';
import { createRequestHandler } from './api/router.ts';
import { addSecurityHeaders } from './api/securityHeaders.ts';
import { DEFAULT_LIMITS, type ServerDeps, type ServerLimits } from './deps.ts';
import { attachSocket } from './handlers/socket.ts';
import { createRejectLog } from './handlers/rejectLog.ts';
import { HeavyCommands } from './handlers/heavy.ts';
import { OutgoingBudget } from './handlers/outgoing.ts';
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
  const broadcast: RoomBroadcast = {
    events: (room, batch) => io.to(room).emit('sim:events', batch),
    // Whoever is too far behind already gets no more snapshots (handlers/outgoing.ts).
    snapshot: (room, snapshot) => {
      outgoing.dropOverBudgetIn(room);
      io.to(room).emit('sim:snapshot', snapshot);
    },
    playback: (room, playback) => io.to(room).emit('sim:playback', playback),
    bookmarks: (room, bookmarks) => io.to(room).emit('sim:bookmarks', bookmarks),
    policy: (room, policy) => io.to(room).emit('sim:policy', policy),
  };
  // Stored rooms are read before the registry exists: creating the default room writes its record.
  const store = deps.dataDir != null ? openStore(deps.dataDir, logger) : null;
  const stored = store?.loadAll() ?? [];
  const saver = store !== null ? new RoomSaver(store, logger, now) : undefined;
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
    durability: saver,
  });
  if (stored.length > 0) rooms.restore(stored);
  // Shared by the socket joins and the HTTP routes that take a presenter key.
  const wrongKeys = new AddressLimiter(limits.wrongKeysPerSecond, limits.wrongKeyBurst, now);
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
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id }, 'client connected');
    socket.on('error', (error) => logger.warn({ err: error, socket: socket.id }, 'client error'));
    if (closing) {
      socket.emit('server:closing', { reason: SHUTDOWN_REASON });
      socket.disconnect(true);
      return;
    }
    attachSocket(socket, { rooms, scenarios: deps.scenarios, logger, now, limits, wrongKeys, rejected, closing: () => closing, heavy, outgoing });
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
    close: () => {
      closed ??= (async () => {
        closing = true;
        heavy.close();
        outgoing.close();
        clearInterval(sweeper);
        rooms.saveAll();
        rooms.close();
        store?.close();
        io.emit('server:closing', { reason: SHUTDOWN_REASON });
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => void io.close(() => resolve()));
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
