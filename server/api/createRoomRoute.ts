// POST /api/rooms (architecture.md §7): a new class room -> 201 {room, presenterKey, presenterUrl, viewerUrl}.
// The presenter URL carries the key in its fragment (#key=...: browsers never send a fragment to a server, so it
// stays out of access logs; the page moves it to sessionStorage and strips it); the viewer URL never carries it.
// Invariants: the body is read with a hard cap (413) and parsed by zod (400 with a message) before anything is
// created; the caller (router.ts) has checked the Origin and the address's request budget; the registry enforces
// the per-address and total room limits (429); the key is never logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createRoomSchema, describeZodError } from '../../shared/protocol/schemas.ts';
import type { ScenarioSource } from '../deps.ts';
import type { ClassRoomStart, RoomRegistry } from '../room/rooms.ts';
import { sendError, sendJson } from './http.ts';
import { readBody } from './readBody.ts';

/** A create request is a few fields; anything bigger is not one. */
export const MAX_CREATE_ROOM_BYTES = 4 * 1024;

export async function serveCreateRoom(rooms: RoomRegistry, scenarios: ScenarioSource, req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  const body = await readBody(req, MAX_CREATE_ROOM_BYTES);
  if (!body.ok) return sendError(res, body.status, body.status === 413 ? `request body is over ${MAX_CREATE_ROOM_BYTES} bytes; send {name?, cluster?, seed?, scenario?}` : body.error);
  let json: unknown;
  try {
    json = body.text.trim() === '' ? {} : JSON.parse(body.text);
  } catch {
    return sendError(res, 400, 'the body is not valid JSON; send {name?, cluster?, seed?, scenario?}');
  }
  const parsed = createRoomSchema.safeParse(json);
  if (!parsed.success) return sendError(res, 400, `bad room request: ${describeZodError(parsed.error)}; allowed: {name?, cluster?: {masters, agents, publicAgents}, seed?, scenario?}`);
  const { name, cluster, seed, scenario } = parsed.data;
  const start: ClassRoomStart = { cluster, seed };
  if (scenario !== undefined) {
    const loaded = scenarios.load(scenario);
    if (!loaded.ok) return sendError(res, 400, loaded.error);
    const s = loaded.scenario;
    start.scenario = { info: { name: s.name, title: s.title, description: s.description }, cluster: s.cluster, seed: s.seed, steps: s.steps };
  }
  const created = rooms.createClassRoom(req.socket.remoteAddress ?? 'unknown', name, start);
  if (!created.ok) return sendJson(res, created.status, { error: created.error }, created.status === 429 ? { 'Retry-After': '60' } : {});
  const base = baseUrl(req);
  const room = created.room.name;
  const viewerUrl = `${base}/?room=${encodeURIComponent(room)}`;
  logger.info({ room, scenario: scenario ?? null }, 'class room created');
  return sendJson(res, 201, { room, presenterKey: created.key, presenterUrl: `${viewerUrl}#key=${created.key}`, viewerUrl });
}

/** The address the caller reached us at (their Host header; https when the connection is TLS). */
function baseUrl(req: IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = (req.headers.host ?? 'localhost').replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `${encrypted ? 'https' : 'http'}://${host}`;
}
