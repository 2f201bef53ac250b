// Mesos-DNS and name resolution (dcos-model.md §5.3, §5.7): an instance serves nothing until its first state
// load from a Mesos leader; it reloads at once on a leader change and every 30 s otherwise; without a leader
// (or without ZooKeeper) for 30 s it exits. dcos-net on every node forwards *.mesos to all masters' Mesos-DNS,
// so a name resolves cluster-wide while any reachable instance has the record (stale records included).
// Invariants: dns.values only changes in recomputeGlobal(), which emits the `dns` event and wakes waiters.
import type { Ctx } from '../ctx.ts';
import { emit, inMajority, isUp, mesosLeaderReachableFrom, nodeIp, quorumOk, schedule, setWhy, step, unitAt } from '../ctx.ts';
import { MESOS_DNS_LOAD_MS, MESOS_DNS_REFRESH_MS, MESOS_DNS_ZK_DETECTION_TIMEOUT_MS } from '../../model/timings.ts';
import { between } from '../rng.ts';
import { killUnit, wake } from './units.ts';
import { liveFact } from './facts.ts';

const MD = 'dcos-mesos-dns';
export const DNS_NAMES = ['leader.mesos', 'marathon.mesos'] as const;

function ep(ctx: Ctx, n: number): number {
  return unitAt(ctx, n, MD)?.epoch ?? -1;
}

function detects(ctx: Ctx, n: number): boolean {
  return ctx.s.mesos.leader >= 0 && quorumOk(ctx) && inMajority(ctx, n);
}

/**
 * Its ZooKeeper detector names a leader: a serving one, or an elected master still recovering the registry (its
 * contender won; its state endpoint fails, so Mesos-DNS keeps what it has but does not time out).
 */
function detectsSomeone(ctx: Ctx, n: number): boolean {
  return (ctx.s.mesos.leader >= 0 || ctx.s.mesos.recovering >= 0) && quorumOk(ctx) && inMajority(ctx, n);
}

export function onMesosDnsUp(ctx: Ctx, n: number): void {
  step(ctx, 'master.4', n, MD, { text: 'Mesos-DNS is active (not serving until its first state load)', refs: [`${ctx.topo.ids[n]}/${MD}`] });
  ctx.s.dns.noLeaderSinceMs[n] = -1;
  schedule(ctx, MESOS_DNS_REFRESH_MS, 'dnsRefresh', n, -1, ep(ctx, n));
  checkDetector(ctx, n);
}

export function onMesosDnsDown(ctx: Ctx, n: number): void {
  const d = ctx.s.dns;
  d.loaded[n] = false;
  d.leaderRec[n] = null;
  d.marathonRec[n] = null;
  d.noLeaderSinceMs[n] = -1;
  recomputeGlobal(ctx);
}

function checkDetector(ctx: Ctx, n: number): void {
  const d = ctx.s.dns;
  if (detects(ctx, n)) {
    d.noLeaderSinceMs[n] = -1;
    schedule(ctx, between(ctx.s, 'dns', MESOS_DNS_LOAD_MS), 'dnsLoad', n, -1, ep(ctx, n));
  } else if (d.noLeaderSinceMs[n] < 0) {
    d.noLeaderSinceMs[n] = ctx.s.simTimeMs;
    schedule(ctx, MESOS_DNS_ZK_DETECTION_TIMEOUT_MS, 'dnsExit', n, -1, ep(ctx, n));
  }
}

/** Leader changed or ZooKeeper access changed: every running instance re-detects. */
export function onDnsLeaderChange(ctx: Ctx): void {
  for (let i = 0; i < ctx.topo.masters; i++) if (isUp(ctx, i, MD)) checkDetector(ctx, i);
}

export function dnsLoad(ctx: Ctx, n: number, e: number): void {
  if (ep(ctx, n) !== e || !isUp(ctx, n, MD) || !detects(ctx, n)) return;
  // The state fetch from a leader it cannot reach fails: "Error generating records ... keeping old DNS state"
  // (mesos-dns resolver/resolver.go `Reload`).
  if (!mesosLeaderReachableFrom(ctx, n)) return;
  const d = ctx.s.dns;
  const leaderId = ctx.topo.ids[ctx.s.mesos.leader];
  const first = !d.loaded[n];
  d.loaded[n] = true;
  d.leaderRec[n] = nodeIp(ctx, ctx.s.mesos.leader);
  d.marathonRec[n] = ctx.s.marathon.registered && ctx.s.marathon.leader >= 0 ? nodeIp(ctx, ctx.s.marathon.leader) : null;
  if (first) {
    const refs = ['fact:mesos-leader'];
    step(ctx, 'master.4.1', n, MD, { text: `Mesos-DNS on ${ctx.topo.ids[n]} detected the leading master ${leaderId} in ZooKeeper`, refs });
    step(ctx, 'master.4.2', n, MD, { text: `Mesos-DNS on ${ctx.topo.ids[n]} loaded state.json from ${leaderId} and generated records`, refs });
  }
  recomputeGlobal(ctx);
}

export function dnsRefresh(ctx: Ctx, n: number, e: number): void {
  if (ep(ctx, n) !== e || !isUp(ctx, n, MD)) return;
  schedule(ctx, MESOS_DNS_REFRESH_MS, 'dnsRefresh', n, -1, e);
  if (detects(ctx, n)) dnsLoad(ctx, n, e);
}

export function dnsExit(ctx: Ctx, n: number, e: number): void {
  const since = ctx.s.dns.noLeaderSinceMs[n];
  if (ep(ctx, n) !== e || since < 0 || ctx.s.simTimeMs - since < MESOS_DNS_ZK_DETECTION_TIMEOUT_MS) return;
  if (detectsSomeone(ctx, n)) {
    ctx.s.dns.noLeaderSinceMs[n] = -1;
    return;
  }
  const id = ctx.topo.ids[n];
  const cut = ctx.s.nodes[n].partitioned && ctx.topo.masters > 1;
  killUnit(ctx, n, MD, cut
    ? { text: `exited: "master detection timed out after 30s" (${id} is partitioned from ZooKeeper)`, refs: [id] }
    : { text: 'exited: "master detection timed out after 30s" (no Mesos leader)', refs: ['fact:mesos-leader'] });
}

function reachable(ctx: Ctx, i: number): boolean {
  const node = ctx.s.nodes[i];
  return node.up && !node.partitioned;
}

/** The cluster-wide answer for each name: the first reachable serving instance's record. */
export function recomputeGlobal(ctx: Ctx): void {
  const d = ctx.s.dns;
  for (const name of DNS_NAMES) {
    const recs = name === 'leader.mesos' ? d.leaderRec : d.marathonRec;
    let value: string | null = null;
    for (let i = 0; i < ctx.topo.masters; i++) {
      if (d.loaded[i] && reachable(ctx, i) && recs[i] !== null) {
        value = recs[i];
        break;
      }
    }
    if (value === d.values[name]) continue;
    d.values[name] = value;
    const cause = value !== null
      ? { text: `${name} resolves to ${value} (Mesos-DNS record, forwarded by dcos-net)`, refs: [name === 'leader.mesos' ? 'fact:mesos-leader' : 'fact:marathon-leader'] }
      : nullCause(ctx, name);
    setWhy(ctx, `fact:${name}`, cause);
    emit(ctx, { type: 'dns', name, value, cause });
    if (value !== null) {
      wake(ctx, `dns:${name}`);
      if (name === 'leader.mesos') forwardSteps(ctx);
    }
  }
}

function nullCause(ctx: Ctx, name: string) {
  const d = ctx.s.dns;
  const anyLoaded = d.loaded.some((l, i) => l && reachable(ctx, i));
  if (!anyLoaded) {
    const refs = ['fact:mesos-leader', ...ctx.topo.ids.slice(0, ctx.topo.masters).map((id) => `${id}/${MD}`)];
    const why = ctx.s.mesos.leader < 0 ? 'no Mesos leader' : 'no Mesos-DNS instance has loaded state yet';
    return { text: `${name} does not resolve: no Mesos-DNS is serving (${why})`, refs };
  }
  return name === 'marathon.mesos'
    ? { text: 'marathon.mesos does not resolve: Mesos-DNS has no Marathon framework record (not registered, or not refreshed yet)', refs: ['fact:marathon-leader'] }
    : { text: `${name} does not resolve`, refs: ['fact:mesos-leader'] };
}

/** "Forwards DNS lookups to Mesos-DNS": the first time leader.mesos resolves through a node's dcos-net. */
export function forwardSteps(ctx: Ctx): void {
  for (let n = 0; n < ctx.topo.ids.length; n++) forwardStep(ctx, n);
}

export function forwardStep(ctx: Ctx, n: number): void {
  if (ctx.s.dns.values['leader.mesos'] === null || !isUp(ctx, n, 'dcos-net')) return;
  const id = n < ctx.topo.masters ? 'master.5.1' : 'agent.3.1';
  step(ctx, id, n, 'dcos-net', { text: `dcos-net on ${ctx.topo.ids[n]} forwards leader.mesos to Mesos-DNS (${ctx.s.dns.values['leader.mesos']})`, refs: ['fact:leader.mesos'] });
}

export type Resolution = { ok: true } | { ok: false; key: string; why: string };

/** Does `name` resolve on node n right now (its dcos-net is assumed up)? */
export function resolveOn(ctx: Ctx, n: number, name: string): Resolution {
  const d = ctx.s.dns;
  const node = ctx.s.nodes[n];
  if (node.partitioned) {
    const own = n < ctx.topo.masters && d.loaded[n] ? (name === 'leader.mesos' ? d.leaderRec[n] : d.marathonRec[n]) : null;
    return own !== null ? { ok: true } : { ok: false, key: `heal:${n}`, why: `${ctx.topo.ids[n]} is partitioned from every master's Mesos-DNS` };
  }
  if (d.values[name] !== null && d.values[name] !== undefined) return { ok: true };
  const live = liveFact(ctx, `fact:${name}`);
  return { ok: false, key: `dns:${name}`, why: (live?.text ?? `${name} does not resolve`).replace(/^\S+ does not resolve( yet)?: /, '') };
}

// Per-node resolution (issue 17 item 8). Every node's /etc/resolv.conf names its own dcos-net (198.51.100.1-3,
// written by gen_resolvconf.py); when dcos-net stops answering, DC/OS names stop resolving on that node only, and at
// its next run (timer, every 1 min) gen_resolvconf.py falls back to the upstream resolvers, which know no *.mesos.
// Said once as a `dns` event carrying `node` when it is lost, and once when it is back; never during a first boot.
/** The name a node-scoped `dns` event carries (one event stands for `*.mesos` and `*.spartan`). */
export const NODE_DNS_NAME = '*.mesos';
const NODE_DNS_VALUE = 'dcos-net (198.51.100.1-3)';

export function onNetDown(ctx: Ctx, n: number, to: string): void {
  const node = ctx.s.nodes[n];
  if (!node.up || node.dnsLost) return; // a powered-off node resolves nothing anyway: no news
  node.dnsLost = true;
  const id = ctx.topo.ids[n];
  const hung = to === 'unhealthy';
  const text = `*.mesos and *.spartan stop resolving on ${id} (its tasks and DC/OS services lose service discovery there): `
    + `/etc/resolv.conf names dcos-net (198.51.100.1-3), which ${hung ? 'hangs' : 'is down'}; gen_resolvconf.py falls back `
    + 'to the upstream resolvers at its next run (timer, every 1 min), and they know no *.mesos'
    + (hung ? `. systemd still reads dcos-net active (running), so dcos-diagnostics 1.11 reads ${id} healthy until `
      + 'dcos-net-watchdog SIGKILLs it after 2 failed probes of ready.spartan, 60 s apart' : '');
  const refs = [`${id}/dcos-net`, `${id}/dcos-gen-resolvconf`];
  if (hung) refs.push(`${id}/dcos-net-watchdog`);
  emit(ctx, { type: 'dns', name: NODE_DNS_NAME, value: null, node: id, cause: { text, refs } });
}

export function onNetUp(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (!node.dnsLost) return;
  delete node.dnsLost;
  const id = ctx.topo.ids[n];
  emit(ctx, {
    type: 'dns', name: NODE_DNS_NAME, value: NODE_DNS_VALUE, node: id,
    cause: { text: `dcos-net on ${id} answers ready.spartan again: *.mesos and *.spartan resolve on ${id} again`, refs: [`${id}/dcos-net`] },
  });
}
