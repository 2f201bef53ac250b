// The DAG benchmark's measuring core (bench/dag.ts feeds it views from a real engine run; it lives in web/ so it
// type-checks with the code it measures). Measures what the dependency view costs off the render path:
// dagre per role (cold, once per page) and memo hits, cluster geometry, and the per-batch state join + edges +
// collapsed-group summaries. Uses only `performance.now()`, no Node APIs.
import type { ClusterView } from '../../shared/protocol/types.ts';
import { BOOT_SPINE, catalogUnitsForRole } from './dagCatalog.ts';
import { instanceEdges } from './dagEdges.ts';
import { resetRoleLayoutCache, roleLayout } from './dagLayout.ts';
import { clusterGeometry, DEFAULT_DAG_UI, type DagUi } from './dagModel.ts';
import { indexStates, summarizeGroup } from './dagState.ts';

/** Timed rounds over all sampled views (plus one untimed warm-up round). */
export const ROUNDS = 5;

const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

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

export function runDagBench(views: ClusterView[]): { rows: Array<[string, string]>; result: Record<string, unknown> } {
  resetRoleLayoutCache();
  const cold: Record<string, number> = {};
  for (const role of ['master', 'agent', 'agent_public'] as const) cold[role] = time(() => roleLayout(role, catalogUnitsForRole(role), BOOT_SPINE));
  const hitMs = time(() => { for (let i = 0; i < 10_000; i++) roleLayout('agent', catalogUnitsForRole('agent'), BOOT_SPINE); }) / 10_000;

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
  return { rows, result: {
    coldLayoutMs: cold, memoHitMs: hitMs, geometryCollapsedMs: geomCollapsed, geometryExpandedMs: geomExpanded,
    batchCollapsedMedianMs: pct(batchCollapsed, 0.5), batchExpanded50MedianMs: pct(batchExpanded, 0.5),
    batchCollapsedMeanMs: mean(batchCollapsed), batchCollapsedP99Ms: pct(batchCollapsed, 0.99),
    batchExpanded50MeanMs: mean(batchExpanded), batchExpanded50P99Ms: pct(batchExpanded, 0.99),
  } };
}

