/**
 * Thirty phones join at once (`npm run bench -- --only thirty`, issue 19): the teacher shows the QR code and a class
 * joins a room ten simulated minutes in, running at 20x, through one access point (bench/netModel.ts: a shared
 * 30 x 1.6 Mbit/s link, 150 ms round trip), twice: joining as the page did before issue 19 and as it does now. 29 of the phones are socket.io clients in this process that do what the
 * page does on the wire (load the page and its entry script, connect, join as the page joins) and note when their
 * snapshot arrived without parsing it; the 30th is Chromium as in bench/phone.ts (4x CPU), whose first DAG is
 * the last phone's first DAG in practice (it also has to run the page).
 *  - bytes per join: everything the access point carried down, over 30 (page, script, join, live batches until the
 *    last phone had its snapshot), and the snapshot message as sent;
 *  - server CPU: the server process's user + system time over the joins (its /healthz), next to what the same room
 *    costs over the same wall time with nobody joining.
 */
import { availableParallelism, loadavg } from 'node:os';
import { io as connect } from 'socket.io-client';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import type { ClusterConfig } from '../shared/engine/types.ts';
import { chromiumMissing, launchBrowser, startServer, uniqueRoom } from '../web/e2e/harness.ts';
import { PHONE_LINK, startShapedProxy } from './netModel.ts';
import { firstDag, phonePage, roomTenMinutesIn } from './phone.ts';
import { median } from './web.ts';

const PHONES = 30;
const SIZES: { label: string; cluster: ClusterConfig }[] = [
  { label: '3+2+1', cluster: { masters: 3, agents: 2, publicAgents: 1 } },
  { label: '3+100', cluster: { masters: 3, agents: 100, publicAgents: 0 } },
  { label: '5+10,000+100', cluster: { masters: 5, agents: 10_000, publicAgents: 100 } },
];
const AP_LINK = { ...PHONE_LINK, downBitsPerSecond: PHONE_LINK.downBitsPerSecond * PHONES, upBitsPerSecond: PHONE_LINK.upBitsPerSecond * PHONES };
const JOIN_TIMEOUT_MS = 180_000;
/**
 * How the scripted phones join: as the page did before issue 19 (plain JSON snapshots) and as it does now (it asks
 * for packed snapshots, web/socket.ts). Each size runs both, in this order, in one run; the Chromium phone (which
 * always joins as the page does now) goes with the second.
 */
const MODES = [
  { mode: 'json', join: {} },
  { mode: 'packed', join: { snapshotEncoding: 'deflate-raw' } },
] as const;

/** Hands a `sim:snapshot` on as its raw text (its length is what counts here); everything else is decoded. */
class SnapshotSkippingDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string' && chunk.startsWith(`${PacketType.EVENT}["sim:snapshot",`)) {
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: ['sim:snapshot', { rawBytes: Buffer.byteLength(chunk) }] });
      return;
    }
    super.add(chunk);
  }
}

async function serverCpuMs(url: string): Promise<number> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as { cpuMicros: { user: number; system: number } };
  return (body.cpuMicros.user + body.cpuMicros.system) / 1000;
}

/** One scripted phone: page, entry script, socket, join; resolves with when (ms after `t0`) its snapshot arrived. */
interface PhoneOutcome {
  snapshotMs: number;
  snapshotBytes: number;
  /** Why this phone never had its snapshot (a refused join, a drop, socket.io's ping timeout), or null. */
  failed: string | null;
}

async function scriptedPhone(proxyUrl: string, room: string, t0: number, join: object): Promise<PhoneOutcome> {
  try {
    return { ...(await scriptedJoin(proxyUrl, room, t0, join)), failed: null };
  } catch (error) {
    return { snapshotMs: performance.now() - t0, snapshotBytes: 0, failed: error instanceof Error ? error.message : String(error) };
  }
}

async function scriptedJoin(proxyUrl: string, room: string, t0: number, join: object): Promise<{ snapshotMs: number; snapshotBytes: number }> {
  const html = await (await fetch(`${proxyUrl}/?room=${room}`)).text();
  const entry = /<script[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
  if (entry) await (await fetch(`${proxyUrl}${entry}`)).arrayBuffer();
  const socket = connect(proxyUrl, { transports: ['websocket'], forceNew: true, reconnection: false, parser: { Encoder, Decoder: SnapshotSkippingDecoder } });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot in time')), JOIN_TIMEOUT_MS);
      const done = (snapshotBytes: number) => {
        clearTimeout(timer);
        resolve({ snapshotMs: performance.now() - t0, snapshotBytes });
      };
      socket.on('sim:snapshot', (s: unknown) => done((s as { rawBytes?: number }).rawBytes ?? 0));
      socket.on('sim:packedSnapshot', (s: { data?: Uint8Array }) => done(s.data?.byteLength ?? 0));
      socket.on('connect', () => socket.emit('sim:join', { room, ...join }, (ack: { ok: boolean; error?: string }) => (ack.ok ? undefined : reject(new Error(`join refused: ${ack.error}`)))));
      socket.on('server:closing', (n: { reason: string }) => reject(new Error(`dropped: ${n.reason}`)));
      socket.on('disconnect', (reason) => reject(new Error(`disconnected: ${reason}`)));
      socket.on('connect_error', reject);
    });
  } finally {
    socket.disconnect();
  }
}

export async function benchThirtyPhones(): Promise<Record<string, unknown>> {
  if (chromiumMissing()) return { skipped: 'no Chromium' };
  const server = await startServer();
  const browser = await launchBrowser();
  const rows: [string, string, string][] = [];
  const results: Record<string, unknown>[] = [];
  try {
    const only = process.env.BENCH_THIRTY_SIZES?.split(',');
    for (const { label, cluster } of SIZES.filter((s) => only === undefined || only.includes(s.label))) {
      const room = uniqueRoom('bench-thirty');
      const socket = await roomTenMinutesIn(server.url, room, cluster);
      // What the room costs with nobody joining, over a few seconds.
      const idleFrom = await serverCpuMs(server.url);
      const idleT = performance.now();
      await new Promise((r) => setTimeout(r, 3_000));
      const idleCpuPerSecond = ((await serverCpuMs(server.url)) - idleFrom) / ((performance.now() - idleT) / 1000);
      for (const { mode, join } of MODES) {
        const withBrowser = mode === 'packed';
        const proxy = await startShapedProxy(server.url, AP_LINK);
        const page = withBrowser ? await phonePage(browser) : null;
        const cpuFrom = await serverCpuMs(server.url);
        const t0 = performance.now();
        const [browserPhase, ...scripted] = await Promise.all([
          page === null ? Promise.resolve(null) : firstDag(page, `${proxy.url}/?room=${room}`, JOIN_TIMEOUT_MS).catch(() => null),
          ...Array.from({ length: withBrowser ? PHONES - 1 : PHONES }, () => scriptedPhone(proxy.url, room, t0, join)),
        ]);
        const wallMs = performance.now() - t0;
        const cpuMs = (await serverCpuMs(server.url)) - cpuFrom;
        const bytesPerJoin = proxy.bytesDown() / PHONES;
        await page?.context().close();
        await proxy.close();
        const arrived = scripted.filter((s) => s.failed === null);
        const failures = [...new Set(scripted.flatMap((s) => (s.failed === null ? [] : [s.failed])))];
        const lastScripted = Math.max(0, ...arrived.map((s) => s.snapshotMs));
        const snapshotBytes = arrived.length > 0 ? median(arrived.map((s) => s.snapshotBytes)) : 0;
        const row = {
          size: label, mode, cluster, phones: PHONES, bytesPerJoin: Math.round(bytesPerJoin), snapshotMessageBytes: snapshotBytes,
          serverCpuMs: Math.round(cpuMs), serverCpuIdleSameWallMs: Math.round(idleCpuPerSecond * (wallMs / 1000)), wallMs: Math.round(wallMs),
          lastScriptedSnapshotMs: Math.round(lastScripted), browserFirstDagMs: browserPhase?.firstDag ?? null,
          scriptedArrived: arrived.length, scriptedFailed: scripted.length - arrived.length, failures,
        };
        results.push(row);
        const tag = `${label} ${mode}`;
        const first = rows.length;
        rows.push([`${tag}: bytes down per phone`, `${(bytesPerJoin / 1024).toFixed(0)} KB (snapshot message ${(snapshotBytes / 1024).toFixed(0)} KB)`, '']);
        rows.push([`${tag}: server CPU, 30 joins`, `${row.serverCpuMs} ms over ${(wallMs / 1000).toFixed(1)} s (the room alone: ${row.serverCpuIdleSameWallMs} ms)`, '']);
        rows.push([`${tag}: last phone's snapshot${browserPhase ? ' / Chromium first DAG' : ''}`, `${(lastScripted / 1000).toFixed(1)} s${browserPhase ? ` / ${(browserPhase.firstDag / 1000).toFixed(1)} s after navigation` : ''}`, '']);
        if (row.scriptedFailed > 0) rows.push([`${tag}: phones without a snapshot`, `${row.scriptedFailed} of ${scripted.length}: ${failures.join('; ')}`, '']);
        for (const [what, value] of rows.slice(first)) process.stdout.write(`${what.padEnd(48)} ${value}\n`);
      }
      socket.close();
    }
    process.stdout.write('\n');
    const load = loadavg().map((x) => x.toFixed(1)).join(' ');
    rows.unshift(['machine load average (1/5/15 min)', `${load} on ${availableParallelism()} cores`, 'timings inflate when it exceeds the cores']);
    for (const [what, value, target] of rows) process.stdout.write(`${what.padEnd(48)} ${value.padEnd(70)} ${target}\n`.replace(/ +\n$/, '\n'));
    return { loadAverage: load, link: AP_LINK, rows: results };
  } finally {
    await browser.close();
    await server.stop();
  }
}
