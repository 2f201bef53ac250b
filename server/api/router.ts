// The HTTP side of the server (everything except /socket.io, which socket.io answers itself): the
// dcos-diagnostics health API, the small JSON API (/api/scenarios, /api/explain, /api/rooms/..., /healthz) and the
// built web app. Invariants: only GET/HEAD (and POST for a recording upload); query values are validated (400 with a message); an unknown room is a 404
// JSON error; the room time-travel routes are rate-limited per address (429); a throwing route answers 500 and is
// logged, never crashing the process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { describeZodError, explainSchema, roomNameSchema } from '../../shared/protocol/schemas.ts';
import type { ScenarioSource, WebMiddleware } from '../deps.ts';
import { explainUnit } from '../explain.ts';
import type { Room } from '../room/room.ts';
import { DEFAULT_ROOM, type RoomRegistry } from '../room/rooms.ts';
import type { AddressLimiter } from './addressLimiter.ts';
import type { LabelFn } from './diagnostics.ts';
import { HEALTH_BASE, serveDiagnostics } from './diagnosticsRoutes.ts';
import { sendError, sendJson } from './http.ts';
import { isBigRoom, serveEvents, serveEventsStreamed } from './eventsRoute.ts';
import type { PastBudget } from '../room/history/pastStream.ts';
import { serveJournal } from './journalRoute.ts';
import { serveRealBoot, type RealBootDeps } from './realBootRoute.ts';
import { serveRecordingUpload } from './recordingUpload.ts';
import { serveCreateRoom } from './createRoomRoute.ts';
import { ROOM_API_BASE, serveRoomRoute } from './roomRoutes.ts';
import { isOriginAllowed } from '../origins.ts';
import { serveStatic } from './static.ts';
import { applySecurityHeaders } from './securityHeaders.ts';
import type { HeavyCommands } from '../handlers/heavy.ts';
import { PROXIED_HEADER, proxyRequest, roomOfRequest } from '../scaleout/httpProxy.ts';
import type { PeerAuth } from '../scaleout/peerAuth.ts';
import { addressOf, setClientAddress } from './clientAddress.ts';

export interface RouterDeps {
  rooms: RoomRegistry;
  scenarios: ScenarioSource;
  label: LabelFn;
  logger: Logger;
  staticDir: string | null;
  webMiddleware?: WebMiddleware;
  /** Per-address budget for the /api/rooms routes (a past view is rebuilt on the simulation's thread). */
  roomApiLimiter: AddressLimiter;
  /** Wrong presenter keys per address (shared with sim:join). */
  wrongKeys: AddressLimiter;
  /** Browser origins allowed besides same-origin and localhost (as for the socket, origins.ts). */
  origins?: readonly string[];
  /** `local`: asked from this machine (loopback), the only place room names are shown. */
  stats(local: boolean): object;
  /** Heavy-command budgets (handlers/heavy.ts): an upload replaces the room's simulation like a reset. */
  heavy?: HeavyCommands;
  /** REDIS_URL: where a room that runs in another process answers HTTP (null: here), scaleout/httpProxy.ts. */
  proxyTarget?: (room: string) => Promise<string | null>;
  /** REDIS_URL: signs the client's address on requests passed on, and checks it on requests passed here. */
  peers?: Promise<PeerAuth | null>;
  /** With the real engine: a big room's past is replayed in a worker under these budgets (room/history/pastStream.ts). */
  past?: PastBudget;
  /** POST /api/rooms/<room>/real-boot: its per-address budget and the sim:realBoot broadcast (realBootRoute.ts). */
  realBoot?: Pick<RealBootDeps, 'limiter' | 'broadcast'>;
}

/** Where a recording upload to a class room carries the presenter key. */
export const PRESENTER_KEY_HEADER = 'x-presenter-key';

const roomQuerySchema = z.object({ room: roomNameSchema.optional() });
const MAX_URL_LENGTH = 2048;

export function createRequestHandler(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    applySecurityHeaders(res, { csp: deps.webMiddleware === undefined });
    routeOrProxy(deps, req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, url: req.url }, 'http request failed');
      if (!res.headersSent) sendError(res, 500, 'internal error (logged on the server)');
      else res.destroy();
    });
  };
}

/** A room route for a room another process runs goes there (once); everything else is answered here. */
async function routeOrProxy(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const peers = deps.peers !== undefined ? await deps.peers : null;
  const passedOn = req.headers[PROXIED_HEADER] !== undefined;
  // A request a peer passed on is counted by the client the peer signed for; anyone else by their own address.
  const address = (passedOn ? peers?.verify(req) : null) ?? addressOf(req);
  setClientAddress(req, address);
  const room = deps.proxyTarget !== undefined && !passedOn ? roomOfRequest(req.url ?? '/') : null;
  const target = room !== null ? await deps.proxyTarget!(room) : null;
  return target !== null ? proxyRequest(req, res, target, peers?.sign(address, req.method ?? 'GET', req.url ?? '/') ?? {}) : handle(deps, req, res);
}

async function handle(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  if (rawUrl.length > MAX_URL_LENGTH) return sendError(res, 414, `URL too long: at most ${MAX_URL_LENGTH} characters`);
  // The routes with a body: POST /api/rooms/<room>/recording (recordingUpload.ts) and POST /api/rooms
  // (createRoomRoute.ts); everything else is read-only.
  const upload = req.method === 'POST' && /^\/api\/rooms\/[^/?#]+\/recording(\?|$)/.test(rawUrl);
  const createRoom = req.method === 'POST' && /^\/api\/rooms\/?(\?|$)/.test(rawUrl);
  const realBoot = req.method === 'POST' && /^\/api\/rooms\/[^/?#]+\/real-boot(\?|$)/.test(rawUrl);
  if (req.method !== 'GET' && req.method !== 'HEAD' && !upload && !createRoom && !realBoot) {
    req.resume();
    const allow = /^\/api\/rooms\/[^/?#]+\/recording(\?|$)/.test(rawUrl) ? 'GET, HEAD, POST' : /^\/api\/rooms\/?(\?|$)/.test(rawUrl) ? 'POST' : 'GET, HEAD';
    return sendJson(res, 405, { error: `method ${String(req.method).slice(0, 16)} not allowed here: allowed ${allow}` }, { Allow: allow });
  }
  if (createRoom) return createClassRoom(deps, req, res);
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://localhost');
  } catch {
    return sendError(res, 400, `malformed URL '${rawUrl.slice(0, 100)}'`);
  }
  const pathname = url.pathname;
  const query = Object.fromEntries(url.searchParams);

  // Room names are for whoever runs the server (loopback); from elsewhere /healthz says only that it is alive and how busy.
  if (pathname === '/healthz') return sendJson(res, 200, { ok: true, ...deps.stats(isLoopback(req.socket.remoteAddress)) });
  if (pathname === '/api/scenarios') return sendJson(res, 200, { scenarios: deps.scenarios.list() });
  if (pathname === '/api/explain') {
    const room = pickRoom(deps.rooms, query.room, res);
    if (!room) return;
    const parsed = explainSchema.safeParse({ node: query.node, unit: query.unit });
    if (!parsed.success) return sendError(res, 400, `bad query: ${describeZodError(parsed.error)}; expected ?node=<node id>&unit=<unit id>[&room=<name>]`);
    const result = explainUnit(room.engine, parsed.data.node, parsed.data.unit);
    return result.ok ? sendJson(res, 200, { node: parsed.data.node, unit: parsed.data.unit, chain: result.chain }) : sendError(res, 404, result.error);
  }
  if (pathname === HEALTH_BASE || pathname.startsWith(`${HEALTH_BASE}/`)) {
    const room = pickRoom(deps.rooms, query.room, res);
    if (!room) return;
    const segments = decodeSegments(pathname.slice(HEALTH_BASE.length));
    if (segments === null) return sendError(res, 400, 'malformed percent-encoding in the path');
    // ?node=<ip or node id>: that node's own dcos-diagnostics answers (diagnosticsNode.ts); default master-1.
    return serveDiagnostics(room, deps.label, segments, res, query.node);
  }
  if (pathname.startsWith(`${ROOM_API_BASE}/`)) {
    if (!deps.roomApiLimiter.take(addressOf(req))) {
      return sendJson(res, 429, { error: `too many requests to ${ROOM_API_BASE}: slow down (a past view is rebuilt for each one)` }, { 'Retry-After': '1' });
    }
    const segments = decodeSegments(pathname.slice(ROOM_API_BASE.length));
    if (segments === null) return sendError(res, 400, 'malformed percent-encoding in the path');
    if (upload) return uploadRecording(deps, segments[0]!, req, res);
    if (realBoot) return serveRealBoot({ rooms: deps.rooms, logger: deps.logger, wrongKeys: deps.wrongKeys, origins: deps.origins ?? [], ...deps.realBoot }, segments[0]!, req, res);
    if (segments.length === 2 && segments[1] === 'events') {
      const room = pickRoom(deps.rooms, segments[0], res);
      if (room !== null && deps.past !== undefined && isBigRoom(room)) return serveEventsStreamed(room, query, req, res, deps.past, addressOf(req));
      return room ? serveEvents(room, query, res) : undefined;
    }
    if (segments.length === 2 && segments[1] === 'journal') {
      const room = deps.rooms.get(segments[0]!);
      return room ? serveJournal(room, query, res) : sendError(res, 404, `unknown room '${segments[0]!.slice(0, 64)}'`);
    }
    return serveRoomRoute(deps.rooms, segments, query, res);
  }
  if (pathname.startsWith('/api/')) return sendError(res, 404, `no such API route: ${pathname}; see /api/scenarios, /api/explain, ${ROOM_API_BASE}/<room>/..., ${HEALTH_BASE}`);
  if (deps.webMiddleware) {
    const middleware = deps.webMiddleware;
    return new Promise<void>((resolve) => {
      res.once('finish', resolve);
      middleware(req, res, () => {
        sendError(res, 404, `not found: ${pathname}`);
        resolve();
      });
    });
  }
  if (deps.staticDir === null) return sendError(res, 404, `not found: ${pathname} (the web app is not being served)`);
  return serveStatic(deps.staticDir, req, res, pathname);
}

/** Another web page must not load recordings into a classroom's room (the socket has the same Origin gate). */
function uploadRecording(deps: RouterDeps, room: string, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  if (!isOriginAllowed(req.headers.origin, req.headers.host, deps.origins ?? [])) {
    req.resume();
    return sendError(res, 403, `origin ${String(req.headers.origin).slice(0, 100)} may not load recordings here; set BOOTSCOPE_ORIGINS to allow it`);
  }
  // A class room is changed by its presenter only: the key comes in a header (never in the URL, which gets logged).
  const target = deps.rooms.get(room);
  const address = addressOf(req);
  if (target !== undefined && target.policy.mode === 'class') {
    const header = req.headers[PRESENTER_KEY_HEADER];
    const given = typeof header === 'string' ? header : undefined;
    if (given === undefined || given.length > 256 || !target.access.presenterKeyMatches(given)) {
      req.resume();
      if (given !== undefined && !deps.wrongKeys.take(address)) return sendJson(res, 429, { error: 'too many wrong presenter keys from your address: wait a minute' }, { 'Retry-After': '60' });
      return sendError(res, 403, `only the presenter may load a recording into room '${target.name}' (a class room): send its key in the ${PRESENTER_KEY_HEADER} header`);
    }
  }
  const heavy = deps.heavy;
  return serveRecordingUpload(deps.rooms, room, req, res, deps.logger, heavy === undefined ? undefined : (target, run) => heavy.submit(target, address, null, 'scenario load', run));
}

/** POST /api/rooms: same Origin gate as an upload, the address's API budget, then createRoomRoute.ts. */
function createClassRoom(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  if (!isOriginAllowed(req.headers.origin, req.headers.host, deps.origins ?? [])) {
    req.resume();
    return sendError(res, 403, `origin ${String(req.headers.origin).slice(0, 100)} may not create rooms here; set BOOTSCOPE_ORIGINS to allow it`);
  }
  if (!deps.roomApiLimiter.take(addressOf(req))) {
    req.resume();
    return sendJson(res, 429, { error: `too many requests to ${ROOM_API_BASE}: slow down` }, { 'Retry-After': '1' });
  }
  return serveCreateRoom(deps.rooms, deps.scenarios, req, res, deps.logger);
}

function pickRoom(rooms: RoomRegistry, name: string | undefined, res: ServerResponse): Room | null {
  const parsed = roomQuerySchema.safeParse({ room: name });
  if (!parsed.success) {
    sendError(res, 400, `bad query: ${describeZodError(parsed.error)}`);
    return null;
  }
  const roomName = parsed.data.room ?? DEFAULT_ROOM;
  const room = rooms.get(roomName);
  // Never the list of rooms: a room's name is all a stranger needs to watch it.
  if (!room) sendError(res, 404, `unknown room '${roomName}'`);
  return room ?? null;
}

function decodeSegments(rest: string): string[] | null {
  try {
    return rest.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack listener reports ::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
