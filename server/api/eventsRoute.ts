// GET /api/rooms/<room>/events?format=ndjson|csv: the room's whole event log of this epoch as a download. Why a
// route: a browser keeps only the newest EVENT_LOG_LIMIT events and a long-running room trims its own history; the
// room then replays its recording (Room.eventLog()), so the download is always complete from t=0. The ndjson is
// byte for byte what `npm run simulate -- --scenario <the recording> --format ndjson` prints before its summary.
// Invariants: the format is validated (400 says what is allowed); the caller has rate-limited the request (a replay
// costs CPU on the simulation's thread).
import type { ServerResponse } from 'node:http';
import { eventsToCsv, eventsToNdjson } from '../../shared/protocol/eventExport.ts';
import type { Room } from '../room/room.ts';
import { formatSimTime } from '../../shared/model/time.ts';
import { sendError } from './http.ts';

export const EVENT_FORMATS = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;
export type EventFormat = keyof typeof EVENT_FORMATS;

/** `<room>-events-<mm-ss>.<format>`, the clock ':'-free like the recording's name. */
export function eventsFileName(room: string, simTimeMs: number, format: EventFormat): string {
  return `${room}-events-${formatSimTime(simTimeMs).replaceAll(':', '-')}.${format}`;
}

export function serveEvents(room: Room, query: Record<string, string>, res: ServerResponse): void {
  const format = query.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') {
    return sendError(res, 400, `bad query: format must be ndjson or csv, not '${format.slice(0, 32)}'`);
  }
  const events = room.eventLog();
  const text = format === 'csv' ? eventsToCsv(events) : eventsToNdjson(events);
  res.writeHead(200, {
    'Content-Type': EVENT_FORMATS[format],
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'Content-Disposition': `attachment; filename="${eventsFileName(room.name, room.engine.simTimeMs, format)}"`,
  });
  res.end(text);
}
