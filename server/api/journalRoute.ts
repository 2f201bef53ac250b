// GET /api/rooms/<room>/journal?node=<id>[&unit=<unit>][&format=short-iso|json][&until=<simTimeMs>] (architecture.md
// §10): one node's journal, as `journalctl -o short-iso` / `-o json` print it, up to `until` (default now).
// Invariants: the room's log is read once and filtered by node before a line is built (a 10,000-agent room never
// builds the other nodes' journals); the body is streamed in chunks with backpressure, so memory stays at one chunk
// whatever the journal's size; the bytes equal `npm run simulate -- --scenario <recording> --journal <node>[/<unit>]`.
// The caller (router.ts) has rate-limited the request (reading the log may replay the recording).
import type { ServerResponse } from 'node:http';
import { journalEntries } from '../../shared/journal/generator.ts';
import { formatEntry } from '../../shared/journal/format.ts';
import type { Room } from '../room/room.ts';
import { checkJournalRequest } from '../journal/journalQuery.ts';
import { sendError } from './http.ts';

const CHUNK_BYTES = 64 * 1024;
const MAX_UNTIL_DIGITS = 15;
export const JOURNAL_CONTENT_TYPES = { 'short-iso': 'text/plain; charset=utf-8', json: 'application/x-ndjson; charset=utf-8' } as const;

export async function serveJournal(room: Room, query: Record<string, string>, res: ServerResponse): Promise<void> {
  const checked = checkJournalRequest(room.engine.cluster, query);
  if (!checked.ok) return sendError(res, checked.status, checked.status === 400 ? `bad query: ${checked.error}` : checked.error);
  const nowMs = room.engine.simTimeMs;
  let untilMs = nowMs;
  if (query.until !== undefined) {
    if (!new RegExp(`^\\d{1,${MAX_UNTIL_DIGITS}}$`).test(query.until)) return sendError(res, 400, 'bad query: until must be a whole number of simulated milliseconds (digits only)');
    untilMs = Number(query.until);
    if (untilMs > nowMs) return sendError(res, 400, `bad query: until ${untilMs} is after now in room '${room.name}' (${nowMs} ms); allowed: 0 to ${nowMs}`);
  }
  const { node, unit, format } = checked.request;
  const events = room.eventLog();
  res.writeHead(200, { 'Content-Type': JOURNAL_CONTENT_TYPES[format], 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  let chunk = '';
  for (const entry of journalEntries(room.engine.cluster, events, { node, unit, untilMs })) {
    chunk += `${formatEntry(entry, format)}\n`;
    if (chunk.length >= CHUNK_BYTES) {
      const more = res.write(chunk);
      chunk = '';
      if (res.destroyed) return;
      if (!more) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
      if (res.destroyed) return;
    }
  }
  res.end(chunk);
}
