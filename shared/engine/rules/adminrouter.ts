// Admin Router (master) and availability (dcos-model.md §5.6): what a user gets from the cluster, kept apart
// from 3DT health. /marathon/ is rewritten to /service/marathon, which Admin Router resolves from its Lua cache of
// the Mesos state-summary (the Marathon framework's webui_url), polled from leader.mesos:5050 (resolved through the
// local Mesos-DNS) 2 s after start and every 25 s (dcos/dcos 1.11 packages/adminrouter/extra/src/lib/cache.lua
// CACHE_FIRST_POLL_DELAY, CACHE_POLL_PERIOD; service.lua `resolve_via_mesos_state`). A failed poll keeps the old
// entry: stale past 75 s (CACHE_MAX_AGE_SOFT_LIMIT) it is only logged, and it is used for 3 days. So availability
// changes at Admin Router's polls, not at the instant a leader moves. No cache yet => 503; a cached Marathon that
// does not answer => 502; a Marathon with no leader to proxy to => 503. The best master wins (a user can go to any
// master). Recomputed after every action: O(masters), an event only on change.
import type { Availability, Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, isUp, mesosLeaderReachableFrom, nodeIp, schedule, setWhy, step } from '../ctx.ts';
import { ADMINROUTER_POLL_MS } from '../../model/timings.ts';

/** Each master's Admin Router cache: last successful poll (-1: none), the cached Marathon node (-1: none). */
interface ArCache { atMs: number[]; marathon: number[]; leaderEpoch: number[] }

function arCache(ctx: Ctx): ArCache {
  const s = ctx.s;
  if (s.arCache === undefined) {
    const m = ctx.topo.masters;
    s.arCache = { atMs: Array(m).fill(-1), marathon: Array(m).fill(-1), leaderEpoch: Array(m).fill(-1) };
  }
  return s.arCache;
}

/** A (re)started Admin Router starts with an empty cache (nginx shared memory). */
export function resetArCache(ctx: Ctx, m: number): void {
  const c = arCache(ctx);
  c.atMs[m] = -1;
  c.marathon[m] = -1;
  c.leaderEpoch[m] = -1;
}

/** Does Marathon node `mara` answer Admin Router on master m? */
function marathonAnswers(ctx: Ctx, m: number, mara: number, marathonUnit: number): boolean {
  const node = ctx.s.nodes[mara];
  if (!node.up || node.units[marathonUnit].state !== 'healthy') return false;
  return mara === m || (!node.partitioned && !ctx.s.nodes[m].partitioned);
}

function statusVia(ctx: Ctx, m: number): { status: Availability['adminRouterStatus']; why: string } {
  const s = ctx.s;
  if (!s.nodes[m].up || s.nodes[m].partitioned || !isUp(ctx, m, 'dcos-adminrouter')) return { status: 0, why: 'Admin Router is not running' };
  const c = arCache(ctx);
  if (c.atMs[m] < 0) return { status: 503, why: 'Admin Router has no Mesos state in its cache yet (it polls leader.mesos:5050/master/state-summary every 25 s)' };
  const mara = c.marathon[m];
  const id = ctx.topo.ids[m];
  if (mara < 0) return { status: 503, why: `no Marathon framework in ${id}'s Admin Router cache (its last good Mesos state-summary poll)` };
  if (!marathonAnswers(ctx, m, mara, ctx.topo.unitIdx.master['dcos-marathon'])) {
    return { status: 502, why: `${id}'s Admin Router cache still points /service/marathon at ${ctx.topo.ids[mara]}, whose Marathon does not answer (the cache refreshes every 25 s)` };
  }
  if (s.marathon.leader < 0) return { status: 503, why: 'Marathon leader is unknown' };
  return { status: 200, why: `Admin Router proxies /marathon to Marathon on ${ctx.topo.ids[mara]} (from its cached Mesos state)` };
}

/** Which answer is best for a user (200 > 503 > 502 > nothing); a function, not a sparse-keyed table: it runs after every action. */
function rank(status: number): number {
  return status === 200 ? 3 : status === 503 ? 2 : status === 502 ? 1 : 0;
}

export function computeAvailability(ctx: Ctx): { a: Availability; why: string } {
  let best = { status: 0 as Availability['adminRouterStatus'], why: 'no Admin Router is running on any master' };
  let ui = false;
  for (let m = 0; m < ctx.topo.masters; m++) {
    const r = statusVia(ctx, m);
    if (r.status !== 0) ui = true;
    if (rank(r.status) > rank(best.status)) best = r;
  }
  const s = ctx.s;
  const tasks = s.mesos.leader >= 0 && !s.nodes[s.mesos.leader].partitioned && s.marathon.registered && s.registered.length > 0;
  return {
    a: { uiReachable: ui, apiReachable: best.status === 200, tasksLaunchable: tasks, adminRouterStatus: best.status },
    why: `${best.why}${tasks ? '' : '; new tasks cannot launch (needs a Mesos leader, a registered Marathon and a registered agent)'}`,
  };
}

/** Where the three units quickStatus reads sit on a master (fixed by the catalog; looked up once per call). */
interface MasterUnits { ar: number; marathon: number }

let lastIdx: Record<string, number> | null = null;
let lastUnits: MasterUnits = { ar: -1, marathon: -1 };

/** Kept for the last topology asked about: this runs after every action and allocated an object each time. */
function masterUnits(ctx: Ctx): MasterUnits {
  const idx = ctx.topo.unitIdx.master;
  if (idx !== lastIdx) {
    lastUnits = { ar: idx['dcos-adminrouter'], marathon: idx['dcos-marathon'] };
    lastIdx = idx;
  }
  return lastUnits;
}

/** Status code via master m (runs after every action: index lookups only, as isUp by name would be per master). */
function quickStatus(ctx: Ctx, m: number, mu: MasterUnits, c: ArCache): number {
  const s = ctx.s;
  const node = s.nodes[m];
  if (!node.up || node.partitioned || node.units[mu.ar].state !== 'healthy') return 0;
  const mara = c.marathon[m];
  if (c.atMs[m] < 0 || mara < 0) return 503;
  if (!marathonAnswers(ctx, m, mara, mu.marathon)) return 502;
  return s.marathon.leader < 0 ? 503 : 200;
}

export function updateAvailability(ctx: Ctx): void {
  const o = ctx.s.availability;
  const mu = masterUnits(ctx);
  const c = arCache(ctx);
  let best = 0;
  let ui = false;
  for (let m = 0; m < ctx.topo.masters; m++) {
    const st = quickStatus(ctx, m, mu, c);
    if (st !== 0) ui = true;
    if (rank(st) > rank(best)) best = st;
  }
  const s = ctx.s;
  const tasks = s.mesos.leader >= 0 && !s.nodes[s.mesos.leader].partitioned && s.marathon.registered && s.registered.length > 0;
  if (o.uiReachable !== ui || o.apiReachable !== (best === 200) || o.tasksLaunchable !== tasks || o.adminRouterStatus !== best) {
    const { a, why } = computeAvailability(ctx);
    ctx.s.availability = a;
    const cause: Cause = { text: `GET /marathon/v2/apps -> ${a.adminRouterStatus || 'connection refused'}: ${why}`, refs: ['fact:mesos-leader', 'fact:marathon-leader'] };
    setWhy(ctx, 'fact:availability', cause);
    emit(ctx, { type: 'availability', availability: a, cause });
  }
  if (best !== 200) return;
  if (ctx.s.mesos.leader < 0) return;
  for (let m = 0; m < ctx.topo.masters; m++) if (!ctx.s.nodes[m].steps['master.9.5'] && quickStatus(ctx, m, mu, c) === 200) proxySteps(ctx, m);
}

/**
 * Admin Router's Lua cache poll (2 s after start, then every 25 s): Mesos state-summary from leader.mesos:5050, which
 * resolves through the local Mesos-DNS (127.0.0.1:61053). A failed fetch keeps the old entry ("Mesos state request
 * failed", cache.lua `fetch_and_store_state_mesos`). The first poll also gives the Boot Sequence's discovery steps.
 */
export function arPoll(ctx: Ctx, n: number, u: number, e: number): void {
  const rt = ctx.s.nodes[n].units[u];
  if (rt.epoch !== e || rt.state !== 'healthy') return;
  schedule(ctx, ADMINROUTER_POLL_MS, 'arPoll', n, u, e);
  const s = ctx.s;
  const d = s.dns;
  const c = arCache(ctx);
  const leader = s.mesos.leader;
  const fetched = isUp(ctx, n, 'dcos-mesos-dns') && d.loaded[n] && leader >= 0 && d.leaderRec[n] === nodeIp(ctx, leader) && mesosLeaderReachableFrom(ctx, n);
  if (fetched) {
    // A framework stays in the leader's state (with its old webui_url) while it is disconnected; a new Mesos leader
    // lists only the frameworks that registered with it.
    const mara = s.marathon.registered && s.marathon.leader >= 0 ? s.marathon.leader : c.leaderEpoch[n] === s.mesos.leaderEpoch ? c.marathon[n] : -1;
    c.atMs[n] = s.simTimeMs;
    c.marathon[n] = mara;
    c.leaderEpoch[n] = s.mesos.leaderEpoch;
  }
  const id = ctx.topo.ids[n];
  if (d.leaderRec[n] !== null) step(ctx, 'master.9.1', n, 'dcos-adminrouter', { text: `Admin Router on ${id} resolved leader.mesos -> ${d.leaderRec[n]} via Mesos-DNS`, refs: ['fact:leader.mesos'] });
  if (fetched && c.marathon[n] >= 0) step(ctx, 'master.9.2', n, 'dcos-adminrouter', { text: `Admin Router on ${id} found the Marathon leader ${ctx.topo.ids[c.marathon[n]]}: its webui_url in the cached Mesos state-summary, and 127.0.0.1:8080/v2/leader (cache.lua; the page says Mesos-DNS)`, refs: ['fact:marathon-leader'] });
  if (isUp(ctx, n, 'dcos-oauth')) step(ctx, 'master.9.3', n, 'dcos-adminrouter', { text: `Admin Router on ${id} redirects unauthenticated requests to dcos-oauth (/login), which answers on 127.0.0.1:8101`, refs: [`${id}/dcos-oauth`] });
}

/** Admin Router on master m answers /mesos and /marathon (200): it really proxies; /service/kafka once Kafka registered. */
function proxySteps(ctx: Ctx, m: number): void {
  const s = ctx.s;
  const id = ctx.topo.ids[m];
  if (!s.nodes[m].steps['master.9']) return;
  const refs = [`${id}/dcos-adminrouter`, 'fact:mesos-leader', 'fact:marathon-leader'];
  step(ctx, 'master.9.4', m, 'dcos-adminrouter', { text: `Admin Router on ${id} proxied /mesos to ${ctx.topo.ids[s.mesos.leader]} and /marathon to ${ctx.topo.ids[s.marathon.leader]}`, refs });
  step(ctx, 'master.9.6', m, 'dcos-adminrouter', { text: `Admin Router on ${id} serves the DC/OS GUI on http://${ctx.topo.ips[m]}/, with the API behind it`, refs: [`${id}/dcos-adminrouter`] });
  if (!s.services.kafkaRegistered) return;
  const t = s.tasks[s.services.kafkaTask];
  step(ctx, 'master.9.5', m, 'dcos-adminrouter', { text: `Admin Router on ${id} proxies /service/kafka to the /kafka scheduler${t ? ` on ${t.node}` : ''}`, refs: [`${id}/dcos-adminrouter`] });
}
