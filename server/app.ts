// createApp wires HTTP routes, socket.io and the rooms onto an http.Server it is given; it never listens
// (main.ts does). Invariants: our request handler is registered before socket.io attaches, so socket.io
// answers /socket.io/ and everything else reaches the router; every room's facts go to its socket.io room
// only; close() stops every timer and socket so the process can exit.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import { AddressLimiter } from './api/addressLimiter.ts';
import { createRequestHandler } from './api/router.ts';
import { DEFAULT_LIMITS, type ServerDeps, type ServerLimits } from './deps.ts';
import { attachSocket } from './handlers/socket.ts';
import { originGate } from './origins.ts';
import type { RoomBroadcast } from './room.ts';
import { RoomRegistry } from './rooms.ts';

/** How often idle rooms are looked for. */
export const SWEEP_INTERVAL_MS = 30_000;

export interface App {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  rooms: RoomRegistry;
  limits: ServerLimits;
  close(): Promise<void>;
}

export function createApp(httpServer: HttpServer, deps: ServerDeps): App {
  const now = deps.now ?? Date.now;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger;
  const startedWallMs = now();
  // eslint-disable-next-line prefer-const -- assigned after the rooms exist; the broadcast closes over it.
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  // socket.io encodes a broadcast before looking for receivers: a room nobody watches would still pay JSON for every
  // batch (~1 s of CPU for a 10,000-agent boot) and a 13 MB snapshot on reset. With the default in-memory adapter the
  // local sockets are everyone; an adapter spanning processes (Redis) must drop this shortcut.
  const watched = (room: string) => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  const broadcast: RoomBroadcast = {
    events: (room, batch) => {
      if (watched(room)) io.to(room).emit('sim:events', batch);
    },
    snapshot: (room, snapshot) => {
      if (watched(room)) io.to(room).emit('sim:snapshot', snapshot);
    },
    playback: (room, playback) => io.to(room).emit('sim:playback', playback),
    bookmarks: (room, bookmarks) => io.to(room).emit('sim:bookmarks', bookmarks),
    policy: (room, policy) => io.to(room).emit('sim:policy', policy),
  };
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
  });
  // Shared by the socket joins and the HTTP routes that take a presenter key.
  const wrongKeys = new AddressLimiter(limits.wrongKeysPerSecond, limits.wrongKeyBurst, now);

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
    stats: () => ({
      uptimeMs: now() - startedWallMs,
      rooms: rooms.names().map((name) => {
        const room = rooms.get(name);
        return { name, clients: room?.clients ?? 0, simTimeMs: room?.engine.simTimeMs ?? 0, checkpointBytes: room?.timeline.memory().bytes ?? 0 };
      }),
      memoryRssBytes: process.memoryUsage().rss,
      cpuMicros: process.cpuUsage(),
    }),
  }));

  io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    maxHttpBufferSize: limits.maxPayloadBytes,
    allowRequest: originGate(deps.origins ?? []),
    serveClient: false,
  });
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id }, 'client connected');
    socket.on('error', (error) => logger.warn({ err: error, socket: socket.id }, 'client error'));
    attachSocket(socket, { rooms, scenarios: deps.scenarios, logger, now, limits, wrongKeys });
  });
  io.engine.on('connection_error', (error: { code?: number; message?: string }) => {
    logger.warn({ code: error.code, message: error.message }, 'client connection refused');
  });

  const sweeper = setInterval(() => rooms.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    io,
    rooms,
    limits,
    close: async () => {
      clearInterval(sweeper);
      rooms.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
