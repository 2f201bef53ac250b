// The event log as files a teacher can take away: ndjson (one event per line, exactly the CLI's `--format ndjson`
// lines, so a download diffs against `npm run simulate`) and CSV (RFC 4180, for a spreadsheet). Shared by the server
// (GET /api/rooms/<room>/events) and the web (exporting what the tab already holds), so both give the same bytes.
// Invariants: pure, no zod and no engine at run time (the web loads it in its lazy export chunk); one CSV row per
// event whatever its text holds (commas, quotes and newlines are quoted); the last CSV column is the whole event as
// JSON, so nothing is lost to the flat columns.
import type { SimEvent } from './types.ts';
import { formatSimTime } from '../model/time.ts';

/** One ndjson line: seq and time lead (architecture.md §2 order), as server/cli/run.ts prints them. */
export function eventNdjsonLine(e: SimEvent): string {
  return JSON.stringify(Object.assign({ seq: e.seq, simTimeMs: e.simTimeMs }, e));
}

/** The whole log as ndjson, one event per line, newline-terminated (empty log: empty file). */
export function eventsToNdjson(events: readonly SimEvent[]): string {
  let out = '';
  for (let i = 0; i < events.length; i += 1) out += `${eventNdjsonLine(events[i])}\n`;
  return out;
}

export const CSV_COLUMNS = ['seq', 'simTimeMs', 'time', 'type', 'node', 'unit', 'detail', 'cause', 'refs', 'event'] as const;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled; others go as they are. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The one line a spreadsheet reader wants per event type ("staging -> healthy", "quorum 2 serving, 2 needed", ...). */
function detail(e: SimEvent): string {
  switch (e.type) {
    case 'unit': return `${e.from} -> ${e.to}`;
    case 'node': case 'cluster': return e.health;
    case 'quorum': return `quorum ${e.have} serving, ${e.need} needed`;
    case 'leader': return `${e.role} leader ${e.node ?? 'none'}`;
    case 'dns': return `${e.name} = ${e.value ?? 'NXDOMAIN'}`;
    case 'agent': return e.registered ? 'registered' : e.unreachable ? 'unreachable' : 'not registered';
    case 'task': return `${e.service}/${e.task} ${e.state}`;
    case 'fault': return `${e.active ? 'injected' : 'ended'} ${JSON.stringify(e.fault)}`;
    case 'narration': case 'step': return e.text;
    case 'availability': return JSON.stringify(e.availability);
    case 'diagnostics': return `${e.puller ?? 'nobody'} pulled ${e.nodes} nodes`;
    case 'power': return `${e.up ? 'up' : 'down'}${e.partitioned ? ', partitioned' : ''}`;
    default: return '';
  }
}

function row(e: SimEvent): string {
  const fields = e as Partial<{ node: string | null; unit: string | null; cause: { text: string; refs?: string[] } }>;
  return [
    e.seq,
    e.simTimeMs,
    formatSimTime(e.simTimeMs, { millis: true }),
    e.type,
    fields.node ?? '',
    fields.unit ?? '',
    detail(e),
    fields.cause?.text ?? '',
    (fields.cause?.refs ?? []).join(' '),
    JSON.stringify(e),
  ].map(csvField).join(',');
}

/** A header row, then one row per event; CRLF line ends as RFC 4180 asks (spreadsheets accept them everywhere). */
export function eventsToCsv(events: readonly SimEvent[]): string {
  let out = `${CSV_COLUMNS.join(',')}\r\n`;
  for (let i = 0; i < events.length; i += 1) out += `${row(events[i])}\r\n`;
  return out;
}
