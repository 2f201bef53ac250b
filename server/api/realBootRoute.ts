// POST /api/rooms/<room>/real-boot (architecture.md §10): a real node's (or several nodes') `journalctl -o json`
// export or `-o short-iso` text, read line by line as it arrives (never buffered whole), turned into facts by the
// journal registry read backwards, compared with the room's simulated run, kept in the room and broadcast to its
// viewers as `sim:realBoot` (late joiners get it on join: sendRealBoot).
// Invariants: at most MAX_REAL_BOOT_BYTES (413, declared or counted); lines over MAX_LINE_CHARS are cut and counted
// unrecognised; input with no journal line is a 400; at most MAX_PARSES_AT_ONCE uploads parse at once (503 past it);
// an unknown room is a 404 before the body is read; in a class room only the presenter (X-Presenter-Key) may; the
// Origin is checked here as for a recording upload; the caller (router.ts) took the address's room-API budget, and this
// route has its own per-address budget on top.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createImporter, MAX_LINE_CHARS, MAX_REAL_BOOT_BYTES } from '../../shared/journal/importer.ts';
import { divergences, modelMilestones, realMilestones } from '../../shared/journal/divergence.ts';
import { nodeByIp, nodeIndex } from '../../shared/model/cluster.ts';
import type { ClusterConfig } from '../../shared/engine/types.ts';
import type { RealBootRun } from '../../shared/protocol/realBoot.ts';
import type { Room } from '../room/room.ts';
import type { RoomRegistry } from '../room/rooms.ts';
import type { AddressLimiter } from './addressLimiter.ts';
import { isOriginAllowed } from '../origins.ts';
import { sendError, sendJson } from './http.ts';

export const MAX_PARSES_AT_ONCE = 4;
export const MAX_BROADCAST_LINE_CHARS = 400;
const KEY_HEADER = 'x-presenter-key';
let parsing = 0;

/** The real boot each room shows (a WeakMap: a closed room takes its run with it; room.ts stays untouched). */
const runs = new WeakMap<Room, RealBootRun>();
export const realBootOf = (room: Room): RealBootRun | null => runs.get(room) ?? null;

export interface RealBootDeps {
  rooms: RoomRegistry;
  logger: Logger;
  wrongKeys: AddressLimiter;
  /** Per-address budget of uploads (each one may parse 8 MiB). */
  limiter?: AddressLimiter;
  broadcast?: (room: string, run: RealBootRun) => void;
  /** Browser origins allowed besides same-origin and localhost (another page must not post into a class's room). */
  origins?: readonly string[];
}

/** A journal's host name as a node of this cluster: a node id, or an IP / AWS-style `ip-a-b-c-d` name it has. */
export function nodeOfHost(cluster: ClusterConfig, host: string): string {
  if (nodeIndex(cluster, host) >= 0) return host;
  const ip = /^(?:ip-)?(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?:\.|$)/.exec(host);
  return (ip && nodeByIp(cluster, `${ip[1]}.${ip[2]}.${ip[3]}.${ip[4]}`)) || host;
}

export async function serveRealBoot(deps: RealBootDeps, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const address = req.socket.remoteAddress ?? 'unknown';
  if (!isOriginAllowed(req.headers.origin, req.headers.host, deps.origins ?? [])) {
    req.resume();
    return sendError(res, 403, `origin ${String(req.headers.origin).slice(0, 100)} may not post journals here; set BOOTSCOPE_ORIGINS to allow it`);
  }
  const room = deps.rooms.get(name);
  if (!room) {
    req.resume();
    return sendError(res, 404, `unknown room '${name.slice(0, 64)}'`);
  }
  if (room.access.isClass) {
    const header = req.headers[KEY_HEADER];
    const given = typeof header === 'string' ? header : undefined;
    if (given === undefined || given.length > 256 || !room.access.presenterKeyMatches(given)) {
      req.resume();
      if (given !== undefined && !deps.wrongKeys.take(address)) return sendJson(res, 429, { error: 'too many wrong presenter keys from your address: wait a minute' }, { 'Retry-After': '60' });
      return sendError(res, 403, `only the presenter may lay a real boot over room '${room.name}' (a class room): send its key in the ${KEY_HEADER} header`);
    }
  }
  if (deps.limiter !== undefined && !deps.limiter.take(address)) {
    req.resume();
    return sendJson(res, 429, { error: 'too many real-boot uploads from your address: one a second at most' }, { 'Retry-After': '1' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REAL_BOOT_BYTES) {
    req.resume();
    return sendError(res, 413, `the journal is over ${MAX_REAL_BOOT_BYTES} bytes (8 MiB): export one node or a shorter span (journalctl -b -o json -u 'dcos-*')`);
  }
  if (parsing >= MAX_PARSES_AT_ONCE) {
    req.resume();
    return sendJson(res, 503, { error: 'the server is reading other journals right now: try again in a moment' }, { 'Retry-After': '2' });
  }
  parsing += 1;
  try {
    const cluster = room.engine.cluster;
    const importer = createImporter({ nodeOf: (host) => nodeOfHost(cluster, host) });
    const read = await readLines(req, (line) => importer.feed(line));
    if (!read.ok) return sendError(res, read.status, read.error);
    const result = importer.finish();
    if (result.journalLines === 0) {
      return sendError(res, 400, `that is no journal: none of its ${result.unrecognised} lines is a journalctl -o json entry (an object with MESSAGE and __REALTIME_TIMESTAMP) or a -o short-iso line ("<ISO time> <host> <identifier>[<pid>]: <message>")`);
    }
    if (deps.rooms.get(name) !== room) return sendError(res, 404, `room '${room.name}' closed during the upload`);
    const comparedAtMs = room.engine.simTimeMs;
    const run: RealBootRun = {
      format: result.format ?? 'json',
      nodes: result.nodes.slice(0, 1_000),
      // Broadcast to every viewer: each fact's line is cut to MAX_BROADCAST_LINE_CHARS (5,000 facts stay under 2 MB).
      facts: result.facts.map((f) => (f.line.length > MAX_BROADCAST_LINE_CHARS ? { ...f, line: `${f.line.slice(0, MAX_BROADCAST_LINE_CHARS)}…` } : f)),
      unrecognised: result.unrecognised,
      unrecognisedLines: result.unrecognisedLines,
      journalLines: result.journalLines,
      divergences: divergences(realMilestones(result.facts), modelMilestones(room.eventLog(), new Set(result.nodes.filter((n) => nodeIndex(cluster, n) >= 0))), comparedAtMs),
      comparedAtMs,
    };
    runs.set(room, run);
    deps.broadcast?.(room.name, run);
    deps.logger.info({ room: room.name, lines: result.journalLines, facts: run.facts.length, unrecognised: run.unrecognised, bytes: read.bytes }, 'real boot laid over the room');
    return sendJson(res, 200, run);
  } finally {
    parsing -= 1;
  }
}

type ReadResult = { ok: true; bytes: number } | { ok: false; status: 400 | 413; error: string };

/** Splits the body into lines as chunks arrive; a line longer than MAX_LINE_CHARS is fed cut, the rest of it dropped. */
function readLines(req: IncomingMessage, onLine: (line: string) => void): Promise<ReadResult> {
  return new Promise((resolve) => {
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    let partial = '';
    let skipping = false;
    let done = false;
    const finish = (result: ReadResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (!result.ok) req.resume();
      resolve(result);
    };
    const take = (text: string) => {
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        const piece = text.slice(start, nl);
        if (!skipping) onLine(partial + piece);
        partial = '';
        skipping = false;
        start = nl + 1;
      }
      if (skipping) return;
      partial += text.slice(start);
      if (partial.length > MAX_LINE_CHARS) {
        onLine(partial.slice(0, MAX_LINE_CHARS + 1));
        partial = '';
        skipping = true;
      }
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_REAL_BOOT_BYTES) return finish({ ok: false, status: 413, error: `the journal is over ${MAX_REAL_BOOT_BYTES} bytes (8 MiB): export one node or a shorter span` });
      take(decoder.decode(chunk, { stream: true }));
    };
    req.on('data', onData);
    req.once('end', () => {
      take(decoder.decode());
      if (!skipping && partial.length > 0) onLine(partial);
      finish({ ok: true, bytes });
    });
    req.once('error', (error) => finish({ ok: false, status: 400, error: `the upload broke off: ${error.message}` }));
    req.once('aborted', () => finish({ ok: false, status: 400, error: 'the upload was aborted' }));
  });
}
