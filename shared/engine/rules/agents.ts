// Mesos agents (dcos-model.md §5.4): an agent detects the leader through ZooKeeper, waits a random 0-1 s backoff
// and registers; the leader then connects back and offers its resources. A leader change unregisters everyone
// (agents re-register within seconds); an agent that stops answering pings is marked unreachable after
// 20 x 15 s = 300 s and its tasks are lost. Per-agent work goes through the queue so a leader change is O(agents)
// once, never O(agents) per event.
// Invariants: node.reg === registered.includes(id); `agent` events on every change.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, isUp, schedule, step, unitAt } from '../ctx.ts';
import { AGENT_REGISTRATION_BACKOFF_MS, AGENT_REREGISTER_TIMEOUT_MS, AGENT_UNREACHABLE_MS } from '../../model/timings.ts';
import { between } from '../rng.ts';
import { zkReachable } from './zookeeper.ts';
import { nodeIndex } from '../../model/cluster.ts';
import { onAgentOffered, onAgentLost } from './services.ts';

export function slaveUnit(ctx: Ctx, n: number): string {
  return ctx.topo.roles[n] === 'agent_public' ? 'dcos-mesos-slave-public' : 'dcos-mesos-slave';
}

function detect(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.reg || ctx.s.mesos.leader < 0 || !zkReachable(ctx, n) || !isUp(ctx, n, slaveUnit(ctx, n))) return;
  const rt = unitAt(ctx, n, slaveUnit(ctx, n));
  schedule(ctx, between(ctx.s, [0, AGENT_REGISTRATION_BACKOFF_MS]), 'agentReg', n, ctx.s.mesos.lep, rt ? rt.ep : -1);
}

export function onSlaveUp(ctx: Ctx, n: number): void {
  const id = ctx.topo.ids[n];
  step(ctx, 'agent.2', n, slaveUnit(ctx, n), { text: 'Mesos agent is active', refs: [`${id}/${slaveUnit(ctx, n)}`] });
  const node = ctx.s.nodes[n];
  if (node.reg && unitAt(ctx, n, slaveUnit(ctx, n))?.resumed) {
    node.pe++; // a hung agent answers pings again before the leader gave up on it
  } else if (node.reg) {
    // Rebooted or un-hung before the leader noticed: it re-registers, and tasks whose executors died are lost.
    const cause = { text: `${id}'s Mesos agent restarted: it re-registers and its old tasks are gone`, refs: [`${id}/${slaveUnit(ctx, n)}`] };
    node.pe++;
    unregister(ctx, n, cause);
    onAgentLost(ctx, n, cause);
  }
  detect(ctx, n);
}

export function onSlaveDown(ctx: Ctx, n: number, to: string): void {
  const node = ctx.s.nodes[n];
  if (!node.reg || !node.up) return; // powered off: onAgentCut starts the ping timeout
  if (to === 'unhealthy') {
    // Hung: no TCP close, the leader only notices through missed pings.
    node.pe++;
    schedule(ctx, AGENT_UNREACHABLE_MS, 'unreachable', n, -1, node.pe);
    return;
  }
  unregister(ctx, n, { text: `agent ${ctx.topo.ids[n]} disconnected: its Mesos agent process is down`, refs: [`${ctx.topo.ids[n]}/${slaveUnit(ctx, n)}`] });
}

export function agentReg(ctx: Ctx, n: number, lep: number, e: number): void {
  const node = ctx.s.nodes[n];
  const rt = unitAt(ctx, n, slaveUnit(ctx, n));
  if (node.reg || !rt || rt.ep !== e || lep !== ctx.s.mesos.lep || ctx.s.mesos.leader < 0 || !isUp(ctx, n, slaveUnit(ctx, n)) || node.part) return;
  const id = ctx.topo.ids[n];
  const leader = ctx.topo.ids[ctx.s.mesos.leader];
  node.reg = true;
  ctx.s.registered.push(id);
  const refs = ['fact:mesos-leader', `${id}/${slaveUnit(ctx, n)}`];
  step(ctx, 'agent.2.1', n, slaveUnit(ctx, n), { text: `Mesos agent on ${id} detected the leading master ${leader} in ZooKeeper`, refs });
  emit(ctx, { type: 'agent', node: id, registered: true, cause: { text: `${id} registered with the leading Mesos master ${leader}`, refs } });
  step(ctx, 'agent.2.2', n, slaveUnit(ctx, n), { text: `Mesos agent on ${id} registered with ${leader}`, refs });
  step(ctx, 'agent.2.3', n, slaveUnit(ctx, n), { text: `${leader} connected back to the agent at ${ctx.topo.ips[n]}:5051`, refs });
  if (ctx.s.marathon.registered) offered(ctx, n);
}

/** "Leading Mesos Master starts offering the new agent's resources": first offer of its resources. */
export function offered(ctx: Ctx, n: number): void {
  const id = ctx.topo.ids[n];
  step(ctx, 'agent.2.4', n, slaveUnit(ctx, n), { text: `${ctx.topo.ids[ctx.s.mesos.leader]} offered ${id}'s resources to Marathon`, refs: ['fact:mesos-leader', 'fact:marathon-leader'] });
  onAgentOffered(ctx, n);
}

function unregister(ctx: Ctx, n: number, cause: Cause): void {
  const node = ctx.s.nodes[n];
  if (!node.reg) return;
  node.reg = false;
  const id = ctx.topo.ids[n];
  const i = ctx.s.registered.indexOf(id);
  if (i >= 0) ctx.s.registered.splice(i, 1);
  emit(ctx, { type: 'agent', node: id, registered: false, cause });
}

export function onAgentsLeaderLost(ctx: Ctx, cause: Cause): void {
  // Everyone at once (O(agents), not O(agents^2) through unregister's list removal).
  const ids = ctx.s.registered;
  ctx.s.registered = [];
  for (const id of ids) {
    ctx.s.nodes[nodeIndex(ctx.s.cluster, id)].reg = false;
    const text = `${id} lost the leading master (${cause.text}); DISCONNECTED, tasks keep running`;
    emit(ctx, { type: 'agent', node: id, registered: false, cause: { text, refs: ['fact:mesos-leader'] } });
  }
}

export function onAgentsLeaderElected(ctx: Ctx): void {
  const withTasks = new Set<number>();
  for (const t of ctx.s.tasks) if (t.state === 'staging' || t.state === 'running') withTasks.add(t.ni);
  for (let n = ctx.topo.masters; n < ctx.topo.ids.length; n++) {
    detect(ctx, n);
    // The new leader recovered these agents from the registry; they must re-register within 10 min.
    if (withTasks.has(n)) schedule(ctx, AGENT_REREGISTER_TIMEOUT_MS, 'reregTimeout', n, ctx.s.mesos.lep, ctx.s.nodes[n].pe);
  }
}

export function reregTimeout(ctx: Ctx, n: number, lep: number, e: number): void {
  const node = ctx.s.nodes[n];
  if (node.reg || node.pe !== e || lep !== ctx.s.mesos.lep || ctx.s.mesos.leader < 0) return;
  const id = ctx.topo.ids[n];
  onAgentLost(ctx, n, { text: `${id} did not re-register within 10 min of the leader failover (agent_reregister_timeout): marked unreachable`, refs: [id, 'fact:mesos-leader'] });
}

/** Partition or power-off of an agent: the leader marks it unreachable after the ping timeout. */
export function onAgentCut(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  node.pe++;
  if (node.reg) schedule(ctx, AGENT_UNREACHABLE_MS, 'unreachable', n, -1, node.pe);
}

export function onAgentHealed(ctx: Ctx, n: number): void {
  ctx.s.nodes[n].pe++;
  detect(ctx, n);
}

export function unreachable(ctx: Ctx, n: number, e: number): void {
  const node = ctx.s.nodes[n];
  if (node.pe !== e || !node.reg) return;
  const id = ctx.topo.ids[n];
  const cause = { text: `${id} marked unreachable: no answer to 20 pings x 15 s (300 s)`, refs: [id] };
  unregister(ctx, n, cause);
  onAgentLost(ctx, n, cause);
}
