// Replay benchmark: how fast a room rebuilds the view at a random past moment (restore the nearest
// checkpoint, replay the recorded steps after it, build the view: EpochTape.viewAt, what GET .../view?at= does),
// and how much memory its checkpoints hold, for 3+100 and 3+1,000 clusters.
// Method: a room-like run of the real engine in 1 s driver slices to 12:00 with a fault at 7:00 and `clear` at
// 9:00, fed to a EpochTape exactly as Room.onEvents does; then SAMPLES views at seeded-random moments in
// [0, 12:00], each timed alone (wall, performance.now); median and p95 reported. Checkpoint memory is the exact
// size of the deflated snapshots kept (checkpoints.ts). Target: under 50 ms at 100 agents.
import { performance } from 'node:perf_hooks';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import type { ClusterConfig, Fault } from '../shared/engine/types.ts';
import { recordingHeader } from '../server/room/history/recording.ts';
import { EpochTape } from '../server/room/history/tape.ts';

const UNTIL_MS = 12 * 60_000;
const SLICE_MS = 1_000;
const SEED = 1;
const COMMANDS: { atMs: number; fault: Fault }[] = [
  { atMs: 420_000, fault: { kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' } },
  { atMs: 540_000, fault: { kind: 'clear' } },
];
const CASES: { cluster: ClusterConfig; samples: number }[] = [
  { cluster: { masters: 3, agents: 100, publicAgents: 0 }, samples: 60 },
  { cluster: { masters: 3, agents: 1000, publicAgents: 0 }, samples: 30 },
];

/** mulberry32: seeded, so every run times the same moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** The live side: engine + timeline fed per slice, commands injected at their times; also what feeding it cost. */
function liveRun(cluster: ClusterConfig): { timeline: EpochTape; checkpointMs: number } {
  const timeline = new EpochTape({ createEngine, restoreEngine }, recordingHeader('bench', null, cluster, SEED));
  const engine = createEngine({ cluster, seed: SEED });
  let checkpointMs = 0;
  const feed = (events: ReturnType<typeof engine.advanceTo>) => {
    // Recording is a few pushes; the time here is the checkpoints' (snapshot, stringify, deflate).
    const t0 = performance.now();
    timeline.observe(engine, events);
    checkpointMs += performance.now() - t0;
  };
  let next = 0;
  for (let t = SLICE_MS; t <= UNTIL_MS; t += SLICE_MS) {
    while (next < COMMANDS.length && COMMANDS[next].atMs <= t) {
      feed(engine.advanceTo(COMMANDS[next].atMs));
      const result = engine.inject(COMMANDS[next].fault);
      if (!result.ok) throw new Error(result.error);
      feed(result.events);
      next += 1;
    }
    feed(engine.advanceTo(t));
  }
  return { timeline, checkpointMs };
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchReplay(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown>[] = [];
  for (const { cluster, samples } of CASES) {
    const { timeline, checkpointMs } = liveRun(cluster);
    const rand = random(42);
    const rebuildMs: number[] = [];
    const baselineMs: number[] = [];
    timeline.viewAt(0); // warm the JIT on the rebuild path
    for (let i = 0; i < samples; i += 1) {
      const t = Math.floor(rand() * UNTIL_MS);
      let t0 = performance.now();
      timeline.viewAt(t);
      rebuildMs.push(performance.now() - t0);
      t0 = performance.now();
      timeline.viewAt(t, { baseline: true });
      baselineMs.push(performance.now() - t0);
    }
    const memory = timeline.memory();
    const label = `3+${cluster.agents}`;
    const result = {
      cluster,
      samples,
      simMs: UNTIL_MS,
      recordedSteps: timeline.recorder.length,
      rebuildMedianMs: round(quantile(rebuildMs, 0.5)),
      rebuildP95Ms: round(quantile(rebuildMs, 0.95)),
      baselineMedianMs: round(quantile(baselineMs, 0.5)),
      baselineP95Ms: round(quantile(baselineMs, 0.95)),
      checkpoints: memory.checkpoints.count,
      checkpointEveryMs: memory.checkpoints.everyMs,
      checkpointBytes: memory.checkpoints.bytes,
      baselineCheckpointBytes: memory.baseline?.bytes ?? 0,
      bytesPerRoom: memory.bytes,
      checkpointCostMs: round(checkpointMs),
    };
    results.push(result);
    const rows: [string, string][] = [
      [`${label} view at t`, `median ${fmt(result.rebuildMedianMs)} ms, p95 ${fmt(result.rebuildP95Ms)} ms (${samples} random moments in 0..12:00)`],
      [`${label} baseline`, `median ${fmt(result.baselineMedianMs)} ms, p95 ${fmt(result.baselineP95Ms)} ms (first requests fill its checkpoints)`],
      [`${label} checkpoints`, `${result.checkpoints} every ${result.checkpointEveryMs / 1000} s, ${fmt(result.checkpointBytes / 1024, 0)} KiB (+ baseline ${fmt(result.baselineCheckpointBytes / 1024, 0)} KiB) per room`],
      [`${label} taking them`, `${fmt(result.checkpointCostMs)} ms of live-loop time over the 12-minute run`],
    ];
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(24)} ${v}\n`);
  }
  return { untilMs: UNTIL_MS, cases: results };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
