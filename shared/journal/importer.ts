// Reads a real journal (journalctl -o json ndjson, or -o short-iso text) line by line and turns the lines it knows
// into facts. Pure and incremental: feed(line) as lines arrive, finish() at the end; memory is bounded by the caps
// below whatever the input. Untrusted input: nothing here throws on any string.
// Times: a json line's fact time is __MONOTONIC_TIMESTAMP (µs since its boot, immune to wall-clock jumps) while the
// line belongs to the first boot seen for its host, else its __REALTIME_TIMESTAMP minus that first boot's start.
// short-iso has no monotonic clock: times are relative to the earliest line of the file (any host), clamped at 0.
import { roleOfNode } from '../model/cluster.ts';
import { usOfCivil } from './time.ts';
import { recogniseLine, type RecogniseState } from './recognise.ts';
import type { JournalFact } from './types.ts';

/** The most a real-boot upload may weigh (architecture.md §10). */
export const MAX_REAL_BOOT_BYTES = 8 * 1024 * 1024;
/** A longer line is cut here and counted unrecognised (journald's own default line max is 48 KiB). */
export const MAX_LINE_CHARS = 64 * 1024;
export const MAX_FACTS = 5_000;
/** Unrecognised lines kept verbatim (cut to MAX_KEPT_CHARS); all are counted. */
export const MAX_KEPT_UNRECOGNISED = 200;
const MAX_KEPT_CHARS = 500;
const MAX_FACT_LINE_CHARS = 1_000;
const MAX_HOSTS = 20_000;

export interface ImportResult {
  format: 'json' | 'short-iso' | null;
  facts: JournalFact[];
  /** Journal lines no template knows (other services, truncated, unparsable): counted, the first ones kept. */
  unrecognised: number;
  unrecognisedLines: string[];
  /** Lines that were journal entries (json objects with MESSAGE, or short-iso lines). */
  journalLines: number;
  nodes: string[];
  /** Facts past MAX_FACTS were counted, not kept. */
  factsDropped: number;
}

export interface ImporterOptions {
  /** Host name in the journal -> node id (e.g. the room's node with that IP); default: the host name itself. */
  nodeOf?: (hostname: string) => string;
  /** Is that node a public agent (its mesos-agent lines belong to dcos-mesos-slave-public). */
  isPublicAgent?: (node: string) => boolean;
}

interface Parsed {
  host: string;
  identifier: string;
  message: string;
  unitHint: string | null;
  realtimeUs: number;
  monotonicUs: number | null;
  bootId: string | null;
}

// 2018-03-08T10:00:12+0000, 2018-03-08T10:00:12.123456+01:00, 2018-03-08T10:00:12Z
const SHORT_ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d) (\S+) ([^\s[:]+)(?:\[(\d{1,10})\])?: ?(.*)$/s;

export function parseShortIsoTime(y: string, mo: string, d: string, h: string, mi: string, s: string, frac: string | undefined, zone: string): number | null {
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const z = zone.replace(':', '');
    offsetMin = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  return usOfCivil({ year: Number(y), month, day, hour, minute, second, micros }) - offsetMin * 60_000_000;
}

function messageText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  // journalctl -o json prints a non-UTF-8 or binary MESSAGE as an array of byte values.
  if (Array.isArray(raw) && raw.length <= MAX_LINE_CHARS && raw.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(raw as number[]));
  }
  return null;
}

const digits = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,17}$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null);

function parseJson(line: string): Parsed | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  const message = messageText(r.MESSAGE);
  const realtimeUs = digits(r.__REALTIME_TIMESTAMP);
  if (message === null || realtimeUs === null) return null;
  const identifier = str(r.SYSLOG_IDENTIFIER) ?? str(r._COMM) ?? '';
  const unitField = identifier === 'systemd' ? str(r.UNIT) ?? str(r._SYSTEMD_UNIT) : str(r._SYSTEMD_UNIT) ?? str(r.UNIT);
  return {
    host: str(r._HOSTNAME) ?? 'unknown',
    identifier,
    message,
    unitHint: unitField !== null ? unitField.replace(/\.service$/, '') : null,
    realtimeUs,
    monotonicUs: digits(r.__MONOTONIC_TIMESTAMP),
    bootId: str(r._BOOT_ID),
  };
}

function parseShortIso(line: string): Parsed | null {
  const m = SHORT_ISO.exec(line);
  if (!m) return null;
  const realtimeUs = parseShortIsoTime(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  if (realtimeUs === null) return null;
  return { host: m[9], identifier: m[10], message: m[12], unitHint: null, realtimeUs, monotonicUs: null, bootId: null };
}

export interface Importer {
  feed(line: string): void;
  finish(): ImportResult;
}

export function createImporter(options: ImporterOptions = {}): Importer {
  const nodeOf = options.nodeOf ?? ((h: string) => h);
  const state: RecogniseState = new Map();
  const facts: JournalFact[] = [];
  const kept: string[] = [];
  const nodes = new Set<string>();
  const firstBoot = new Map<string, { bootId: string | null; originUs: number }>();
  let format: 'json' | 'short-iso' | null = null;
  let unrecognised = 0;
  let journalLines = 0;
  let factsDropped = 0;
  let earliestUs: number | null = null;
  const pendingShortIso: { fact: Omit<JournalFact, 'atMs'>; realtimeUs: number }[] = [];

  const miss = (line: string) => {
    unrecognised += 1;
    if (kept.length < MAX_KEPT_UNRECOGNISED) kept.push(line.slice(0, MAX_KEPT_CHARS));
  };

  function feed(raw: string): void {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const truncated = line.length > MAX_LINE_CHARS;
    if (truncated) line = line.slice(0, MAX_LINE_CHARS);
    if (line.trim() === '') return;
    // journalctl's own notes between entries ("-- Logs begin at ...", "-- Reboot --") are no entries.
    if (format !== 'json' && /^-- .* --$/.test(line)) return;
    if (format === null) format = line.trimStart().startsWith('{') ? 'json' : 'short-iso';
    const parsed = truncated ? null : format === 'json' ? parseJson(line) : parseShortIso(line);
    if (parsed === null) return miss(line);
    journalLines += 1;
    const node = nodeOf(parsed.host).slice(0, 128);
    if (!nodes.has(node) && nodes.size < MAX_HOSTS) nodes.add(node);
    let atMs: number | null = null;
    if (format === 'json') {
      let boot = firstBoot.get(node);
      if (!boot && firstBoot.size < MAX_HOSTS) {
        boot = { bootId: parsed.bootId, originUs: parsed.realtimeUs - (parsed.monotonicUs ?? 0) };
        firstBoot.set(node, boot);
      }
      const sameBoot = boot !== undefined && parsed.monotonicUs !== null && parsed.bootId === boot.bootId;
      atMs = sameBoot ? Math.floor(parsed.monotonicUs! / 1000) : Math.max(0, Math.floor((parsed.realtimeUs - (boot?.originUs ?? parsed.realtimeUs)) / 1000));
    } else if (earliestUs === null || parsed.realtimeUs < earliestUs) earliestUs = parsed.realtimeUs;
    const hit = recogniseLine(node, parsed.identifier, parsed.message, parsed.unitHint, state, (options.isPublicAgent ?? ((n: string) => roleOfNode(n) === 'agent_public'))(node));
    if (hit === null) return miss(line);
    if (hit.fact === null) return;
    if (facts.length + pendingShortIso.length >= MAX_FACTS) {
      factsDropped += 1;
      return;
    }
    const fact = { ...hit.fact, unit: hit.fact.unit ?? hit.unit, node, line: line.slice(0, MAX_FACT_LINE_CHARS) };
    if (atMs !== null) facts.push({ kind: fact.kind, node, unit: fact.unit, ...(fact.to !== undefined ? { to: fact.to } : {}), atMs, line: fact.line });
    else pendingShortIso.push({ fact, realtimeUs: parsed.realtimeUs });
  }

  function finish(): ImportResult {
    for (const p of pendingShortIso) {
      const atMs = Math.max(0, Math.floor((p.realtimeUs - (earliestUs ?? p.realtimeUs)) / 1000));
      facts.push({ kind: p.fact.kind, node: p.fact.node, unit: p.fact.unit, ...(p.fact.to !== undefined ? { to: p.fact.to } : {}), atMs, line: p.fact.line });
    }
    pendingShortIso.length = 0;
    return { format, facts, unrecognised, unrecognisedLines: kept, journalLines, nodes: [...nodes], factsDropped };
  }

  return {
    feed(line) {
      try {
        feed(line);
      } catch {
        miss(String(line).slice(0, MAX_KEPT_CHARS));
      }
    },
    finish,
  };
}

/** A whole text at once (tests, the CLI): split on newlines and feed. */
export function importJournalText(text: string, options: ImporterOptions = {}): ImportResult {
  const importer = createImporter(options);
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    importer.feed(text.slice(start, end === -1 ? text.length : end));
    if (end === -1) break;
    start = end + 1;
  }
  return importer.finish();
}
