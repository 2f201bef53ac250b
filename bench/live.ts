// Live benchmark: 100 viewers in one room while a 3-master / 100-agent cluster boots at 20x.
// The server runs as a child process (so its CPU is its own); each batch carries the server's wall time at
// engine emit (emittedAtWallMs), compared with the receipt time in the viewer processes (same machine, same
// wall clock). 96 viewers are light (read the batch header only), 4 are full socket.io clients that parse every
// batch like the web app (see liveClients.ts for why). Reports delivered events/s, p50/p99/max delay, server
// CPU, bytes per event on the wire and whether the simulation kept its speed (sim time vs wall time x speed).
import { fork, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import type { BatchRecord, ViewerKind } from './liveClients.ts';

/** BENCH_LIVE_CLIENTS overrides (e.g. 1 to see a single viewer's delay on a busy machine). */
export const LIVE_CLIENTS = Math.max(1, Number(process.env.BENCH_LIVE_CLIENTS ?? 100));
export const FULL_VIEWERS = Math.min(4, LIVE_CLIENTS);
/** BENCH_LIVE_PROCESSES overrides: more processes spread the viewers' own CPU (each browser is its own process). */
export const LIGHT_VIEWER_PROCESSES = Math.max(1, Number(process.env.BENCH_LIVE_PROCESSES ?? 2));
export const LIVE_SPEED = 20;
export const LIVE_CLUSTER = { masters: 3 as const, agents: 100, publicAgents: 0 };
export const LIVE_WINDOW_MS = 20_000;
const ROOM = 'bench';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export function ack(socket: Client, event: string, payload: unknown): Promise<{ ok: boolean; error?: string }> {
  const raw = socket as unknown as { timeout(ms: number): { emit(e: string, p: unknown, cb: (err: Error | null, r: { ok: boolean; error?: string }) => void): void } };
  return new Promise((resolve, reject) => raw.timeout(10_000).emit(event, payload, (err, r) => (err ? reject(err) : resolve(r))));
}

export function connectClient(url: string): Promise<Client> {
  const socket: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface ServerStats {
  cpuMicros: { user: number; system: number };
  rooms: { name: string; simTimeMs: number }[];
}

async function serverStats(url: string): Promise<ServerStats> {
  return (await fetch(`${url}/healthz`)).json() as Promise<ServerStats>;
}

interface ViewerResult {
  kind: ViewerKind;
  records: BatchRecord[][];
  cpuMs: number;
  eventLoopUtilization: number;
}

interface Viewers {
  ready: Promise<void>;
  stop(): Promise<ViewerResult>;
  kill(): void;
}

function forkViewers(url: string, count: number, kind: ViewerKind): Viewers {
  const script = fileURLToPath(new URL('./liveClients.ts', import.meta.url));
  const child = fork(script, [url, ROOM, String(count), kind], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onResult: (result: ViewerResult) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: Partial<ViewerResult> & { type: string; error?: string }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'error') reject(new Error(`viewer process: ${m.error}`));
      if (m.type === 'result') onResult({ kind, records: m.records ?? [], cpuMs: m.cpuMs ?? NaN, eventLoopUtilization: m.eventLoopUtilization ?? NaN });
    });
    child.once('exit', (code) => reject(new Error(`viewer process exited (${code})`)));
  });
  return {
    ready,
    stop: () => new Promise((resolve) => {
      onResult = resolve;
      child.send({ type: 'stop' });
    }),
    kill: () => child.kill(),
  };
}

function delaysOf(records: BatchRecord[][], fromMs: number): number[] {
  return records.flat().filter(([receivedMs, delayMs]) => receivedMs >= fromMs && Number.isFinite(delayMs)).map(([, d]) => d).sort((a, b) => a - b);
}

interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function startServer(root: string): Promise<{ url: string; kill(): void; loopStart(): void; loopStop(): Promise<LoopDelay> }> {
  const server = spawn(process.execPath, [...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : []), '--import', 'tsx', 'bench/liveServer.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    server.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    kill: () => server.kill('SIGTERM'),
    loopStart: () => server.send({ type: 'loop:start' }),
    loopStop: () => new Promise((resolve) => {
      server.once('message', (m: LoopDelay) => resolve(m));
      server.send({ type: 'loop:stop' });
    }),
  };
}

export async function benchLive(): Promise<Record<string, unknown>> {
  const server = await startServer(fileURLToPath(new URL('..', import.meta.url)));
  const viewers: Viewers[] = [];
  let leader: Client | null = null;
  try {
    const { url } = server;
    leader = await connectClient(url);
    await ack(leader, 'sim:join', { room: ROOM });
    await ack(leader, 'sim:control', { action: 'pause' });
    const reset = await ack(leader, 'sim:control', { action: 'reset', seed: 1, cluster: LIVE_CLUSTER });
    if (!reset.ok) throw new Error(`reset failed: ${reset.error}`);
    await ack(leader, 'sim:control', { action: 'speed', speed: LIVE_SPEED });
    viewers.push(forkViewers(url, FULL_VIEWERS, 'full'));
    const light = LIVE_CLIENTS - FULL_VIEWERS;
    for (let i = 0; i < LIGHT_VIEWER_PROCESSES && light > 0; i++) {
      const n = Math.floor(light / LIGHT_VIEWER_PROCESSES) + (i < light % LIGHT_VIEWER_PROCESSES ? 1 : 0);
      if (n > 0) viewers.push(forkViewers(url, n, 'light'));
    }
    await Promise.all(viewers.map((v) => v.ready));

    const before = await serverStats(url);
    const startedMs = Date.now();
    server.loopStart();
    await ack(leader, 'sim:control', { action: 'resume' });
    await new Promise((r) => setTimeout(r, LIVE_WINDOW_MS));
    await ack(leader, 'sim:control', { action: 'pause' });
    const wallMs = Date.now() - startedMs;
    const loop = await server.loopStop();
    await new Promise((r) => setTimeout(r, 300));
    const after = await serverStats(url);
    const results = await Promise.all(viewers.map((v) => v.stop()));

    const simAdvancedMs = (after.rooms.find((r) => r.name === ROOM)?.simTimeMs ?? 0) - (before.rooms.find((r) => r.name === ROOM)?.simTimeMs ?? 0);
    const all = results.flatMap((r) => r.records);
    const full = results.filter((r) => r.kind === 'full').flatMap((r) => r.records);
    const delays = delaysOf(all, startedMs);
    const fullDelays = delaysOf(full, startedMs);
    const probe = (all.find((_, i) => results.flatMap((r) => r.records.map(() => r.kind))[i] === 'light') ?? all[0] ?? []).filter(([t]) => t >= startedMs);
    const probeEvents = probe.reduce((n, [, , e]) => n + e, 0);
    const probeBytes = probe.reduce((n, [, , , b]) => n + b, 0);
    const events = all.flat().filter(([t]) => t >= startedMs).reduce((n, [, , e]) => n + e, 0);
    const batchSizes = probe.map(([, , e]) => e).sort((a, b) => a - b);
    const cpuMs = (after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system) / 1000;
    const round1 = (x: number) => Math.round(x * 10) / 10;
    const result = {
      clients: all.length,
      fullClients: full.length,
      cluster: LIVE_CLUSTER,
      speed: LIVE_SPEED,
      wallMs,
      eventsPerClient: probeEvents,
      deliveredEventsPerSec: Math.round(events / (wallMs / 1000)),
      batchesPerClientPerSec: round1(probe.length / (wallMs / 1000)),
      batchEventsP50: percentile(batchSizes, 50),
      batchEventsMax: batchSizes.at(-1) ?? 0,
      delayP50Ms: percentile(delays, 50),
      delayP99Ms: percentile(delays, 99),
      delayMaxMs: delays.at(-1) ?? NaN,
      fullClientDelayP50Ms: percentile(fullDelays, 50),
      fullClientDelayP99Ms: percentile(fullDelays, 99),
      serverCpuPercent: round1((cpuMs / wallMs) * 100),
      serverLoopDelayP99Ms: round1(loop.p99Ms),
      serverLoopDelayMaxMs: round1(loop.maxMs),
      bytesPerEvent: probeEvents === 0 ? NaN : Math.round(probeBytes / probeEvents),
      simAdvancedMs,
      simExpectedMs: wallMs * LIVE_SPEED,
      speedKept: Math.round((simAdvancedMs / (wallMs * LIVE_SPEED)) * 1000) / 1000,
      /** Busiest viewer process's event-loop utilisation (near 1: the viewers, not the server, are the bottleneck). */
      viewerEventLoopMax: Math.round(Math.max(...results.map((r) => r.eventLoopUtilization)) * 100) / 100,
      /** Delays on a shared machine are mostly other processes' CPU: say how busy it was. */
      loadAverage1m: round1(loadavg()[0]),
      cores: cpus().length,
    };
    console.table(Object.entries(result).map(([metric, value]) => ({ metric, value: typeof value === 'object' ? JSON.stringify(value) : value })));
    process.stdout.write(`p99 ${result.delayP99Ms} ms (target < 100 ms): ${result.delayP99Ms < 100 ? 'OK' : 'OVER'}\n`);
    return result;
  } finally {
    leader?.disconnect();
    for (const v of viewers) v.kill();
    server.kill();
  }
}
