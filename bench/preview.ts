// Preview benchmark (issue 8: "preview latency under 300 ms at 100 agents for a 5-minute horizon"): how long
// sim:preview takes to answer "what would this fault do within five minutes?" for a fault-menu item, measured with
// shared/engine/preview.ts's previewFault (the function the server's handler calls; the handler's cache is left
// out on purpose, this is the cost of a miss). Method: boot each cluster to healthy (where a class opens the menu),
// then per fault kind one warm-up and REPEATS timed previews from that same state; medians and max reported. Three
// kinds that reach different depths of the graph: stop Exhibitor (ZooKeeper quorum, then most of the masters),
// kill the Mesos master (a leader election), crash an agent (its tasks and registration).
import { performance } from 'node:perf_hooks';
import { createEngine } from '../shared/engine/index.ts';
import { previewFault } from '../shared/engine/preview.ts';
import type { ClusterConfig, Engine, Fault } from '../shared/engine/types.ts';

export const PREVIEW_HORIZON_MS = 5 * 60_000;
export const REPEATS = 10;
const SEED = 1;
const CLUSTERS: ClusterConfig[] = [{ masters: 3, agents: 100, publicAgents: 0 }, { masters: 3, agents: 1000, publicAgents: 0 }];
const FAULTS: { name: string; fault: Fault }[] = [
  { name: 'stop exhibitor', fault: { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' } },
  { name: 'kill mesos-master', fault: { kind: 'kill', node: 'master-1', unit: 'dcos-mesos-master' } },
  { name: 'crash agent', fault: { kind: 'crash', node: 'agent-1' } },
];
/** Give up waiting for a healthy boot after this much simulated time (previews then start from there). */
const BOOT_LIMIT_MS = 30 * 60_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function bootedEngine(cluster: ClusterConfig): Engine {
  const engine = createEngine({ cluster, seed: SEED });
  for (let t = 10_000; t <= BOOT_LIMIT_MS && engine.view().clusterHealth !== 'healthy'; t += 10_000) engine.advanceTo(t);
  return engine;
}

interface Row {
  agents: number;
  fault: string;
  fromMs: number;
  medianMs: number;
  maxMs: number;
  affected: number;
}

export async function benchPreview(): Promise<Record<string, unknown>> {
  const rows: Row[] = [];
  for (const cluster of CLUSTERS) {
    const engine = bootedEngine(cluster);
    for (const { name, fault } of FAULTS) {
      const warm = previewFault(engine, fault, { horizonMs: PREVIEW_HORIZON_MS });
      if (!warm.ok) throw new Error(`preview of ${name} at ${cluster.agents} agents failed: ${warm.error}`);
      const samples: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const t0 = performance.now();
        previewFault(engine, fault, { horizonMs: PREVIEW_HORIZON_MS });
        samples.push(performance.now() - t0);
      }
      rows.push({ agents: cluster.agents, fault: name, fromMs: engine.simTimeMs, medianMs: median(samples), maxMs: Math.max(...samples), affected: warm.affected.length });
    }
  }
  process.stdout.write(`preview of a fault, ${PREVIEW_HORIZON_MS / 60_000}-minute horizon, from a healthy cluster (median of ${REPEATS} after a warm-up)\n`);
  process.stdout.write('agents  fault               from     median ms   max ms   units affected\n');
  for (const r of rows) {
    process.stdout.write(`${String(r.agents).padStart(6)}  ${r.fault.padEnd(18)}  ${String(Math.round(r.fromMs / 1000)).padStart(5)} s  ${r.medianMs.toFixed(1).padStart(9)}  ${r.maxMs.toFixed(1).padStart(7)}  ${String(r.affected).padStart(14)}\n`);
  }
  const at100 = rows.filter((r) => r.agents === 100).map((r) => r.medianMs);
  process.stdout.write(`target: under 300 ms at 100 agents — ${Math.max(...at100) < 300 ? 'met' : 'NOT met'} (worst median ${Math.max(...at100).toFixed(1)} ms)\n`);
  return { horizonMs: PREVIEW_HORIZON_MS, repeats: REPEATS, rows };
}
