// DAG benchmark (the DAG engineer's section): what the dependency view costs off the render path.
// - role layout: dagre on each role's unit graph, cold (runs once per page) and memo hits;
// - cluster geometry (translation of the memoized role layouts) for 3 masters + 100 agents, collapsed and expanded;
// - per event batch: the state join + instance edges + collapsed-group summaries, on views sampled from a real
//   engine boot of 3 masters + 100 agents + 3 public agents (mean and p99 per view).
// Run alone: `node --import tsx bench/dag.ts`; returns a JSON result for bench/run.ts (add `dag` to SECTIONS).
import { performance } from 'node:perf_hooks';
import { createEngine } from '../shared/engine/index.ts';
import type { ClusterView } from '../shared/engine/types.ts';
import { BOOT_SPINE, catalogUnitsForRole } from '../web/viz/dagCatalog.ts';
import { instanceEdges } from '../web/viz/dagEdges.ts';
import { resetRoleLayoutCache, roleLayout } from '../web/viz/dagLayout.ts';
import { clusterGeometry, DEFAULT_DAG_UI, type DagUi } from '../web/viz/dagModel.ts';
import { indexStates, summarizeGroup } from '../web/viz/dagState.ts';

const CLUSTER = { masters: 3, agents: 100, publicAgents: 3 } as const;
const SAMPLE_EVERY_MS = 2_000;
const SAMPLE_UNTIL_MS = 240_000;
const ROUNDS = 5;

const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

function sampleViews(): ClusterView[] {
  const engine = createEngine({ cluster: CLUSTER, seed: 1 });
  const views: ClusterView[] = [];
  for (let t = SAMPLE_EVERY_MS; t <= SAMPLE_UNTIL_MS; t += SAMPLE_EVERY_MS) {
    engine.advanceTo(t);
    views.push(engine.view());
  }
  return views;
}

function perBatch(views: ClusterView[], ui: DagUi): number[] {
  const geom = clusterGeometry(views[0]!.nodes, ui, catalogUnitsForRole, BOOT_SPINE);
  const out: number[] = [];
  for (let r = -1; r < ROUNDS; r++) {
    for (const v of views) {
      const ms = (time(() => {
        indexStates(v);
        instanceEdges(v, geom, catalogUnitsForRole);
        for (const c of geom.collapsed) summarizeGroup(v, c.nodeIds);
      }));
      if (r >= 0) out.push(ms); // round -1 warms the JIT up
    }
  }
  return out;
}

export async function benchDag(): Promise<Record<string, unknown>> {
  resetRoleLayoutCache();
  const cold: Record<string, number> = {};
  for (const role of ['master', 'agent', 'agent_public'] as const) cold[role] = time(() => roleLayout(role, catalogUnitsForRole(role), BOOT_SPINE));
  const hitMs = time(() => { for (let i = 0; i < 10_000; i++) roleLayout('agent', catalogUnitsForRole('agent'), BOOT_SPINE); }) / 10_000;

  const views = sampleViews();
  const nodes = views[0]!.nodes;
  const expanded50: DagUi = { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: 50 } };
  const expanded100: DagUi = { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: 100 } };
  const geomCollapsed = mean(Array.from({ length: 20 }, () => time(() => clusterGeometry(nodes, DEFAULT_DAG_UI, catalogUnitsForRole, BOOT_SPINE))));
  const geomExpanded = mean(Array.from({ length: 20 }, () => time(() => clusterGeometry(nodes, expanded100, catalogUnitsForRole, BOOT_SPINE))));
  const batchCollapsed = perBatch(views, DEFAULT_DAG_UI);
  const batchExpanded = perBatch(views, expanded50);
  const vertices = (ui: DagUi) => clusterGeometry(nodes, ui, catalogUnitsForRole, BOOT_SPINE).boxes.size;

  const rows: Array<[string, string]> = [
    ['dagre role layout, cold (master / agent / public)', `${f(cold.master!)} / ${f(cold.agent!)} / ${f(cold.agent_public!)}`],
    ['role layout, memo hit', f(hitMs)],
    [`cluster geometry 3+100+3, collapsed (${vertices(DEFAULT_DAG_UI)} vertices)`, f(geomCollapsed)],
    [`cluster geometry 3+100+3, all expanded (${vertices(expanded100)} vertices)`, f(geomExpanded)],
    [`per batch (join+edges+summary), collapsed: median / mean / p99 over ${batchCollapsed.length}`, `${f(pct(batchCollapsed, 0.5))} / ${f(mean(batchCollapsed))} / ${f(pct(batchCollapsed, 0.99))}`],
    [`per batch, 50 agents expanded (${vertices(expanded50)} vertices): median / mean / p99`, `${f(pct(batchExpanded, 0.5))} / ${f(mean(batchExpanded))} / ${f(pct(batchExpanded, 0.99))}`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
  return {
    cluster: CLUSTER, coldLayoutMs: cold, memoHitMs: hitMs, geometryCollapsedMs: geomCollapsed, geometryExpandedMs: geomExpanded,
    batchCollapsedMedianMs: pct(batchCollapsed, 0.5), batchExpanded50MedianMs: pct(batchExpanded, 0.5),
    batchCollapsedMeanMs: mean(batchCollapsed), batchCollapsedP99Ms: pct(batchCollapsed, 0.99),
    batchExpanded50MeanMs: mean(batchExpanded), batchExpanded50P99Ms: pct(batchExpanded, 0.99),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchDag().catch((e: unknown) => {
    process.stderr.write(`bench dag: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
