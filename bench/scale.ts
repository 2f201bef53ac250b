// Scale benchmark: the engine at 1,000 and 10,000 agents against the bare heap floor, measured in the
// same run so the ratio survives a noisy machine, and the CLI end to end (`npm run simulate --format ndjson`).
// Method: one calibration run per size records its events (the floor writes the same lines); then REPEATS
// alternating timed runs of engine+ndjson and floor, medians reported. Also the bare reference floor of the issue
// (referenceFloor.ts: a small fixed event per pop), which is 2-3x cheaper than writing the engine's own events.
// The CLI rows time exactly the command of package.json's `simulate` script (node server/cli/launch.mjs: the cached
// esbuild bundle), warm: one untimed run first builds the bundle if it is stale. Its marginal cost per event is
// (wall of the 10k run - wall of a 0-agent run) / events: process start and module loading cancel out.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../shared/engine/index.ts';
import type { ClusterConfig, SimEvent } from '../shared/engine/types.ts';
import { LineWriter, countingSink } from '../server/cli/output.ts';
import { createEventNdjsonLine } from '../shared/protocol/eventExport.ts';
import { FIRST_SLICE_MS, nextSliceMs } from '../server/cli/slices.ts';
import { measure, median, type Sample } from './engine.ts';
import { runHeapFloor } from './heapFloor.ts';
import { runReferenceFloor } from './referenceFloor.ts';

export const SCALE_UNTIL_MS = 1_800_000;
export const SCALE_SIZES: { label: string; cluster: ClusterConfig }[] = [
  { label: '1k', cluster: { masters: 3, agents: 1_000, publicAgents: 0 } },
  { label: '10k', cluster: { masters: 5, agents: 10_000, publicAgents: 100 } },
];
const REPEATS = Number(process.env.BENCH_SCALE_REPEATS ?? 3);
const SLICE_MS = 10_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function record(cluster: ClusterConfig): SimEvent[] {
  const engine = createEngine({ cluster, seed: 1 });
  const events: SimEvent[] = [];
  for (let t = SLICE_MS; t <= SCALE_UNTIL_MS; t += SLICE_MS) for (const e of engine.advanceTo(t)) events.push(e);
  return events;
}

/** One engine run to SCALE_UNTIL_MS writing every event as the CLI's ndjson line to a counting sink, sliced as the CLI slices. */
function engineRun(cluster: ClusterConfig): number {
  const engine = createEngine({ cluster, seed: 1 });
  const writer = new LineWriter(countingSink());
  const line = createEventNdjsonLine();
  let events = 0;
  let spanMs = FIRST_SLICE_MS;
  for (let t = spanMs; ; t = Math.min(t + spanMs, SCALE_UNTIL_MS)) {
    const batch = engine.advanceTo(t);
    events += batch.length;
    spanMs = nextSliceMs(spanMs, batch.length);
    for (let i = 0; i < batch.length; i += 1) writer.line(line(batch[i]));
    if (t >= SCALE_UNTIL_MS) break;
  }
  writer.flush();
  return events;
}

/** `npm run simulate` without npm: the script's words, its leading `node` replaced by this Node. */
function simulateCommand(): string[] {
  const script = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.simulate;
  const [node, ...rest] = script.split(/\s+/);
  if (node !== 'node') throw new Error(`package.json's simulate script should start with node: ${script}`);
  return rest;
}

function cliWallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...simulateCommand(), ...args, '--format', 'ndjson'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`simulate ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
  return performance.now() - t0;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const round = (n: number) => Math.round(n * 100) / 100;

export async function benchScale(): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = [];
  let floorNs10k = 0;
  let referenceNs10k = 0;
  let events10k = 0;
  for (const { label, cluster } of SCALE_SIZES) {
    const recorded = record(cluster);
    const concurrency = (cluster.masters + cluster.agents + cluster.publicAgents) * 12; // pending timers, roughly one per unit
    const engine: Sample[] = [];
    const floor: Sample[] = [];
    const reference: number[] = [];
    for (let i = 0; i < REPEATS; i += 1) {
      let n = 0;
      engine.push(measure(() => { n = engineRun(cluster); }));
      if (n !== recorded.length) throw new Error(`engine is not deterministic at ${label}: ${recorded.length} then ${n} events`);
      floor.push(measure(() => runHeapFloor(recorded, concurrency)));
      reference.push(runReferenceFloor(recorded.length));
    }
    const events = recorded.length;
    const e = { wallMs: median(engine.map((s) => s.wallMs)), cpuMs: median(engine.map((s) => s.cpuMs)) };
    const f = { wallMs: median(floor.map((s) => s.wallMs)), cpuMs: median(floor.map((s) => s.cpuMs)) };
    const row = {
      size: label, cluster, simMs: SCALE_UNTIL_MS, events,
      engineWallMs: round(e.wallMs), engineCpuMs: round(e.cpuMs), engineNsPerEvent: Math.round((e.cpuMs * 1e6) / events),
      floorCpuMs: round(f.cpuMs), floorNsPerEvent: Math.round((f.cpuMs * 1e6) / events),
      ratioToFloor: round(e.cpuMs / f.cpuMs),
      referenceFloorNsPerEvent: Math.round(median(reference)),
      ratioToReferenceFloor: round((e.cpuMs * 1e6) / events / median(reference)),
    };
    rows.push(row);
    if (label === '10k') {
      floorNs10k = (f.cpuMs * 1e6) / events;
      referenceNs10k = median(reference);
      events10k = events;
    }
    process.stdout.write(`  engine ${label.padEnd(4)} ${cluster.masters}+${fmt(cluster.agents)}+${cluster.publicAgents} to 30 min: ${fmt(events)} events, ${fmt(e.wallMs)} ms wall / ${fmt(e.cpuMs)} ms CPU, ${fmt(row.engineNsPerEvent)} ns/event; floor ${fmt(row.floorNsPerEvent)} ns/event (${fmt(row.ratioToFloor, 2)}x), bare heap-floor ${fmt(row.referenceFloorNsPerEvent)} ns/event (${fmt(row.ratioToReferenceFloor, 2)}x)  (median of ${REPEATS})\n`);
  }
  const big = SCALE_SIZES[1].cluster;
  const bigArgs = ['--masters', String(big.masters), '--agents', String(big.agents), '--public-agents', String(big.publicAgents), '--until-ms', String(SCALE_UNTIL_MS)];
  const tinyArgs = ['--masters', '1', '--agents', '0', '--public-agents', '0', '--until-ms', '1000'];
  const walls: number[] = [];
  const tiny: number[] = [];
  cliWallMs(tinyArgs); // warm: builds the CLI bundle if it is missing or stale
  for (let i = 0; i < REPEATS; i += 1) {
    tiny.push(cliWallMs(tinyArgs));
    walls.push(cliWallMs(bigArgs));
  }
  const cliWallMsMedian = median(walls);
  const marginalNs = ((cliWallMsMedian - median(tiny)) * 1e6) / events10k;
  const cli = {
    command: `npm run simulate -- ${bigArgs.join(' ')} --format ndjson`,
    wallMs: Math.round(cliWallMsMedian), startupWallMs: Math.round(median(tiny)),
    marginalNsPerEvent: Math.round(marginalNs), ratioToFloor: round(marginalNs / floorNs10k), ratioToReferenceFloor: round(marginalNs / referenceNs10k),
  };
  process.stdout.write(`  CLI 10k ndjson      ${fmt(cli.wallMs)} ms wall (start-up ${fmt(cli.startupWallMs)} ms); marginal ${fmt(cli.marginalNsPerEvent)} ns/event = ${fmt(cli.ratioToFloor, 2)}x the floor, ${fmt(cli.ratioToReferenceFloor, 2)}x the bare heap-floor  (median of ${REPEATS})\n`);
  return { loadAverage: loadavg().map((x) => x.toFixed(1)).join(' '), repeats: REPEATS, engine: rows, cli };
}
