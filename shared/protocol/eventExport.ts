// The event log as files a teacher can take away: ndjson (one event per line, exactly the CLI's `--format ndjson`
// lines, so a download diffs against `npm run simulate`) and CSV (RFC 4180, for a spreadsheet). Shared by the server
// (GET /api/rooms/<room>/events) and the web (exporting what the tab already holds), so both give the same bytes.
// Invariants: pure, no zod and no engine at run time (the web loads it in its lazy export chunk); one CSV row per
// event whatever its text holds (commas, quotes and newlines are quoted); the last CSV column is the whole event as
// JSON, so nothing is lost to the flat columns.
import type { SimEvent } from './types.ts';
import { formatSimTime } from '../model/time.ts';

/** The keys, in order, of the two events that make most of a log (unit 61%, step 35% at 10,000 agents) as the engine builds them. */
const UNIT_KEYS = ['type', 'node', 'unit', 'from', 'to', 'cause', 'seq', 'simTimeMs'] as const;
const STEP_KEYS = ['type', 'step', 'node', 'unit', 'text', 'cause', 'seq', 'simTimeMs'] as const;

/** e's enumerable keys (inherited ones too) are exactly `keys`, in that order. */
function keysAre(e: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in e) {
    if (key !== keys[i]) return false;
    i += 1;
  }
  return i === keys.length;
}

/**
 * One ndjson line: seq and time lead (architecture.md §2 order), then the event's own keys in order: what
 * JSON.stringify(Object.assign({ seq, simTimeMs }, e)) writes. Unit and step events whose keys are exactly the
 * engine's go through an object literal of that order instead (one fixed shape; Object.assign adds key by key).
 */
export function eventNdjsonLine(e: SimEvent): string {
  if (e.type === 'unit' && keysAre(e, UNIT_KEYS)) {
    return JSON.stringify({ seq: e.seq, simTimeMs: e.simTimeMs, type: e.type, node: e.node, unit: e.unit, from: e.from, to: e.to, cause: e.cause });
  }
  if (e.type === 'step' && keysAre(e, STEP_KEYS)) {
    return JSON.stringify({ seq: e.seq, simTimeMs: e.simTimeMs, type: e.type, step: e.step, node: e.node, unit: e.unit, text: e.text, cause: e.cause });
  }
  return JSON.stringify(Object.assign({ seq: e.seq, simTimeMs: e.simTimeMs }, e));
}

/** JSON.stringify of an array whose elements' JSON comes from `jsonOf` (holes and undefined read null, as there). */
function arrayJson(list: readonly unknown[], jsonOf: (x: unknown) => string): string {
  let out = '[';
  for (let i = 0; i < list.length; i += 1) out += `${i > 0 ? ',' : ''}${jsonOf(list[i])}`;
  return `${out}]`;
}

/**
 * eventNdjsonLine for one long run over one engine (the CLI): the same bytes, but each diagnostics node report is
 * serialised once. Every master's pull lists the node reports that changed since ITS last pull, and the engine
 * hands all masters the same report object until the node changes again (rules/diagnostics.ts; a report is never
 * modified once built), so a 10,000-agent boot writes each report ~5 times: 28 MB of its 143 MB log from 5.7 MB
 * of distinct reports. Keyed by object identity in a WeakMap, so reports the engine dropped are collected.
 */
export function createEventNdjsonLine(): (e: SimEvent) => string {
  const reportJson = new WeakMap<object, string>();
  const jsonOf = (r: unknown): string => {
    if (typeof r !== 'object' || r === null) return JSON.stringify(r) ?? 'null';
    let json = reportJson.get(r);
    if (json === undefined) {
      json = JSON.stringify(r) ?? 'null';
      reportJson.set(r, json);
    }
    return json;
  };
  return (e) => {
    if (e.type !== 'diagnostics' || typeof e.seq !== 'number' || typeof e.simTimeMs !== 'number') return eventNdjsonLine(e);
    // What JSON.stringify(Object.assign({ seq, simTimeMs }, e)) writes: those two, then e's own keys in order.
    let out = `{"seq":${JSON.stringify(e.seq)},"simTimeMs":${JSON.stringify(e.simTimeMs)}`;
    for (const key of Object.keys(e)) {
      if (key === 'seq' || key === 'simTimeMs') continue;
      const value = (e as unknown as Record<string, unknown>)[key];
      const json = key === 'changed' && Array.isArray(value) ? arrayJson(value, jsonOf) : JSON.stringify(value);
      if (json !== undefined) out += `,${JSON.stringify(key)}:${json}`;
    }
    return `${out}}`;
  };
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
    case 'dns': return `${e.name}${e.node === undefined ? '' : ` on ${e.node}`} = ${e.value ?? 'NXDOMAIN'}`;
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
