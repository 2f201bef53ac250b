// createApp wires HTTP routes, socket.io and the rooms onto an http.Server it is given; it never listens
// (main.ts does). Invariants: our request handler is registered before socket.io attaches, so socket.io
// answers /socket.io/ and everything else reaches the router; every room's facts go to its socket.io room
// only; close() stops every timer and socket so the process can exit.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import { AddressLimiter } from './api/addressLimiter.ts';
import { createRequestHandler, type RouterDeps } from './api/router.ts';
import { addSecurityHeaders } from './api/securityHeaders.ts';
import { DEFAULT_LIMITS, type ServerDeps, type ServerLimits } from './deps.ts';
import { socketBroadcast, type BootscopeServer } from './handlers/broadcast.ts';
import { attachSocket, type BootscopeSocket, type SocketDeps } from './handlers/socket.ts';
import { connectScaleOut, type ScaleOutLink } from './scaleout/scaleout.ts';
import type { Coordinator } from './scaleout/coordinator.ts';
import { attachScaleOutSocket, type FrontDeps, type FrontSession } from './scaleout/front.ts';
import { createRejectLog } from './handlers/rejectLog.ts';
import { HeavyCommands } from './handlers/heavy.ts';
import { OutgoingBudget } from './handlers/outgoing.ts';
import { HISTORY_ADDRESS_BURST, HISTORY_ADDRESS_PAGES_PER_SECOND } from './handlers/history.ts';
import { originGate } from './origins.ts';
import { budgetedLogger } from './logBudget.ts';
import { createEngine } from '../shared/engine/index.ts';
import { PastBudget } from './room/history/pastStream.ts';
import { createHostAllowlist, HOST_REFUSED, type HostAllowlist } from './api/hostAllowlist.ts';
import { guardHttpServer } from './api/httpGuard.ts';
import type { RoomBroadcast } from './room/types.ts';
import { RoomRegistry } from './room/rooms.ts';
import { RoomSaver } from './room/store/roomSaver.ts';
import { RoomFileStore } from './room/store/roomStore.ts';

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
  // Warning lines are budgeted process-wide (logBudget.ts); the rooms and handlers all log through this one.
  const logger = budgetedLogger(deps.logger, now);
  deps = { ...deps, logger };
  const startedWallMs = now();
  // eslint-disable-next-line prefer-const -- assigned after the rooms exist; the broadcast reads it at each send.
  let io: BootscopeServer;
  // eslint-disable-next-line prefer-const -- made with io, below; the snapshot broadcast reads it.
  let outgoing: OutgoingBudget;
  const broadcast = socketBroadcast(() => io, () => outgoing, deps.redisUrl != null);
  // REDIS_URL: records live in Redis and rooms run where their lease is (scaleout/); DATA_DIR is then not used.
  const scaleOut = deps.redisUrl != null ? connectScaleOut(deps.redisUrl, logger) : null;
  let coordinator: Coordinator | null = null;
  const { rooms, store, saver } = openRooms(deps, limits, broadcast, scaleOut, (name) => coordinator?.adopt(name));
  const budgets = sharedBudgets(limits, logger, now);
  const hosts = createHostAllowlist(deps.origins ?? []);

  httpServer.on('request', createRequestHandler({
    rooms,
    scenarios: deps.scenarios,
    label: deps.unitLabel,
    logger,
    staticDir: deps.staticDir ?? null,
    webMiddleware: deps.webMiddleware,
    roomApiLimiter: new AddressLimiter(limits.apiRequestsPerSecond, limits.apiBurst, now),
    wrongKeys: budgets.wrongKeys,
    origins: deps.origins ?? [],
    heavy: budgets.heavy,
    realBoot: { limiter: new AddressLimiter(1, 5, now), broadcast: (room, run) => io.to(room).emit('sim:realBoot', run) },
    proxyTarget: scaleOut === null ? undefined : (room) => coordinator?.proxyTarget(room) ?? Promise.resolve(null),
    peers: scaleOut?.peers,
    // The worker replays with the real engine; a server on another engine (tests' fake one) replays in place.
    past: deps.createEngine === createEngine ? new PastBudget() : undefined,
    stats: serverStats(rooms, saver, now, startedWallMs),
  }));

  io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    maxHttpBufferSize: limits.maxPayloadBytes,
    allowRequest: guardedGate(hosts, originGate(deps.origins ?? [])),
    serveClient: false,
  });
  // Every HTTP answer, socket.io's own included: security headers and the Host allowlist (api/httpGuard.ts).
  guardHttpServer(httpServer, hosts);
  outgoing = new OutgoingBudget(io, limits.maxSocketBufferBytes, logger, limits.maxAddressBufferBytes);
  let closing = false;
  const socketDeps: SocketDeps = { rooms, scenarios: deps.scenarios, logger, now, limits, ...budgets, closing: () => closing, outgoing };
  if (scaleOut !== null) coordinator = scaleOut.coordinate(io as unknown as Server, rooms, (standIn) => attachSocket(standIn as unknown as BootscopeSocket, socketDeps));
  const front = scaleOut !== null && coordinator !== null ? { deps: scaleOut.frontDeps(coordinator, limits, now), sessions: coordinator.fronts } : null;
  acceptSockets(io, socketDeps, front, () => closing);

  const sweeper = setInterval(() => rooms.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  let closed: Promise<void> | null = null;

  return {
    io,
    rooms,
    limits,
    start: async (url) => {
      if (scaleOut !== null && coordinator !== null) await scaleOut.start(coordinator, url);
    },
    close: () => {
      closed ??= (async () => {
        closing = true;
        budgets.heavy.close();
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
        await scaleOut?.quit();
      })();
      return closed;
    },
  };
}

/** The rooms, brought back from where they are stored (the data directory, or Redis with REDIS_URL), and their saver. */
function openRooms(deps: ServerDeps, limits: ServerLimits, broadcast: RoomBroadcast, scaleOut: ScaleOutLink | null, adopt: (room: string) => void) {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  // Stored rooms are read before the registry exists: creating the default room writes its record.
  const store = deps.dataDir != null && deps.redisUrl == null ? openStore(deps.dataDir, logger) : null;
  const stored = store?.loadAll() ?? [];
  const sink = scaleOut !== null ? scaleOut.records : store;
  const saver = sink !== null ? new RoomSaver(sink, logger, now, (room, state) => broadcast.storage?.(room, state)) : undefined;
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
    createDefault: scaleOut === null,
    onCreated: (room) => adopt(room.name),
  });
  // A record that does not validate or replay is moved aside (quarantine), so joining its name cannot overwrite it.
  if (stored.length > 0) rooms.restore(stored, (room, reason) => store?.quarantine(room, reason, stored.find((f) => f.room === room)?.text));
  return { rooms, store, saver };
}

/** The budgets every socket (and the HTTP routes that take a key or run heavy work) of the app shares. */
function sharedBudgets(limits: ServerLimits, logger: ServerDeps['logger'], now: () => number) {
  return {
    // Shared by the socket joins and the HTTP routes that take a presenter key.
    wrongKeys: new AddressLimiter(limits.wrongKeysPerSecond, limits.wrongKeyBurst, now),
    // Every socket of one client address draws from one command budget too (many sockets must not add up).
    commandsByAddress: new AddressLimiter(limits.addressCommandsPerSecond, limits.addressCommandBurst, now),
    // One budget for every socket's rejected-command log lines: many sockets must not multiply the log either.
    rejected: createRejectLog(logger, now),
    heavy: new HeavyCommands(limits, new AddressLimiter(limits.heavyPerAddressPerSecond, limits.heavyAddressBurst, now), now, logger),
    historyByAddress: new AddressLimiter(HISTORY_ADDRESS_PAGES_PER_SECOND, HISTORY_ADDRESS_BURST, now),
  };
}

/** socket.io's handshake (polling and WebSocket upgrades alike): the Host allowlist, then the Origin gate. */
function guardedGate(hosts: HostAllowlist, origin: ReturnType<typeof originGate>): ReturnType<typeof originGate> {
  return (req, callback) => (hosts.allows(req.headers.host) ? origin(req, callback) : callback(HOST_REFUSED, false));
}

/** GET /healthz's numbers: totals for anyone, per room for a local caller. */
function serverStats(rooms: RoomRegistry, saver: RoomSaver | undefined, now: () => number, startedWallMs: number): RouterDeps['stats'] {
  return (local) => {
    const uptimeMs = now() - startedWallMs;
    const memoryRssBytes = process.memoryUsage().rss;
    if (!local) return { uptimeMs, rooms: rooms.size, clients: rooms.names().reduce((n, name) => n + (rooms.get(name)?.presence.clients ?? 0), 0), memoryRssBytes };
    return {
      uptimeMs,
      rooms: rooms.names().map((name) => {
        const room = rooms.get(name);
        return { name, clients: room?.presence.clients ?? 0, simTimeMs: room?.engine.simTimeMs ?? 0, checkpointBytes: room?.tape.memory().bytes ?? 0 };
      }),
      memoryRssBytes,
      cpuMicros: process.cpuUsage(),
      storeWrites: saver?.writes ?? null,
    };
  };
}

/**
 * Each new socket: refused while shutting down; with REDIS_URL a front that sends its commands to its room's owner
 * (scaleout/front.ts), this process or another; otherwise wired to the rooms here.
 */
function acceptSockets(io: BootscopeServer, socketDeps: SocketDeps, front: { deps: FrontDeps; sessions: Map<string, FrontSession> } | null, closing: () => boolean): void {
  const { logger } = socketDeps;
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id }, 'client connected');
    socket.on('error', (error) => logger.warn({ err: error, socket: socket.id }, 'client error'));
    if (closing()) {
      socket.emit('server:closing', { reason: SHUTDOWN_REASON });
      socket.disconnect(true);
      return;
    }
    if (front !== null) attachScaleOutSocket(socket as unknown as Socket, front.deps, front.sessions);
    else attachSocket(socket, socketDeps);
  });
  io.engine.on('initial_headers', addSecurityHeaders);
  io.engine.on('headers', addSecurityHeaders);
  io.engine.on('connection_error', (error: { code?: number; message?: string }) => {
    logger.warn({ code: error.code, message: error.message }, 'client connection refused');
  });
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
