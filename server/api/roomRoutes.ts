// The time-travel routes of a room (architecture.md §6): GET /api/rooms/<room>/recording (the recording of the
// current epoch, as a download) and GET /api/rooms/<room>/view?at=<simTimeMs>[&baseline=1] (the cluster at that
// moment, rebuilt from checkpoints + the recording; baseline=1: the same cluster and seed with no faults); the
// critical path and the healthy twin's track live in baselineRoute.ts.
// Invariants: queries are parsed by zod and every refusal says what is allowed (400); an unknown room is a 404; the
// caller (router.ts) has already rate-limited the request, since a rebuild costs CPU on the simulation's thread.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatSimTime } from '../../shared/model/time.ts';
import { describeZodError } from '../../shared/protocol/schemas.ts';
import { recordingFileName } from '../room/history/recording.ts';
import { serveBaselineTrack, serveCriticalPath } from './baselineRoute.ts';
import type { RoomRegistry } from '../room/rooms.ts';
import { sendError, sendJson } from './http.ts';

export const ROOM_API_BASE = '/api/rooms';
/** 15 digits: any simulated time a room can reach, and short enough that Number() is exact. */
const MAX_AT_DIGITS = 15;
const ROUTES: ReadonlySet<string> = new Set(['recording', 'view', 'critical-path', 'baseline']);

const viewQuerySchema = z.object({
  at: z
    .string({ error: 'at is required: ?at=<simulated milliseconds>' })
    .regex(new RegExp(`^\\d{1,${MAX_AT_DIGITS}}$`), 'at must be a whole number of simulated milliseconds (digits only, no sign, point or exponent)')
    .transform(Number),
  baseline: z.enum(['0', '1'], { error: 'baseline must be 1 (the healthy twin) or 0' }).optional(),
});

/** `segments`: the path after /api/rooms, decoded, e.g. ['default', 'view']. */
export function serveRoomRoute(rooms: RoomRegistry, segments: readonly string[], query: Record<string, string>, res: ServerResponse): void {
  const usage = `${ROOM_API_BASE}/<room>/recording, ${ROOM_API_BASE}/<room>/view?at=<simTimeMs>[&baseline=1], ${ROOM_API_BASE}/<room>/critical-path[?baseline=1], ${ROOM_API_BASE}/<room>/baseline?until=<simTimeMs>`;
  if (segments.length !== 2 || !ROUTES.has(segments[1])) {
    return sendError(res, 404, `no such room route: ${ROOM_API_BASE}/${segments.join('/')}; routes: ${usage}`);
  }
  const [name, route] = segments;
  const room = rooms.get(name);
  if (!room) return sendError(res, 404, `unknown room '${name.slice(0, 64)}'`);
  const nowMs = room.engine.simTimeMs;

  if (route === 'critical-path') return serveCriticalPath(room, query, res);
  if (route === 'baseline') return serveBaselineTrack(room, query, res);
  if (route === 'recording') {
    return sendJson(res, 200, room.recording(), { 'Content-Disposition': `attachment; filename="${recordingFileName(room.name, nowMs)}"` });
  }
  const parsed = viewQuerySchema.safeParse(query);
  if (!parsed.success) return sendError(res, 400, `bad query: ${describeZodError(parsed.error)}; allowed: at from 0 to ${nowMs} (now)`);
  const { at, baseline } = parsed.data;
  if (at > nowMs) {
    return sendError(res, 400, `at ${at} is after now in room '${room.name}' (${formatSimTime(nowMs)}, ${nowMs} ms); allowed: at from 0 to ${nowMs}`);
  }
  return sendJson(res, 200, { view: room.viewAt(at, { baseline: baseline === '1' }) });
}
