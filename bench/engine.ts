// Engine benchmark (architecture.md §5): boot 3 masters + 1,000 agents headless to a steady state (cluster
// healthy and every agent registered), writing every event as an ndjson line to a counting sink, and compare
// the cost per event with a bare heap loop that processes and writes the same events (bench/heapFloor.ts).
// Method: one calibration run finds the steady-state time and records the events; then REPEATS timed runs of
// each to that time; medians reported. CPU from process.cpuUsage (user + system), wall from performance.now.
import { performance } from 'node:perf_hooks';
import { createEngine } from '../shared/engine/index.ts';
import type { ClusterConfig, SimEvent } from '../shared/engine/types.ts';
import { LineWriter, countingSink } from '../server/cli/output.ts';
import { runHeapFloor } from './heapFloor.ts';

export const BENCH_CLUSTER: ClusterConfig = { masters: 3, agents: 1000, publicAgents: 0 };
export const BENCH_SEED = 1;
export const REPEATS = 5;
/** Steady state is checked at these simulated-time boundaries during calibration. */
export const CHECK_EVERY_MS = 5_000;
/** Give up looking for a steady state after this much simulated time and bench up to it instead. */
export const MAX_SIM_MS = 3_600_000;

export interface Sample {
  wallMs: number;
  cpuMs: number;
}

export function measure(fn: () => void): Sample {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Calibration: the first simulated time at which the cluster is healthy with every agent registered. */
function calibrate(): { untilMs: number; steady: boolean; events: SimEvent[] } {
  const engine = createEngine({ cluster: BENCH_CLUSTER, seed: BENCH_SEED });
  const events: SimEvent[] = [];
  const wanted = BENCH_CLUSTER.agents + BENCH_CLUSTER.publicAgents;
  for (let t = CHECK_EVERY_MS; t <= MAX_SIM_MS; t += CHECK_EVERY_MS) {
    for (const e of engine.advanceTo(t)) events.push(e);
    const view = engine.view();
    if (view.clusterHealth === 'healthy' && view.registeredAgents.length === wanted) return { untilMs: t, steady: true, events };
  }
  return { untilMs: MAX_SIM_MS, steady: false, events };
}

/** One timed engine run to `untilMs`, each event serialised as an ndjson line to a counting sink (if `write`). */
function engineRun(untilMs: number, write = true): { events: number; chars: number } {
  const engine = createEngine({ cluster: BENCH_CLUSTER, seed: BENCH_SEED });
  const sink = countingSink();
  const writer = new LineWriter(sink);
  let events = 0;
  // Same slicing as the CLI, so this is the cost a user of `npm run simulate --format ndjson` pays.
  for (let t = Math.min(10_000, untilMs); ; t = Math.min(t + 10_000, untilMs)) {
    const batch = engine.advanceTo(t);
    events += batch.length;
    if (write) for (let i = 0; i < batch.length; i += 1) writer.line(JSON.stringify(batch[i]));
    if (t >= untilMs) break;
  }
  writer.flush();
  return { events, chars: sink.chars };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchEngine(): Promise<Record<string, unknown>> {
  const cal = calibrate();
  const unitsPerNode = 12; // pending timers per node, roughly: one per unit (heap size of the floor)
  const concurrency = (BENCH_CLUSTER.masters + BENCH_CLUSTER.agents + BENCH_CLUSTER.publicAgents) * unitsPerNode;
  const engineSamples: Sample[] = [];
  const floorSamples: Sample[] = [];
  const bareEngineSamples: Sample[] = [];
  const bareFloorSamples: Sample[] = [];
  let last = { events: 0, chars: 0 };
  for (let i = 0; i < REPEATS; i += 1) {
    engineSamples.push(
      measure(() => {
        last = engineRun(cal.untilMs);
      }),
    );
    floorSamples.push(measure(() => runHeapFloor(cal.events, concurrency)));
    // Without output: how much of the cost is the DC/OS model itself rather than JSON serialisation.
    bareEngineSamples.push(measure(() => engineRun(cal.untilMs, false)));
    bareFloorSamples.push(measure(() => runHeapFloor(cal.events, concurrency, false)));
  }
  const { events, chars } = last;
  if (events !== cal.events.length) throw new Error(`engine is not deterministic: calibration saw ${cal.events.length} events, a timed run ${events}`);
  const e = { wallMs: median(engineSamples.map((s) => s.wallMs)), cpuMs: median(engineSamples.map((s) => s.cpuMs)) };
  const f = { wallMs: median(floorSamples.map((s) => s.wallMs)), cpuMs: median(floorSamples.map((s) => s.cpuMs)) };
  const bareEngineCpuMs = median(bareEngineSamples.map((s) => s.cpuMs));
  const bareFloorCpuMs = median(bareFloorSamples.map((s) => s.cpuMs));
  const engineNsPerEvent = (e.cpuMs * 1e6) / events;
  const floorNsPerEvent = (f.cpuMs * 1e6) / events;
  const result = {
    cluster: BENCH_CLUSTER,
    seed: BENCH_SEED,
    repeats: REPEATS,
    steadyState: cal.steady,
    simMs: cal.untilMs,
    events,
    ndjsonBytes: chars,
    engineWallMs: round(e.wallMs),
    engineCpuMs: round(e.cpuMs),
    eventsPerSec: Math.round(events / (e.cpuMs / 1000)),
    engineNsPerEvent: Math.round(engineNsPerEvent),
    floorWallMs: round(f.wallMs),
    floorCpuMs: round(f.cpuMs),
    floorNsPerEvent: Math.round(floorNsPerEvent),
    ratioToFloor: round(engineNsPerEvent / floorNsPerEvent),
    engineNoOutputCpuMs: round(bareEngineCpuMs),
    floorNoOutputCpuMs: round(bareFloorCpuMs),
    ratioNoOutput: round(bareEngineCpuMs / bareFloorCpuMs),
  };
  const rows: [string, string][] = [
    ['cluster', `${BENCH_CLUSTER.masters} masters + ${BENCH_CLUSTER.agents} agents, seed ${BENCH_SEED}`],
    ['simulated', `${fmt(cal.untilMs / 1000)} s ${cal.steady ? '(healthy, all agents registered)' : `(NO steady state within ${MAX_SIM_MS / 1000} s)`}`],
    ['events / ndjson', `${fmt(events)} events, ${fmt(chars / 1e6, 1)} MB of ndjson`],
    ['engine wall / CPU', `${fmt(e.wallMs, 1)} ms / ${fmt(e.cpuMs, 1)} ms   (median of ${REPEATS})`],
    ['engine throughput', `${fmt(result.eventsPerSec)} events/s CPU, ${fmt(engineNsPerEvent)} ns/event`],
    ['bare heap floor', `${fmt(f.wallMs, 1)} ms / ${fmt(f.cpuMs, 1)} ms, ${fmt(floorNsPerEvent)} ns/event`],
    ['ratio to floor', `${fmt(result.ratioToFloor, 2)}x per event`],
    ['without output', `engine ${fmt(bareEngineCpuMs, 1)} ms CPU (${fmt((bareEngineCpuMs * 1e6) / events)} ns/event) vs heap ${fmt(bareFloorCpuMs, 1)} ms: ${fmt(result.ratioNoOutput, 1)}x`],
  ];
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(20)} ${v}\n`);
  return result;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
