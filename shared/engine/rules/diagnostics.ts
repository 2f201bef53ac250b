// dcos-diagnostics pulls (dcos-model.md §4.3-4.6): every 60 s a master's dcos-diagnostics pulls every node it can
// discover (masters from Exhibitor; agents from the leader's /slaves or history, i.e. agents that ever
// registered) over :1050 (masters) or Admin Router Agent :61001 (agents). Unreachable => 3 (unknown), no units.
// Node health = max unit health; cluster = worst master. Only changed node reports travel in the event.
// Invariants: view.diagnostics is derivable from `diagnostics` events; node/cluster events only on change.
import type { DiagnosticsNodeReport, Health } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, isUp, schedule, setWhy, step } from '../ctx.ts';
import { DIAGNOSTICS_PULL_MS, DIAGNOSTICS_PULL_TIMEOUT_MS } from '../../model/timings.ts';
import { healthName, unitHealth, unitOutput } from '../health.ts';
import { nodeIndex } from '../../model/cluster.ts';

export function ensurePull(ctx: Ctx): void {
  if (ctx.s.pullScheduled) return;
  ctx.s.pullScheduled = true;
  schedule(ctx, DIAGNOSTICS_PULL_TIMEOUT_MS, 'pull');
}

function pickPuller(ctx: Ctx): number {
  let fallback = -1;
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (!isUp(ctx, i, 'dcos-diagnostics')) continue;
    if (!ctx.s.nodes[i].part) return i;
    if (fallback < 0) fallback = i;
  }
  return fallback;
}

function discovered(ctx: Ctx, n: number): boolean {
  return n < ctx.topo.masters || ctx.s.nodes[n].reg || ctx.s.nodes[n].steps['agent.2.2'] === 1;
}

function reportFor(ctx: Ctx, n: number, puller: number): DiagnosticsNodeReport {
  const node = ctx.s.nodes[n];
  const role = ctx.topo.roles[n];
  const base = { ip: ctx.topo.ips[n], node: ctx.topo.ids[n], role };
  const reachable = node.up && (n === puller || (!node.part && !ctx.s.nodes[puller].part));
  const endpoint = n < ctx.topo.masters ? 'dcos-diagnostics' : 'dcos-adminrouter-agent';
  if (!reachable || !isUp(ctx, n, endpoint)) return { ...base, health: 3, units: {} };
  const units: DiagnosticsNodeReport['units'] = {};
  let health: 0 | 1 = 0;
  const ids = ctx.topo.unitIds[role];
  for (let u = 0; u < ids.length; u++) {
    const rt = node.units[u];
    const h = unitHealth(rt.st);
    if (h > health) health = h;
    units[ids[u]] = { health: h, output: unitOutput(ids[u], rt.st, rt.act) };
  }
  return { ...base, health, units };
}

function same(a: DiagnosticsNodeReport, b: DiagnosticsNodeReport): boolean {
  if (a.health !== b.health) return false;
  for (const k in b.units) {
    const x = a.units[k], y = b.units[k];
    if (!x || x.health !== y.health || x.output !== y.output) return false;
  }
  return Object.keys(a.units).length === Object.keys(b.units).length;
}

export function pull(ctx: Ctx): void {
  const s = ctx.s;
  const puller = pickPuller(ctx);
  if (puller < 0) {
    s.pullScheduled = false;
    return;
  }
  schedule(ctx, DIAGNOSTICS_PULL_MS, 'pull');
  // Reports are cached per node and rebuilt only for nodes that changed since the last pull (O(changed)).
  const key = `${puller}:${s.nodes[puller].part}`;
  const all = key !== s.lastPullKey;
  s.lastPullKey = key;
  const prev = s.diagnostics.nodes;
  let pi = 0;
  const nodes: DiagnosticsNodeReport[] = [];
  const changed: DiagnosticsNodeReport[] = [];
  for (let n = 0; n < ctx.topo.ids.length; n++) {
    if (!discovered(ctx, n)) continue;
    const old = pi < prev.length && prev[pi].node === ctx.topo.ids[n] ? prev[pi++] : undefined;
    if (old && !all && !s.nodes[n].dirty) {
      nodes.push(old);
      continue;
    }
    s.nodes[n].dirty = false;
    const r = reportFor(ctx, n, puller);
    if (old && same(old, r)) nodes.push(old);
    else {
      nodes.push(r);
      changed.push(r);
    }
  }
  s.diagnostics = { updatedMs: s.simTimeMs, puller: ctx.topo.ids[puller], nodes };
  const pullerId = ctx.topo.ids[puller];
  emit(ctx, {
    type: 'diagnostics', puller: pullerId, nodes: nodes.length, changed,
    cause: { text: `dcos-diagnostics on ${pullerId} pulled ${nodes.length} node(s)`, refs: [`${pullerId}/dcos-diagnostics`] },
  });
  for (const r of changed) nodeReported(ctx, r, pullerId);
  clusterHealth(ctx, pullerId);
}

function nodeReported(ctx: Ctx, r: DiagnosticsNodeReport, pullerId: string): void {
  const n = nodeIndex(ctx.s.cluster, r.node);
  const node = ctx.s.nodes[n];
  const health = healthName(r.health);
  const bad = Object.entries(r.units).filter(([, v]) => v.health > 0).map(([k]) => k);
  const text = r.health === 3
    ? `${r.node} could not be pulled (${n < ctx.topo.masters ? 'dcos-diagnostics :1050' : 'Admin Router Agent :61001'} unreachable): health unknown (3)`
    : bad.length > 0 ? `${r.node} unhealthy: ${bad.join(', ')}` : `${r.node} healthy: all units healthy`;
  const refs = r.health === 3 ? [r.node] : bad.map((u) => `${r.node}/${u}`);
  if (health !== node.health) {
    node.health = health;
    setWhy(ctx, `node:${r.node}`, { text, refs });
    emit(ctx, { type: 'node', node: r.node, health, cause: { text, refs } });
  }
  if (r.health !== 3) {
    const master = n < ctx.topo.masters;
    step(ctx, master ? 'master.1.2' : 'agent.1.2', n, 'dcos-diagnostics', { text: `${pullerId} reports ${text}`, refs });
    if (!master) step(ctx, 'agent.5.2', n, 'dcos-adminrouter-agent', { text: `Admin Router Agent on ${r.node} proxied /system/health/v1 to dcos-diagnostics`, refs: [`${r.node}/dcos-adminrouter-agent`] });
  }
  if (n >= ctx.topo.masters) step(ctx, 'agent.2.5', n, null, { text: `${r.node} is listed by the DC/OS API (/system/health/v1/nodes)`, refs: [r.node] });
}

const RANK: Record<Health, number> = { healthy: 0, unhealthy: 1, unknown: 3 };

function clusterHealth(ctx: Ctx, pullerId: string): void {
  let worst: Health = 'healthy';
  const bad: string[] = [];
  for (let i = 0; i < ctx.topo.masters; i++) {
    const h = ctx.s.nodes[i].health;
    if (h !== 'healthy') bad.push(ctx.topo.ids[i]);
    if (RANK[h] > RANK[worst]) worst = h;
  }
  const text = worst === 'healthy' ? 'cluster healthy: every master is healthy' : `cluster ${worst}: not every master is healthy (${bad.join(', ')})`;
  step(ctx, 'master.1.3', nodeIndex(ctx.s.cluster, pullerId), 'dcos-diagnostics', { text: `${pullerId}: ${text}`, refs: bad });
  if (worst === ctx.s.clusterHealth) return;
  ctx.s.clusterHealth = worst;
  setWhy(ctx, 'fact:cluster', { text, refs: bad });
  emit(ctx, { type: 'cluster', health: worst, cause: { text, refs: bad } });
}
