// Issue 18's budgets, measured against the real server process (part of `npm run bench -- --only durability`;
// alone: `node --import tsx bench/pastBudgets.ts`):
// - past pull: a room of the largest cluster (5 + MAX_AGENTS + MAX_PUBLIC_AGENTS) played PLAY_MS at 20x, then
//   PULLERS anonymous clients GET its /events at once (reading) and STALLED more that send the request and never
//   read; /healthz is asked every 100 ms until the readers are done (at most PULL_CAP_MS): its p99 and max, and the
//   server's peak RSS (target: p99 < 1 s, RSS < 1.5 GB), with how the requests were answered.
// - non-reading sockets: SOCKETS raw sockets from one address join that room and ask for snapshots every 500 ms
//   without reading, for SOCKETS_MS: the server's peak RSS and how many it dropped.
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../shared/protocol/schemas.ts';
import { connectClient, request } from '../server/testing/harness.ts';
import { rawClient, type RawClient } from '../server/testing/rawSocketClient.ts';
import { startServerProcess } from '../server/testing/serverProcess.ts';

const LARGEST = { masters: 5, agents: MAX_AGENTS, publicAgents: MAX_PUBLIC_AGENTS } as const;
const PLAY_MS = 10_000;
const PULLERS = 3;
const STALLED = 3;
const PULL_CAP_MS = 90_000;
const SOCKETS = 120;
const SOCKETS_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET `url` from the loopback address `from` (each client its own address), reading it all; retried on 429. */
async function download(url: string, from: string, statuses: number[], until: number): Promise<number> {
  while (Date.now() < until) {
    const got = await new Promise<{ status: number; bytes: number }>((resolve) => {
      const req = httpGet(url, { localAddress: from, agent: false }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', () => resolve({ status: 0, bytes }));
      });
      req.on('error', () => resolve({ status: 0, bytes: 0 }));
    });
    statuses.push(got.status);
    if (got.status !== 429) return got.bytes;
    await sleep(1_000);
  }
  return 0;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** Polls /healthz every 100 ms while `busy()`; latencies and peak RSS. */
async function watch(url: string, busy: () => boolean, capMs: number): Promise<{ latencies: number[]; maxRss: number; failed: number }> {
  const latencies: number[] = [];
  let maxRss = 0;
  let failed = 0;
  const until = Date.now() + capMs;
  while (busy() && Date.now() < until) {
    const asked = performance.now();
    try {
      const health = (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) })).json()) as { memoryRssBytes: number };
      latencies.push(performance.now() - asked);
      maxRss = Math.max(maxRss, health.memoryRssBytes);
    } catch {
      // The server did not answer (died, or stalled past 30 s): counted, and the watch ends.
      failed += 1;
      break;
    }
    await sleep(100);
  }
  return { latencies, maxRss, failed };
}

export async function benchPastBudgets(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-bench-past-'));
  const server = startServerProcess({ DATA_DIR: dir });
  const closers: Array<() => void> = [];
  try {
    const url = await server.url;
    const driver = await connectClient(url);
    closers.push(() => driver.disconnect());
    await request(driver, 'sim:join', { room: 'past' });
    await request(driver, 'sim:control', { action: 'reset', seed: 1, cluster: LARGEST });
    await request(driver, 'sim:control', { action: 'speed', speed: 20 });
    await sleep(PLAY_MS);
    await request(driver, 'sim:control', { action: 'pause' });

    // Past pull: each client from its own loopback address (anonymous clients are many addresses); readers first.
    const { hostname, port } = new URL(url);
    const statuses: number[] = [];
    const bytes: number[] = [];
    let pending = PULLERS;
    const pullUntil = Date.now() + PULL_CAP_MS;
    const pulls = Array.from({ length: PULLERS }, async (_, i) => {
      bytes.push(await download(`${url}/api/rooms/past/events`, `127.0.0.${11 + i}`, statuses, pullUntil));
      pending -= 1;
    });
    await sleep(200);
    for (let i = 0; i < STALLED; i++) {
      const socket = connect({ port: Number(port), host: hostname, localAddress: `127.0.0.${21 + i}` }, () => socket.write(`GET /api/rooms/past/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`));
      socket.pause();
      socket.on('error', () => undefined);
      closers.push(() => socket.destroy());
    }
    const pullStarted = performance.now();
    const pull = await watch(url, () => pending > 0, PULL_CAP_MS);
    const pullMs = performance.now() - pullStarted;
    console.log(`past pull: ${statuses.join(',')} in ${Math.round(pullMs)} ms, /healthz p99 ${Math.round(quantile(pull.latencies, 0.99))} ms, max ${Math.round(Math.max(...pull.latencies))} ms, peak RSS ${Math.round(pull.maxRss / 1_048_576)} MB`);
    await Promise.race([Promise.all(pulls), sleep(1_000)]);
    for (const close of closers.splice(1)) close();

    // Non-reading sockets from one address.
    const clients: RawClient[] = [];
    for (let i = 0; i < SOCKETS; i++) {
      const client = await rawClient(url, { read: false }).catch(() => null);
      if (client === null) break;
      clients.push(client);
      client.emit('sim:join', { room: 'past' });
    }
    closers.push(() => clients.forEach((c) => c.destroy()));
    const resync = setInterval(() => clients.forEach((c) => c.emit('sim:resync', {})), 500);
    const started = Date.now();
    const sockets = await watch(url, () => Date.now() - started < SOCKETS_MS, SOCKETS_MS + 5_000);
    clearInterval(resync);
    const dropped = server.logs().filter((l) => l.msg === 'socket dropped: it does not read what it is sent').length;

    const result = {
      pastPullers: PULLERS,
      pastStalled: STALLED,
      pastStatuses: Object.entries(statuses.reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {})).map(([k, v]) => `${v}x${k}`).join(' '),
      pastBytesPerDownload: Math.max(0, ...bytes),
      pastPullMs: Math.round(pullMs),
      pastHealthzP99Ms: Math.round(quantile(pull.latencies, 0.99)),
      pastHealthzMaxMs: Math.round(Math.max(...pull.latencies)),
      pastMaxRssMB: Math.round(pull.maxRss / 1_048_576),
      pastHealthzFailed: pull.failed,
      nonReadingSockets: SOCKETS,
      nonReadingMaxRssMB: Math.round(sockets.maxRss / 1_048_576),
      nonReadingDropped: dropped,
      nonReadingHealthzFailed: sockets.failed,
      serverExitCode: server.child.exitCode,
    };
    console.table([
      { row: `past pull: ${PULLERS} reading + ${STALLED} stalled GET /events (largest room, ${PLAY_MS / 1000} s at 20x)`, value: `statuses ${result.pastStatuses}, ${result.pastBytesPerDownload} B each, ${result.pastPullMs} ms` },
      { row: 'past pull: /healthz p99 / max', value: `${result.pastHealthzP99Ms} / ${result.pastHealthzMaxMs} ms (target p99 < 1000)` },
      { row: 'past pull: peak RSS', value: `${result.pastMaxRssMB} MB (target < 1536)` },
      { row: `${SOCKETS} non-reading sockets from one address: peak RSS`, value: `${result.nonReadingMaxRssMB} MB over ${SOCKETS_MS / 1000} s (${dropped} dropped${sockets.failed > 0 ? `; /healthz stopped answering, server exit ${String(server.child.exitCode)}` : ''})` },
    ]);
    return result;
  } finally {
    for (const close of closers) close();
    server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPastBudgets().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
