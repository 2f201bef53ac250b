// Live benchmark: 100 socket.io clients in one room while a 3-master / 100-agent cluster boots at 20x.
// The server runs as a child process (so its CPU is its own); each batch carries the server's wall time at
// engine emit (emittedAtWallMs), compared with the receipt time here (same machine, same wall clock).
// Reports delivered events/s, p50/p99/max delay, server CPU, bytes per event on the wire and whether the
// simulation kept its speed (sim time advanced vs wall time x speed).
import { fork, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import type { BatchRecord } from './liveClients.ts';

/** BENCH_LIVE_CLIENTS overrides, to compare against a single viewer on a busy machine. */
export const LIVE_CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 100);
export const LIVE_SPEED = 20;
export const LIVE_CLUSTER = { masters: 3 as const, agents: 100, publicAgents: 0 };
export const LIVE_WINDOW_MS = 20_000;
/** Viewers are spread over processes, as browsers would be (see liveClients.ts). */
export const VIEWER_PROCESSES = Math.min(4, LIVE_CLIENTS);
const ROOM = 'bench';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function ack(socket: Client, event: string, payload: unknown): Promise<{ ok: boolean; error?: string }> {
  const raw = socket as unknown as { timeout(ms: number): { emit(e: string, p: unknown, cb: (err: Error | null, r: { ok: boolean; error?: string }) => void): void } };
  return new Promise((resolve, reject) => raw.timeout(10_000).emit(event, payload, (err, r) => (err ? reject(err) : resolve(r))));
}

function connectClient(url: string): Promise<Client> {
  const socket: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function serverStats(url: string): Promise<{ cpuMicros: { user: number; system: number }; rooms: { name: string; simTimeMs: number }[] }> {
  return (await fetch(`${url}/healthz`)).json() as Promise<{ cpuMicros: { user: number; system: number }; rooms: { name: string; simTimeMs: number }[] }>;
}

interface ViewerResult {
  records: BatchRecord[][];
  cpuMs: number;
  eventLoopUtilization: number;
}

interface Viewers {
  ready: Promise<void>;
  stop(): Promise<ViewerResult>;
  kill(): void;
}

function forkViewers(url: string, count: number): Viewers {
  const child = fork(fileURLToPath(new URL('./liveClients.ts', import.meta.url)), [url, ROOM, String(count)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onResult: (result: ViewerResult) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; records?: BatchRecord[][]; cpuMs?: number; eventLoopUtilization?: number; error?: string }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'error') reject(new Error(`viewer process: ${m.error}`));
      if (m.type === 'result') onResult({ records: m.records ?? [], cpuMs: m.cpuMs ?? NaN, eventLoopUtilization: m.eventLoopUtilization ?? NaN });
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

export async function benchLive(): Promise<Record<string, unknown>> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/liveServer.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const viewers: Viewers[] = [];
  let leader: Client | null = null;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: server.stdout! });
      lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
      server.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)));
    });
    const url = `http://127.0.0.1:${port}`;

    leader = await connectClient(url);
    await ack(leader, 'sim:join', { room: ROOM });
    await ack(leader, 'sim:control', { action: 'pause' });
    const reset = await ack(leader, 'sim:control', { action: 'reset', seed: 1, cluster: LIVE_CLUSTER });
    if (!reset.ok) throw new Error(`reset failed: ${reset.error}`);
    await ack(leader, 'sim:control', { action: 'speed', speed: LIVE_SPEED });
    const perProcess = Math.ceil(LIVE_CLIENTS / VIEWER_PROCESSES);
    for (let i = 0; i < VIEWER_PROCESSES; i++) viewers.push(forkViewers(url, Math.min(perProcess, LIVE_CLIENTS - i * perProcess)));
    await Promise.all(viewers.map((v) => v.ready));

    const before = await serverStats(url);
    const simBefore = before.rooms.find((r) => r.name === ROOM)?.simTimeMs ?? 0;
    const startedMs = Date.now();
    await ack(leader, 'sim:control', { action: 'resume' });
    await new Promise((r) => setTimeout(r, LIVE_WINDOW_MS));
    await ack(leader, 'sim:control', { action: 'pause' });
    const wallMs = Date.now() - startedMs;
    await new Promise((r) => setTimeout(r, 300));
    const after = await serverStats(url);
    const simAfter = after.rooms.find((r) => r.name === ROOM)?.simTimeMs ?? 0;
    const viewerResults = await Promise.all(viewers.map((v) => v.stop()));
    const perClient = viewerResults.flatMap((r) => r.records);
    const viewerCpuMs = viewerResults.reduce((n, r) => n + r.cpuMs, 0);

    const inWindow = perClient.map((records) => records.filter(([receivedMs]) => receivedMs >= startedMs));
    const delays = inWindow.flat().map(([, delayMs]) => delayMs).filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
    if (process.env.BENCH_LIVE_DEBUG === '1') {
      const bySecond = new Map<number, number[]>();
      for (const [receivedMs, delayMs] of inWindow.flat()) {
        const k = Math.floor((receivedMs - startedMs) / 1000);
        bySecond.set(k, [...(bySecond.get(k) ?? []), delayMs]);
      }
      for (const [k, ds] of [...bySecond].sort((a, b) => a[0] - b[0])) process.stdout.write(`t=${k}s batches=${ds.length} max=${Math.max(...ds)} min=${Math.min(...ds)}\n`);
    }
    const events = inWindow.flat().reduce((n, [, , e]) => n + e, 0);
    const first = inWindow[0] ?? [];
    const firstEvents = first.reduce((n, [, , e]) => n + e, 0);
    const firstBytes = first.reduce((n, [, , , b]) => n + b, 0);
    const batchSizes = first.map(([, , e]) => e).sort((a, b) => a - b);
    const cpuMs = (after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system) / 1000;
    const result = {
      clients: perClient.length,
      viewerProcesses: VIEWER_PROCESSES,
      cluster: LIVE_CLUSTER,
      speed: LIVE_SPEED,
      wallMs,
      eventsPerClient: firstEvents,
      deliveredEventsPerSec: Math.round(events / (wallMs / 1000)),
      batchesPerClientPerSec: Math.round((first.length / (wallMs / 1000)) * 10) / 10,
      batchEventsP50: percentile(batchSizes, 50),
      batchEventsMax: batchSizes.at(-1) ?? 0,
      delayP50Ms: percentile(delays, 50),
      delayP99Ms: percentile(delays, 99),
      delayMaxMs: delays.at(-1) ?? NaN,
      serverCpuPercent: Math.round((cpuMs / wallMs) * 1000) / 10,
      /** All viewer processes since they started (connects and joins included): the bench's own load. */
      viewersCpuPercent: Math.round((viewerCpuMs / wallMs) * 1000) / 10,
      /** Busiest viewer process's event-loop utilisation over the window (near 1: the viewers are the bottleneck). */
      viewerEventLoopMax: Math.round(Math.max(...viewerResults.map((r) => r.eventLoopUtilization)) * 100) / 100,
      bytesPerEvent: firstEvents === 0 ? NaN : Math.round(firstBytes / firstEvents),
      simAdvancedMs: simAfter - simBefore,
      simExpectedMs: wallMs * LIVE_SPEED,
      speedKept: Math.round(((simAfter - simBefore) / (wallMs * LIVE_SPEED)) * 1000) / 1000,
      /** Delays on a shared machine are mostly other processes' CPU: say how busy it was. */
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      cores: cpus().length,
    };
    console.table(Object.entries(result).map(([metric, value]) => ({ metric, value: typeof value === 'object' ? JSON.stringify(value) : value })));
    process.stdout.write(`p99 ${result.delayP99Ms} ms (target < 100 ms): ${result.delayP99Ms < 100 ? 'OK' : 'OVER'}\n`);
    return result;
  } finally {
    leader?.disconnect();
    for (const v of viewers) v.kill();
    server.kill('SIGTERM');
  }
}
