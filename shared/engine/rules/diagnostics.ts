// dcos-diagnostics pulls (dcos-model.md §4.3-4.6): in 1.11 EVERY master's dcos-diagnostics pulls on its own — right
// after it starts (here: after the 3 s pull timeout) and then every 60 s — so each master has its own phase (set by
// when its dcos-diagnostics became active, itself seeded) and the masters may briefly disagree after a fault.
// A master pulls every node it can discover (masters from Exhibitor; agents that ever registered, from the leader's
// /slaves or dcos-history) over :1050 (masters) or Admin Router Agent :61001 (agents). Unreachable => 3, no units.
// Which master's pull the dashboard shows lives in rules/monitor.ts.
// Invariants: each master's report is derivable from its own `diagnostics` events (only changed node reports
// travel); a pull rebuilds only nodes that changed since THAT master's last pull (O(changed) work per master).
import type { DiagnosticsNodeReport } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import type { MasterPull } from '../state.ts';
import { emit, schedule, step, unitAt, nodeAt } from '../ctx.ts';
import { DIAGNOSTICS_PULL_MS, DIAGNOSTICS_PULL_TIMEOUT_MS } from '../../model/timings.ts';
import { unitHealth, unitOutput } from '../health.ts';
import { monitorPulled } from './monitor.ts';
import { ensureDirtyLists } from '../diagDirty.ts';

const DIAG = 'dcos-diagnostics';

/** The epoch of master m's dcos-diagnostics process when it is active (answering), else -1. */
function diagEpoch(ctx: Ctx, m: number): number {
  const rt = unitAt(ctx, m, DIAG);
  return ctx.s.nodes[m].up && rt && rt.state === 'healthy' ? rt.epoch : -1;
}

/** Start the pull timer of every master whose dcos-diagnostics is active and has none running (called on start). */
export function ensurePull(ctx: Ctx): void {
  const pulls = ctx.s.diag.masters;
  for (let m = 0; m < pulls.length; m++) {
    const ep = diagEpoch(ctx, m);
    if (ep < 0 || pulls[m].epoch === ep) continue;
    pulls[m].epoch = ep;
    schedule(ctx, DIAGNOSTICS_PULL_TIMEOUT_MS, 'pull', m, -1, ep);
    if (pulls[m].report.updatedMs !== null) forgetPull(ctx, m);
  }
}

/** A (re)started dcos-diagnostics keeps its pull in memory only: until it pulls again it has nothing to serve. */
function forgetPull(ctx: Ctx, m: number): void {
  const id = ctx.topo.ids[m];
  ctx.s.diag.masters[m].report = { updatedMs: null, puller: id, nodes: [] };
  ctx.s.diag.masters[m].key = '';
  for (let n = 0; n < ctx.s.diag.stale.length; n++) ctx.s.diag.stale[n] |= 1 << m;
  emit(ctx, {
    type: 'diagnostics', puller: id, nodes: 0, changed: [], reset: true,
    cause: { text: `dcos-diagnostics on ${id} (re)started: its last pull was in memory only, so it has nothing to report until it pulls again`, refs: [`${id}/${DIAG}`] },
  });
}

function discovered(ctx: Ctx, n: number): boolean {
  return n < ctx.topo.masters || ctx.s.nodes[n].agentRegistered || ctx.s.nodes[n].steps['agent.2.2'] === 1;
}

/**
 * Node n as master `puller` pulls it. Masters answer on :1050 (their dcos-diagnostics); agents through Admin
 * Router Agent :61001, which proxies to the agent's dcos-diagnostics: with either of them down the GET fails and
 * the node reads 3 (a dead dcos-diagnostics cannot report itself unhealthy). dcos-diagnostics.socket socket
 * activation (which could restart a stopped service on the next connection) is not modelled.
 */
export function reportFor(ctx: Ctx, n: number, puller: number): DiagnosticsNodeReport {
  const node = ctx.s.nodes[n];
  const role = ctx.topo.roles[n];
  const base = { ip: ctx.topo.ips[n], node: ctx.topo.ids[n], role };
  const reachable = node.up && (n === puller || (!node.partitioned && !ctx.s.nodes[puller].partitioned));
  const answers = n < ctx.topo.masters ? isActive(ctx, n, DIAG) : isActive(ctx, n, 'dcos-adminrouter-agent') && isActive(ctx, n, DIAG);
  if (!reachable || !answers) return { ...base, health: 3, units: {} };
  // What the node answers does not depend on who asks: build it once per change for all masters.
  const cached = ctx.s.diag.answer[n];
  if (cached) return cached;
  const units: DiagnosticsNodeReport['units'] = {};
  let health: 0 | 1 = 0;
  const ids = ctx.topo.unitIds[role];
  for (let u = 0; u < ids.length; u++) {
    const rt = node.units[u];
    const h = unitHealth(rt.state);
    if (h > health) health = h;
    units[ids[u]] = { health: h, output: unitOutput(ids[u], rt.state, rt.everActive, rt.stopped) };
  }
  return (ctx.s.diag.answer[n] = { ...base, health, units });
}

function isActive(ctx: Ctx, n: number, unit: string): boolean {
  return unitAt(ctx, n, unit)?.state === 'healthy';
}

function same(a: DiagnosticsNodeReport, b: DiagnosticsNodeReport): boolean {
  if (a.health !== b.health) return false;
  for (const k in b.units) {
    const x = a.units[k], y = b.units[k];
    if (!x || x.health !== y.health || x.output !== y.output) return false;
  }
  return Object.keys(a.units).length === Object.keys(b.units).length;
}

/** Queued pull of master m for its dcos-diagnostics epoch e. */
export function pull(ctx: Ctx, m: number, e: number): void {
  const mp = ctx.s.diag.masters[m];
  if (!mp || mp.epoch !== e) return; // superseded by a newer process's timer
  if (diagEpoch(ctx, m) !== e) {
    mp.epoch = -1; // the process died, hung or its node went down: its timer stops with it
    return;
  }
  schedule(ctx, DIAGNOSTICS_PULL_MS, 'pull', m, -1, e);
  const changed = pullNodes(ctx, m, mp);
  const id = ctx.topo.ids[m];
  emit(ctx, {
    type: 'diagnostics', puller: id, nodes: mp.report.nodes.length, changed,
    cause: { text: `dcos-diagnostics on ${id} pulled ${mp.report.nodes.length} node(s)`, refs: [`${id}/${DIAG}`] },
  });
  for (const r of changed) reportSteps(ctx, r, id);
  monitorPulled(ctx, m, changed);
}

/** Rebuild master m's report; returns the node reports that differ from its previous pull, in node order. */
function pullNodes(ctx: Ctx, m: number, mp: MasterPull): DiagnosticsNodeReport[] {
  const s = ctx.s;
  const lists = ensureDirtyLists(ctx, (n) => discovered(ctx, n));
  fanOut(ctx, lists.dirtyList, lists.staleList);
  const key = String(s.nodes[m].partitioned);
  const fresh = key !== mp.key;
  mp.key = key;
  const changed: DiagnosticsNodeReport[] = [];
  // First pull, a restarted puller or its own partition flipped: every node is looked at (rare, O(nodes)).
  const full = fresh || mp.report.nodes.length === 0 || mp.idx === undefined;
  const { nodes, idx } = full ? fullScan(ctx, m, mp, fresh, changed) : mergeStale(ctx, m, mp, lists.staleList, changed);
  mp.report = { updatedMs: s.simTimeMs, puller: ctx.topo.ids[m], nodes };
  mp.idx = idx;
  compact(ctx, lists.staleList, full);
  return changed;
}

/** NodeRt.dirty fanned out to one stale bit per master (and the shared answer cache dropped). */
function fanOut(ctx: Ctx, dirtyList: number[], staleList: number[]): void {
  const s = ctx.s;
  const all = (1 << ctx.topo.masters) - 1;
  for (let i = 0; i < dirtyList.length; i++) {
    const n = dirtyList[i];
    if (!s.nodes[n].dirty) continue;
    s.nodes[n].dirty = false;
    if (s.diag.stale[n] === 0 && discovered(ctx, n)) staleList.push(n);
    s.diag.stale[n] = all;
    s.diag.answer[n] = null;
  }
  dirtyList.length = 0;
}

/** Report node n as master m reads it now, reusing `old` when nothing it shows changed. */
function visit(ctx: Ctx, m: number, n: number, old: DiagnosticsNodeReport | undefined, changed: DiagnosticsNodeReport[]): DiagnosticsNodeReport {
  ctx.s.diag.stale[n] &= ~(1 << m);
  const r = reportFor(ctx, n, m);
  if (old && same(old, r)) return old;
  changed.push(r);
  return r;
}

type Pulled = { nodes: DiagnosticsNodeReport[]; idx: number[] };

/** Every discovered node in order; unchanged ones (stale bit clear, not fresh) keep their previous report. */
function fullScan(ctx: Ctx, m: number, mp: MasterPull, fresh: boolean, changed: DiagnosticsNodeReport[]): Pulled {
  const bit = 1 << m;
  const prev = mp.report.nodes;
  const stale = ctx.s.diag.stale;
  const nodes: DiagnosticsNodeReport[] = [];
  const idx: number[] = [];
  let pi = 0;
  for (let n = 0; n < ctx.topo.ids.length; n++) {
    if (!discovered(ctx, n)) continue;
    const old = pi < prev.length && prev[pi].node === ctx.topo.ids[n] ? prev[pi++] : undefined;
    nodes.push(old && !fresh && (stale[n] & bit) === 0 ? old : visit(ctx, m, n, old, changed));
    idx.push(n);
  }
  return { nodes, idx };
}

/**
 * Only the nodes master m has not pulled since they changed or were discovered (staleList, bit m) are visited; the
 * rest of the previous report is copied by position. Discovery is permanent (a step once shown stays), so the
 * previous report is an ordered subset of today's discovered nodes and a merge on node index rebuilds it exactly.
 */
function mergeStale(ctx: Ctx, m: number, mp: MasterPull, staleList: number[], changed: DiagnosticsNodeReport[]): Pulled {
  const bit = 1 << m;
  const stale = ctx.s.diag.stale;
  const todo = staleList.filter((n) => (stale[n] & bit) !== 0).sort((a, b) => a - b);
  const prev = mp.report.nodes;
  const prevIdx = mp.idx!;
  if (todo.length === 0) return { nodes: prev.slice(), idx: prevIdx };
  const nodes: DiagnosticsNodeReport[] = [];
  const idx: number[] = [];
  let pi = 0;
  for (let t = 0; t < todo.length; t++) {
    const n = todo[t];
    if (t > 0 && todo[t - 1] === n) continue; // a superset is allowed, a node twice is not
    while (pi < prevIdx.length && prevIdx[pi] < n) {
      nodes.push(prev[pi]);
      idx.push(prevIdx[pi++]);
    }
    const old = pi < prevIdx.length && prevIdx[pi] === n ? prev[pi++] : undefined;
    nodes.push(visit(ctx, m, n, old, changed));
    idx.push(n);
  }
  for (; pi < prevIdx.length; pi++) {
    nodes.push(prev[pi]);
    idx.push(prevIdx[pi]);
  }
  return { nodes, idx };
}

/** Drop nodes every master has pulled; after a full scan rebuild the list outright (forgetPull set bits everywhere). */
function compact(ctx: Ctx, staleList: number[], full: boolean): void {
  const stale = ctx.s.diag.stale;
  let w = 0;
  if (full) {
    for (let n = 0; n < stale.length; n++) if (stale[n] !== 0 && discovered(ctx, n)) staleList[w++] = n;
  } else {
    for (let i = 0; i < staleList.length; i++) if (stale[staleList[i]] !== 0) staleList[w++] = staleList[i];
  }
  staleList.length = w;
}

/** Boot Sequence steps a pull of a node shows (once per node, whichever master pulls it first). */
function reportSteps(ctx: Ctx, r: DiagnosticsNodeReport, pullerId: string): void {
  const n = nodeAt(ctx, r.node);
  const master = n < ctx.topo.masters;
  const done = ctx.s.nodes[n].steps;
  if (done[master ? 'master.1.2' : 'agent.5.2'] === 1 && (master || done['agent.2.5'] === 1)) return; // all shown already
  // Each step is checked before its cause is built: every master's pull lists the same nodes (5x at 10k agents).
  if (!master && done['agent.2.5'] !== 1) step(ctx, 'agent.2.5', n, null, { text: `${r.node} is listed by the DC/OS API (/system/health/v1/nodes)`, refs: [r.node] });
  if (r.health === 3) return;
  if (done[master ? 'master.1.2' : 'agent.1.2'] === 1 && (master || done['agent.5.2'] === 1)) return;
  const bad = Object.keys(r.units).filter((k) => r.units[k].health > 0);
  const text = bad.length > 0 ? `${r.node} unhealthy: ${bad.join(', ')}` : `${r.node} healthy: all units healthy`;
  const refs = bad.map((u) => `${r.node}/${u}`);
  step(ctx, master ? 'master.1.2' : 'agent.1.2', n, DIAG, { text: `${pullerId} reports ${text}`, refs });
  if (!master) step(ctx, 'agent.5.2', n, 'dcos-adminrouter-agent', { text: `Admin Router Agent on ${r.node} proxied /system/health/v1 to dcos-diagnostics`, refs: [`${r.node}/dcos-adminrouter-agent`] });
}
