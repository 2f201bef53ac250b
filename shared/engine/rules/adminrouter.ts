// Admin Router (master) and availability (dcos-model.md §5.6): what a user gets from the cluster, kept apart
// from 3DT health. Admin Router resolves leader.mesos through its local Mesos-DNS (127.0.0.1:61053): no record
// => 503 ("leader is unknown"); a record whose upstream does not answer => 502. The best master wins (a user
// can go to any master). Recomputed after every action: O(masters), an event only on change.
import type { Availability, Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, isUp, setWhy, step } from '../ctx.ts';

function statusVia(ctx: Ctx, m: number): { status: Availability['adminRouterStatus']; why: string } {
  const s = ctx.s;
  if (!s.nodes[m].up || s.nodes[m].partitioned || !isUp(ctx, m, 'dcos-adminrouter')) return { status: 0, why: 'Admin Router is not running' };
  if (!isUp(ctx, m, 'dcos-mesos-dns') || !s.dns.loaded[m] || s.dns.leaderRec[m] === null) {
    return { status: 503, why: 'Mesos leader is unknown (local Mesos-DNS has no leader.mesos)' };
  }
  const mara = s.marathon.leader;
  if (mara < 0 || !isUp(ctx, mara, 'dcos-marathon')) return { status: 503, why: 'Marathon leader is unknown' };
  // Marathon answers /v2/apps from its own state: a dead Mesos leader does not take the API down, only launches.
  if (s.mesos.leader < 0) return { status: 200, why: 'Admin Router proxies /marathon to the Marathon leader (which answers without a Mesos leader)' };
  return { status: 200, why: 'Admin Router proxies to the Mesos and Marathon leaders' };
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
interface MasterUnits { ar: number; dns: number; marathon: number }

let lastIdx: Record<string, number> | null = null;
let lastUnits: MasterUnits = { ar: -1, dns: -1, marathon: -1 };

/** Kept for the last topology asked about: this runs after every action and allocated an object each time. */
function masterUnits(ctx: Ctx): MasterUnits {
  const idx = ctx.topo.unitIdx.master;
  if (idx !== lastIdx) {
    lastUnits = { ar: idx['dcos-adminrouter'], dns: idx['dcos-mesos-dns'], marathon: idx['dcos-marathon'] };
    lastIdx = idx;
  }
  return lastUnits;
}

/** Status code via master m (runs after every action: index lookups only, as isUp by name would be per master). */
function quickStatus(ctx: Ctx, m: number, mu: MasterUnits): number {
  const s = ctx.s;
  const node = s.nodes[m];
  if (!node.up || node.partitioned || node.units[mu.ar].state !== 'healthy') return 0;
  if (node.units[mu.dns].state !== 'healthy' || !s.dns.loaded[m] || s.dns.leaderRec[m] === null) return 503;
  const mara = s.marathon.leader;
  if (mara < 0 || !s.nodes[mara].up || s.nodes[mara].units[mu.marathon].state !== 'healthy') return 503;
  return 200;
}

export function updateAvailability(ctx: Ctx): void {
  const o = ctx.s.availability;
  const mu = masterUnits(ctx);
  let best = 0;
  let ui = false;
  for (let m = 0; m < ctx.topo.masters; m++) {
    const st = quickStatus(ctx, m, mu);
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
  for (let m = 0; m < ctx.topo.masters; m++) if (!ctx.s.nodes[m].steps['master.9.5'] && quickStatus(ctx, m, mu) === 200) proxySteps(ctx, m);
}

/** Admin Router's Lua cache first poll: discovery of the leaders through Mesos-DNS, and the auth redirect. */
export function arPoll(ctx: Ctx, n: number, u: number, e: number): void {
  const rt = ctx.s.nodes[n].units[u];
  if (rt.epoch !== e || rt.state !== 'healthy') return;
  const id = ctx.topo.ids[n];
  const d = ctx.s.dns;
  if (d.leaderRec[n] !== null) step(ctx, 'master.9.1', n, 'dcos-adminrouter', { text: `Admin Router on ${id} resolved leader.mesos -> ${d.leaderRec[n]} via Mesos-DNS`, refs: ['fact:leader.mesos'] });
  if (d.marathonRec[n] !== null || d.values['marathon.mesos']) step(ctx, 'master.9.2', n, 'dcos-adminrouter', { text: `Admin Router on ${id} discovered the Marathon leader via Mesos-DNS`, refs: ['fact:marathon.mesos'] });
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
