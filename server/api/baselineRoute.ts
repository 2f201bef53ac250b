// GET /api/rooms/<room>/baseline?until=<simTimeMs>: the healthy twin's unit state changes from 0 to `until`, compact
// (shared/protocol/baseline.ts; ~60 KB at 3+100), for the timeline's ghost rows; and the twin's side of
// GET /api/rooms/<room>/critical-path?baseline=1, so the web can say how the critical path shifted.
// Invariants: 0 <= until <= now (the ghost is compared with what happened, never with the future); bad queries are
// 400s that say what is allowed; the room router has resolved the room (404) and rate-limited the request.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { criticalPath } from '../../shared/engine/criticalPath.ts';
import { describeZodError } from '../../shared/protocol/schemas.ts';
import type { Room } from '../room/room.ts';
import { sendError, sendJson } from './http.ts';

/** 15 digits: any simulated time a room can reach, and short enough that Number() is exact. */
const MAX_DIGITS = 15;

const trackQuerySchema = z.object({
  until: z
    .string({ error: 'until is required: ?until=<simulated milliseconds>' })
    .regex(new RegExp(`^\\d{1,${MAX_DIGITS}}$`), 'until must be a whole number of simulated milliseconds (digits only, no sign, point or exponent)')
    .transform(Number),
});

const pathQuerySchema = z.object({
  baseline: z.enum(['0', '1'], { error: 'baseline must be 1 (the healthy twin) or 0' }).optional(),
});

export function serveBaselineTrack(room: Room, query: Record<string, string>, res: ServerResponse): void {
  const nowMs = room.engine.simTimeMs;
  const parsed = trackQuerySchema.safeParse(query);
  if (!parsed.success) return sendError(res, 400, `bad query: ${describeZodError(parsed.error)}; allowed: until from 0 to ${nowMs} (now)`);
  const { until } = parsed.data;
  if (until > nowMs) return sendError(res, 400, `until ${until} is after now in room '${room.name}' (${nowMs} ms); allowed: until from 0 to ${nowMs}`);
  return sendJson(res, 200, room.tape.twin().track(until));
}

/** systemd-analyze critical-chain for the boot; `baseline=1`: for the healthy twin, as of now. */
export function serveCriticalPath(room: Room, query: Record<string, string>, res: ServerResponse): void {
  const parsed = pathQuerySchema.safeParse(query);
  if (!parsed.success) return sendError(res, 400, `bad query: ${describeZodError(parsed.error)}`);
  if (parsed.data.baseline === '1') return sendJson(res, 200, room.tape.twin().criticalPath(room.engine.simTimeMs));
  return sendJson(res, 200, criticalPath(room.eventLog()));
}
