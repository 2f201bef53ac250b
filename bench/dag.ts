// DAG benchmark (the DAG engineer's section): what the dependency view costs off the render path, on views
// sampled every SAMPLE_EVERY_MS from a real engine boot of 3 masters + 100 agents + 3 public agents.
// The measuring core is web/viz/dagBench.ts (loaded by path so this node project does not type-check web/).
// Run alone: `node --import tsx bench/dag.ts`; `benchDag` returns the JSON result for bench/run.ts.
import { createEngine } from '../shared/engine/index.ts';
import type { ClusterView } from '../shared/engine/types.ts';

const CLUSTER = { masters: 3, agents: 100, publicAgents: 3 } as const;
const SAMPLE_EVERY_MS = 2_000;
const SAMPLE_UNTIL_MS = 240_000;
const CORE = new URL('../web/viz/dagBench.ts', import.meta.url).href;

interface DagBenchCore {
  runDagBench(views: ClusterView[]): { rows: Array<[string, string]>; result: Record<string, unknown> };
}

function sampleViews(): ClusterView[] {
  const engine = createEngine({ cluster: CLUSTER, seed: 1 });
  const views: ClusterView[] = [];
  for (let t = SAMPLE_EVERY_MS; t <= SAMPLE_UNTIL_MS; t += SAMPLE_EVERY_MS) {
    engine.advanceTo(t);
    views.push(engine.view());
  }
  return views;
}

export async function benchDag(): Promise<Record<string, unknown>> {
  const core = (await import(CORE)) as DagBenchCore;
  const { rows, result } = core.runDagBench(sampleViews());
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
  return { cluster: CLUSTER, ...result };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchDag().catch((e: unknown) => {
    process.stderr.write(`bench dag: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
