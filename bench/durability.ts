// Flood and durability benchmark, against the real server process (`node --import tsx server/main.ts`,
// its own temp DATA_DIR):
// - flood: three sockets send resets to the largest cluster the schema allows (5 masters, MAX_AGENTS agents,
//   MAX_PUBLIC_AGENTS public agents) every 50 ms while four clients join, ask for snapshots every 50 ms and never
//   read; /healthz is asked every 100 ms from here: its latency (p50, p99, max) and the server's RSS (max) are
//   reported, with how many stalled readers the server dropped. Targets: RSS under 1.5 GB, /healthz under 2 s.
// - snapshot bytes per join: a fresh viewer joins the room (largest cluster, booted 10 s at 20x) and the snapshot's
//   JSON length and the time to receive it are reported.
// - reconnect storm: STORM raw clients join that room at once; the server's CPU time over the next 5 s (snapshot built
//   and encoded once, then only copied into each socket).
// - restart: the server is killed with SIGKILL and started again on the same DATA_DIR; time from spawn to listening
//   with that room restored (its recording replayed), and whether the restored lastSeq is within one second of work.
// - write before ack: ack-to-durable latency (p50, p99) and commands per second before/after (ackDurable.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../shared/protocol/schemas.ts';
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import { connectClient, request } from '../server/testing/harness.ts';
import { rawClient, type RawClient } from '../server/testing/rawSocketClient.ts';
import { startServerProcess } from '../server/testing/serverProcess.ts';
import { benchAckDurable } from './ackDurable.ts';

const LARGEST = { masters: 5, agents: MAX_AGENTS, publicAgents: MAX_PUBLIC_AGENTS } as const;
const FLOOD_MS = 15_000;
const STORM = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

export async function benchDurability(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-bench-'));
  const server = startServerProcess({ DATA_DIR: dir });
  const clients: RawClient[] = [];
  try {
    const url = await server.url;
    // Flood.
    const open = async (read: boolean) => {
      const client = await rawClient(url, { read });
      clients.push(client);
      client.emit('sim:join', { room: 'flood' });
      return client;
    };
    const flooders = [await open(true), await open(true), await open(true)];
    const stalled = [await open(false), await open(false), await open(false), await open(false)];
    let seed = 1;
    const flood = setInterval(() => {
      for (const c of flooders) c.emit('sim:control', { action: 'reset', seed: seed++, cluster: LARGEST });
      for (const c of stalled) c.emit('sim:resync', {});
    }, 50);
    const latencies: number[] = [];
    let maxRss = 0;
    const until = Date.now() + FLOOD_MS;
    while (Date.now() < until) {
      const asked = performance.now();
      const health = (await (await fetch(`${url}/healthz`)).json()) as { memoryRssBytes: number };
      latencies.push(performance.now() - asked);
      maxRss = Math.max(maxRss, health.memoryRssBytes);
      await sleep(100);
    }
    clearInterval(flood);
    for (const c of clients.splice(0)) c.destroy();
    const dropped = server.logs().filter((l) => l.msg === 'socket dropped: it does not read what it is sent').length;
    const resets = server.logs().filter((l) => l.msg === 'room reset' && l.room === 'flood').length;

    // Snapshot bytes per join.
    const driver = await connectClient(url);
    await request(driver, 'sim:join', { room: 'big' });
    await request(driver, 'sim:control', { action: 'reset', seed: 1, cluster: LARGEST });
    await request(driver, 'sim:control', { action: 'speed', speed: 20 });
    await sleep(10_000);
    await request(driver, 'sim:control', { action: 'pause' });
    const viewer = await connectClient(url);
    const joinedAt = performance.now();
    const snapshot = await new Promise<SimSnapshot>((resolve) => {
      viewer.once('sim:snapshot', resolve);
      void request(viewer, 'sim:join', { room: 'big' });
    });
    const joinMs = performance.now() - joinedAt;
    const snapshotBytes = JSON.stringify(snapshot).length;
    viewer.disconnect();

    // A reconnect storm: STORM viewers join that room at once; the snapshot is built and encoded once for all of them.
    const cpuBefore = ((await (await fetch(`${url}/healthz`)).json()) as { cpuMicros: { user: number; system: number } }).cpuMicros;
    const storm: RawClient[] = [];
    for (let i = 0; i < STORM; i++) storm.push(await rawClient(url, { read: true }));
    for (const client of storm) client.emit('sim:join', { room: 'big' });
    await sleep(5_000);
    const cpuAfter = ((await (await fetch(`${url}/healthz`)).json()) as { cpuMicros: { user: number; system: number } }).cpuMicros;
    const stormCpuMs = Math.round((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000);
    for (const client of storm) client.destroy();
    driver.disconnect();
    await sleep(300);

    // Restart after kill -9.
    server.child.kill('SIGKILL');
    await server.exit;
    const spawned = performance.now();
    const again = startServerProcess({ DATA_DIR: dir });
    await again.url;
    const restartMs = performance.now() - spawned;
    const restored = again.logs().find((l) => l.msg === 'room restored from its recording' && l.room === 'big') as { lastSeq?: number; simTimeMs?: number } | undefined;
    again.child.kill('SIGKILL');
    await again.exit;

    const result = {
      floodSeconds: FLOOD_MS / 1000,
      resetsRun: resets,
      stalledDropped: dropped,
      healthzP50Ms: Math.round(quantile(latencies, 0.5)),
      healthzP99Ms: Math.round(quantile(latencies, 0.99)),
      healthzMaxMs: Math.round(Math.max(...latencies)),
      maxRssMB: Math.round(maxRss / 1_048_576),
      snapshotBytesPerJoin: snapshotBytes,
      snapshotJoinMs: Math.round(joinMs),
      snapshotSimTimeMs: snapshot.simTimeMs,
      stormJoins: STORM,
      stormServerCpuMs: stormCpuMs,
      restartToListenMs: Math.round(restartMs),
      restoredSimTimeMs: restored?.simTimeMs ?? null,
      restoredLastSeq: restored?.lastSeq ?? null,
      joinedLastSeq: snapshot.lastSeq,
    };
    console.table([
      { row: 'flood: /healthz p50 / p99 / max', value: `${result.healthzP50Ms} / ${result.healthzP99Ms} / ${result.healthzMaxMs} ms (target < 2000)` },
      { row: 'flood: max RSS', value: `${result.maxRssMB} MB (target < 1536)` },
      { row: 'flood: resets run / stalled readers dropped', value: `${resets} in ${FLOOD_MS / 1000} s / ${dropped} of 4` },
      { row: 'snapshot bytes per join (largest cluster)', value: `${snapshotBytes} B in ${result.snapshotJoinMs} ms` },
      { row: `reconnect storm: ${STORM} joins of that room at once`, value: `${stormCpuMs} ms of server CPU (user + system, over 5 s)` },
      { row: 'restart after kill -9: spawn to listening', value: `${result.restartToListenMs} ms (room at ${result.restoredSimTimeMs} ms, seq ${result.restoredLastSeq})` },
    ]);
    // The budgets (pastBudgets.ts, their own server process, after this one) and write before ack (ackDurable.ts).
    server.child.kill('SIGKILL');
    return { ...result, ...(await benchAckDurable()), ...(await (await import('./pastBudgets.ts')).benchPastBudgets()) };
  } finally {
    for (const c of clients) c.destroy();
    server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
