// Whose dcos-diagnostics the dashboard shows. Every master pulls on its own (rules/diagnostics.ts), but the class
// sees ONE cluster health: what a browser going through Admin Router gets. Admin Router on a master proxies
// /system/health/v1 to its local 127.0.0.1:1050, so the rule is:
//   the monitor is the lowest-numbered master that is powered, not partitioned and whose dcos-diagnostics is
//   active; cluster health = the worst master in THAT master's last pull (3/unknown if it could not pull one);
//   no such master (dcos-diagnostics down on every reachable master) => nobody is monitoring => unknown.
// Node health (NodeView.health) and view.diagnostics follow the monitor's last pull too. A stale "healthy" never
// stays up: the monitor is re-picked after every action (O(masters)), not only at pulls.
// Invariant: every `cluster` event carries `monitor`, so applyEvent can point view.diagnostics at that master's pull.
import type { DiagnosticsNodeReport, Health } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, nodeAt, setWhy, step } from '../ctx.ts';
import { healthName } from '../health.ts';

const RANK: Record<Health, number> = { healthy: 0, unhealthy: 1, unknown: 3 };

/** The master a browser's /system/health/v1 reaches (see the header), or -1. */
export function pickMonitor(ctx: Ctx): number {
  const diag = ctx.topo.unitIdx.master['dcos-diagnostics']; // runs after every action: no per-master lookups
  for (let m = 0; m < ctx.topo.masters; m++) {
    const node = ctx.s.nodes[m];
    if (node.up && !node.partitioned && node.units[diag].state === 'healthy') return m;
  }
  return -1;
}

/** Re-pick the monitor; on a change, node and cluster health switch to the new monitor's last pull at once. */
export function updateMonitor(ctx: Ctx): void {
  const d = ctx.s.diag;
  const m = pickMonitor(ctx);
  if (m === d.monitor) return;
  const before = d.monitor;
  d.monitor = m;
  const reports = m < 0 ? [] : d.masters[m].report.nodes;
  let pi = 0;
  for (let n = 0; n < ctx.topo.ids.length; n++) {
    const r = pi < reports.length && reports[pi].node === ctx.topo.ids[n] ? reports[pi++] : undefined;
    if (r) nodeHealth(ctx, r, n);
    else if (ctx.s.nodes[n].health !== 'unknown') setNodeHealth(ctx, n, 'unknown', m < 0 ? nobody(ctx) : `${ctx.topo.ids[m]} has not pulled ${ctx.topo.ids[n]} yet: health unknown`, [ctx.topo.ids[n]]);
  }
  const why = m < 0
    ? nobody(ctx)
    : before < 0 ? `the dashboard reads cluster health from ${ctx.topo.ids[m]}'s dcos-diagnostics`
      : m < before ? `${ctx.topo.ids[m]}'s dcos-diagnostics answers again, so cluster health comes from its own pulls`
        : `${ctx.topo.ids[before]}'s dcos-diagnostics no longer answers through Admin Router: cluster health now comes from ${ctx.topo.ids[m]}'s own last pull`;
  clusterHealth(ctx, true, why);
}

function nobody(_ctx: Ctx): string {
  return `nobody is monitoring: dcos-diagnostics does not answer on any reachable master (Admin Router would answer 502 for /system/health/v1)`;
}

/** Master m finished a pull; only the monitor's pull moves node and cluster health. */
export function monitorPulled(ctx: Ctx, m: number, changed: DiagnosticsNodeReport[]): void {
  if (m !== ctx.s.diag.monitor) return;
  for (const r of changed) nodeHealth(ctx, r, nodeAt(ctx, r.node));
  clusterHealth(ctx, false, '');
}

function nodeHealth(ctx: Ctx, r: DiagnosticsNodeReport, n: number): void {
  const health = healthName(r.health);
  if (health === ctx.s.nodes[n].health) return;
  const bad = Object.keys(r.units).filter((k) => r.units[k].health > 0);
  const text = r.health === 3
    ? `${r.node} could not be pulled (${n < ctx.topo.masters ? 'dcos-diagnostics :1050' : 'Admin Router Agent :61001 -> dcos-diagnostics'} unreachable): health unknown (3)`
    : bad.length > 0 ? `${r.node} unhealthy: ${bad.join(', ')}` : `${r.node} healthy: all units healthy`;
  setNodeHealth(ctx, n, health, text, r.health === 3 ? [r.node] : bad.map((u) => `${r.node}/${u}`));
}

function setNodeHealth(ctx: Ctx, n: number, health: Health, text: string, refs: string[]): void {
  const id = ctx.topo.ids[n];
  ctx.s.nodes[n].health = health;
  setWhy(ctx, `node:${id}`, { text, refs });
  emit(ctx, { type: 'node', node: id, health, cause: { text, refs } });
}

/** Cluster health from the monitor's last pull; `force` emits even when unchanged (the monitor itself changed). */
function clusterHealth(ctx: Ctx, force: boolean, why: string): void {
  const m = ctx.s.diag.monitor;
  const pulled = m >= 0 && ctx.s.diag.masters[m].report.updatedMs !== null;
  let worst: Health = pulled ? 'healthy' : 'unknown';
  const bad: string[] = [];
  if (pulled) {
    // Reports are in node order and masters come first: stop at the first agent instead of reading 10,000 of them.
    for (const r of ctx.s.diag.masters[m].report.nodes) {
      if (r.role !== 'master') break;
      const h = healthName(r.health);
      if (h !== 'healthy') bad.push(r.node);
      if (RANK[h] > RANK[worst]) worst = h;
    }
  }
  const monitor = m >= 0 ? ctx.topo.ids[m] : null;
  const text = !pulled
    ? (m < 0 ? `cluster unknown: ${nobody(ctx)}` : `cluster unknown: ${monitor}'s dcos-diagnostics has not pulled yet`)
    : worst === 'healthy' ? `cluster healthy: every master is healthy (as pulled by ${monitor})` : `cluster ${worst}: not every master is healthy (${bad.join(', ')}, as pulled by ${monitor})`;
  const refs = m < 0 ? ctx.topo.ids.slice(0, ctx.topo.masters).map((id) => `${id}/dcos-diagnostics`) : bad;
  // "Reports cluster unhealthy until all master nodes are healthy": a pull that could not read a master says unknown.
  if (pulled && worst !== 'unknown') step(ctx, 'master.1.3', m, 'dcos-diagnostics', { text: `${monitor}: ${text}`, refs });
  if (!force && worst === ctx.s.clusterHealth) return;
  ctx.s.clusterHealth = worst;
  const full = why && m >= 0 ? `${text}; ${why}` : text;
  setWhy(ctx, 'fact:cluster', { text: full, refs });
  emit(ctx, { type: 'cluster', health: worst, monitor, cause: { text: full, refs } });
}
