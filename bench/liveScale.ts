// Live room at 10,000 agents (issue 10): one room reset to 5 masters + 10,000 + 100 public agents at 20x while a
// prober asks GET /healthz every PROBE_EVERY_MS; reports the /healthz latency (p50/p99/max) over the boot, the
// server's event-loop delay, and the batches one viewer received (count, events and bytes per batch, largest,
// gap between batches). The server is the live bench's child process (bench/liveServer.ts), so its CPU is its own.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ack, connectClient, percentile, startServer } from './live.ts';

export const SCALE_LIVE_CLUSTER = { masters: 5 as const, agents: 10_000, publicAgents: 100 };
export const SCALE_LIVE_SPEED = 20;
/** Wall time watched: at 20x, 40 s is 800 simulated seconds, the whole boot and the first pulls. */
export const SCALE_LIVE_WINDOW_MS = Number(process.env.BENCH_SCALE_LIVE_MS ?? 40_000);
const PROBE_EVERY_MS = 100;
const ROOM = 'bench';

const round = (n: number) => Math.round(n * 10) / 10;

export async function benchLiveScale(): Promise<Record<string, unknown>> {
  const server = await startServer(fileURLToPath(new URL('..', import.meta.url)));
  const viewer = await connectClient(server.url);
  try {
    if (!(await ack(viewer, 'sim:join', { room: ROOM })).ok) throw new Error('join failed');
    await ack(viewer, 'sim:control', { action: 'pause' });
    let snapshotBytes = 0;
    viewer.on('sim:snapshot', (s) => { snapshotBytes = JSON.stringify(s).length; });
    const t0Reset = performance.now();
    const reset = await ack(viewer, 'sim:control', { action: 'reset', seed: 1, cluster: SCALE_LIVE_CLUSTER });
    if (!reset.ok) throw new Error(`reset failed: ${reset.error}`);
    const resetMs = performance.now() - t0Reset;
    await ack(viewer, 'sim:control', { action: 'speed', speed: SCALE_LIVE_SPEED });
    const batches: { atMs: number; events: number; bytes: number }[] = [];
    viewer.on('sim:events', (b) => { batches.push({ atMs: performance.now(), events: b.events.length, bytes: JSON.stringify(b).length }); });
    server.loopStart();
    await ack(viewer, 'sim:control', { action: 'resume' });
    const latencies: number[] = [];
    const endAt = performance.now() + SCALE_LIVE_WINDOW_MS;
    while (performance.now() < endAt) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, Math.max(0, PROBE_EVERY_MS - (performance.now() - t0))));
    }
    const loop = await server.loopStop();
    const simTimeMs = ((await (await fetch(`${server.url}/healthz`)).json()) as { rooms: { name: string; simTimeMs: number }[] }).rooms.find((r) => r.name === ROOM)?.simTimeMs ?? NaN;
    const sorted = latencies.slice().sort((a, b) => a - b);
    const gaps = batches.slice(1).map((b, i) => b.atMs - batches[i].atMs).sort((a, b) => a - b);
    const result = {
      cluster: SCALE_LIVE_CLUSTER, speed: SCALE_LIVE_SPEED, windowMs: SCALE_LIVE_WINDOW_MS, simTimeMs, resetAckMs: Math.round(resetMs),
      healthz: { probes: latencies.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1]) },
      eventLoop: { p99Ms: round(loop.p99Ms), maxMs: round(loop.maxMs) },
      batches: {
        count: batches.length, events: batches.reduce((a, b) => a + b.events, 0),
        maxEvents: Math.max(0, ...batches.map((b) => b.events)), maxBytes: Math.max(0, ...batches.map((b) => b.bytes)),
        gapP50Ms: round(percentile(gaps, 50)), gapMaxMs: round(gaps[gaps.length - 1] ?? NaN),
      },
      resetSnapshotBytes: snapshotBytes,
      loadAverage: loadavg().map((x) => x.toFixed(1)).join(' '),
    };
    process.stdout.write(`  5+10,000+100 at 20x for ${SCALE_LIVE_WINDOW_MS / 1000} s wall (to ${round(simTimeMs / 1000)} sim s): /healthz p50 ${result.healthz.p50Ms} ms, p99 ${result.healthz.p99Ms} ms, max ${result.healthz.maxMs} ms (${latencies.length} probes)\n`);
    process.stdout.write(`  event loop p99 ${result.eventLoop.p99Ms} ms, max ${result.eventLoop.maxMs} ms; reset acked in ${result.resetAckMs} ms, its snapshot ${Math.round(snapshotBytes / 1024)} KiB\n`);
    process.stdout.write(`  batches: ${batches.length}, ${result.batches.events} events; largest ${result.batches.maxEvents} events / ${Math.round(result.batches.maxBytes / 1024)} KiB; gap p50 ${result.batches.gapP50Ms} ms, max ${result.batches.gapMaxMs} ms\n`);
    return result;
  } finally {
    viewer.disconnect();
    server.kill();
  }
}
