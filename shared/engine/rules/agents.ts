// Mesos agents as the leading master sees them (dcos-model.md §5.4, §5.5a): an agent detects the leader through
// ZooKeeper, waits a random 0-1 s backoff and registers; the leader connects back and offers its resources.
// The leader pings every agent it knows. An agent whose process exits is DISCONNECTED (socket closed, tasks keep
// running: executors survive the agent process); a partitioned, powered-off or hung one just stops answering.
// Either way, after 20 x 15 s = 300 s of unanswered pings the leader marks it unreachable (rate limited, rules/
// agentRemoval.ts). When it re-registers its tasks report again (services.ts decides what Marathon does with them).
// Invariants: node.reg === registered.includes(id); node.unreach === unreachable.includes(id); `agent` events on
// every change; ping timers carry the leader epoch and the node's link epoch `pe`.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, isUp, schedule, scheduleAt, step, unitAt, nodeAt } from '../ctx.ts';
import { AGENT_REGISTRATION_BACKOFF_MS, AGENT_REREGISTER_TIMEOUT_MS, AGENT_UNREACHABLE_MS } from '../../model/timings.ts';
import { keyedBetween, PURPOSE } from '../rng.ts';
import { zkReachable } from './zookeeper.ts';
import { onAgentOffered } from './services.ts';
import { onAgentRebooted, onAgentReturned, onAgentUnreachable } from './taskRecovery.ts';
import { takeRemovalPermit } from './agentRemoval.ts';
import { networkSteps } from './nodeSteps.ts';
import { markDiscovered } from '../diagDirty.ts';

export function slaveUnit(ctx: Ctx, n: number): string {
  return ctx.topo.roles[n] === 'agent_public' ? 'dcos-mesos-slave-public' : 'dcos-mesos-slave';
}

function detect(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.agentRegistered || ctx.s.mesos.leader < 0 || !zkReachable(ctx, n) || !isUp(ctx, n, slaveUnit(ctx, n))) return;
  const rt = unitAt(ctx, n, slaveUnit(ctx, n));
  schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.agentBackoff, n, ctx.s.mesos.leaderEpoch, node.linkEpoch, [0, AGENT_REGISTRATION_BACKOFF_MS]), 'agentReg', n, ctx.s.mesos.leaderEpoch, rt ? rt.epoch : -1);
}

/** The leader's pings stop being answered: the 300 s countdown to unreachable starts (once). */
function startSilence(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.silentSinceMs >= 0 || node.agentUnreachable || ctx.s.mesos.leader < 0) return;
  node.silentSinceMs = ctx.s.simTimeMs;
  node.linkEpoch++;
  schedule(ctx, AGENT_UNREACHABLE_MS, 'unreachable', n, ctx.s.mesos.leaderEpoch, node.linkEpoch);
}

/** Pings are answered again before the leader gave up: nothing happened, as far as Mesos is concerned. */
function endSilence(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.silentSinceMs < 0) return;
  node.silentSinceMs = -1;
  node.linkEpoch++;
}

export function onSlaveUp(ctx: Ctx, n: number): void {
  const id = ctx.topo.ids[n];
  step(ctx, 'agent.2', n, slaveUnit(ctx, n), { text: 'Mesos agent is active', refs: [`${id}/${slaveUnit(ctx, n)}`] });
  const node = ctx.s.nodes[n];
  if (node.agentRegistered && unitAt(ctx, n, slaveUnit(ctx, n))?.resumed) {
    endSilence(ctx, n); // a hung agent answers pings again before the leader gave up on it
  } else if (node.agentRegistered) {
    // Powered off and on before the leader noticed: the rebooted agent registers anew and the leader removes the
    // old registration; the old tasks died with the machine.
    const cause = { text: `${id} rebooted: its Mesos agent registers anew, the leader removes the old registration and its tasks are gone`, refs: [`${id}/${slaveUnit(ctx, n)}`] };
    node.silentSinceMs = -1;
    node.linkEpoch++;
    unregister(ctx, n, cause);
    onAgentRebooted(ctx, n, cause);
  }
  detect(ctx, n);
}

export function onSlaveDown(ctx: Ctx, n: number, to: string): void {
  const node = ctx.s.nodes[n];
  if (!node.agentRegistered || !node.up) return; // powered off: onAgentCut starts the ping countdown
  if (to !== 'unhealthy') {
    // The process exited: the leader sees the socket close. Executors (and tasks) keep running.
    unregister(ctx, n, {
      text: `${ctx.topo.ids[n]} disconnected: its Mesos agent process is down; its tasks keep running and the leader keeps pinging it (unreachable after 300 s)`,
      refs: [`${ctx.topo.ids[n]}/${slaveUnit(ctx, n)}`],
    });
  }
  startSilence(ctx, n); // a hung agent keeps its socket: the leader only notices through missed pings
}

export function agentReg(ctx: Ctx, n: number, lep: number, e: number): void {
  const node = ctx.s.nodes[n];
  const rt = unitAt(ctx, n, slaveUnit(ctx, n));
  if (node.agentRegistered || !rt || rt.epoch !== e || lep !== ctx.s.mesos.leaderEpoch || ctx.s.mesos.leader < 0 || !isUp(ctx, n, slaveUnit(ctx, n)) || node.partitioned) return;
  const id = ctx.topo.ids[n];
  const leader = ctx.topo.ids[ctx.s.mesos.leader];
  const returning = node.agentUnreachable || node.silentSinceMs >= 0;
  node.agentRegistered = true;
  node.silentSinceMs = -1;
  node.linkEpoch++;
  ctx.s.registered.push(id);
  if (node.agentUnreachable) {
    node.agentUnreachable = false;
    const i = ctx.s.unreachable.indexOf(id);
    if (i >= 0) ctx.s.unreachable.splice(i, 1);
  }
  const refs = ['fact:mesos-leader', `${id}/${slaveUnit(ctx, n)}`];
  step(ctx, 'agent.2.1', n, slaveUnit(ctx, n), { text: `Mesos agent on ${id} detected the leading master ${leader} in ZooKeeper`, refs });
  const text = `${id} ${returning ? "re-registered" : "registered"} with the leading Mesos master ${leader}`;
  emit(ctx, { type: 'agent', node: id, registered: true, cause: { text, refs } });
  const firstTime = node.steps['agent.2.2'] !== 1;
  step(ctx, 'agent.2.2', n, slaveUnit(ctx, n), { text: `Mesos agent on ${id} registered with ${leader}`, refs });
  if (firstTime) markDiscovered(ctx, n); // dcos-diagnostics finds it from now on (rules/diagnostics.ts discovered)
  step(ctx, 'agent.2.3', n, slaveUnit(ctx, n), { text: `${leader} connected back to the agent at ${ctx.topo.ips[n]}:5051`, refs });
  onAgentReturned(ctx, n, { text, refs });
  networkSteps(ctx, n);
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
  if (!node.agentRegistered) return;
  node.agentRegistered = false;
  const id = ctx.topo.ids[n];
  const i = ctx.s.registered.indexOf(id);
  if (i >= 0) ctx.s.registered.splice(i, 1);
  emit(ctx, { type: 'agent', node: id, registered: false, cause });
}

export function onAgentsLeaderLost(ctx: Ctx, cause: Cause): void {
  // Everyone at once (O(agents), not O(agents^2) through unregister's list removal). The old leader's ping
  // countdowns die with it: with no leader, nobody can mark an agent unreachable.
  const ids = ctx.s.registered;
  ctx.s.registered = [];
  for (let n = ctx.topo.masters; n < ctx.topo.ids.length; n++) ctx.s.nodes[n].silentSinceMs = -1;
  for (const id of ids) {
    ctx.s.nodes[nodeAt(ctx, id)].agentRegistered = false;
    const text = `${id} lost the leading master (${cause.text}); DISCONNECTED, tasks keep running`;
    emit(ctx, { type: 'agent', node: id, registered: false, cause: { text, refs: ['fact:mesos-leader'] } });
  }
}

export function onAgentsLeaderElected(ctx: Ctx): void {
  for (let n = ctx.topo.masters; n < ctx.topo.ids.length; n++) {
    const node = ctx.s.nodes[n];
    detect(ctx, n);
    // The new leader recovered every admitted agent from the registry; each must re-register within 10 min.
    if (!node.agentUnreachable && node.steps['agent.2.2'] === 1) schedule(ctx, AGENT_REREGISTER_TIMEOUT_MS, 'reregTimeout', n, ctx.s.mesos.leaderEpoch, node.linkEpoch);
  }
}

export function reregTimeout(ctx: Ctx, n: number, lep: number, e: number): void {
  const node = ctx.s.nodes[n];
  if (node.agentRegistered || node.agentUnreachable || node.linkEpoch !== e || lep !== ctx.s.mesos.leaderEpoch || ctx.s.mesos.leader < 0) return;
  const id = ctx.topo.ids[n];
  markUnreachable(ctx, n, lep, e, { text: `${id} did not re-register within 10 min of the leader failover (agent_reregister_timeout): marked unreachable`, refs: [id, 'fact:mesos-leader'] });
}

/** An agent's link changed (partition, heal, power off, power on). */
export function onAgentLinkChanged(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.partitioned || !node.up) onAgentCut(ctx, n);
  else onAgentHealed(ctx, n);
}

/** Partition or power-off of an agent: its pings go unanswered; a power-off also kills its tasks. */
function onAgentCut(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (!node.up) node.bootEpoch++;
  if (node.agentRegistered || node.silentSinceMs >= 0) startSilence(ctx, n);
}

/** Partition healed or node powered on: a live registered agent answers pings again; otherwise it (re)registers. */
function onAgentHealed(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.agentRegistered && isUp(ctx, n, slaveUnit(ctx, n))) endSilence(ctx, n);
  else detect(ctx, n);
}

/** The leader's ping countdown ran out (300 s), the failover re-registration window closed, or a permit is due. */
export function unreachable(ctx: Ctx, n: number, lep: number, e: number): void {
  const node = ctx.s.nodes[n];
  if (node.linkEpoch !== e || node.agentUnreachable) return;
  const id = ctx.topo.ids[n];
  const text = node.silentSinceMs >= 0
    ? `${id} marked unreachable: no answer to 20 pings x 15 s (300 s)`
    : `${id} marked unreachable: it did not re-register after the leader failover`;
  markUnreachable(ctx, n, lep, e, { text, refs: [id] });
}

/** Mark agent n unreachable if the rate limiter allows it now; otherwise retry when the next permit is due. */
function markUnreachable(ctx: Ctx, n: number, lep: number, e: number, cause: Cause): void {
  if (lep !== ctx.s.mesos.leaderEpoch || ctx.s.mesos.leader < 0) return;
  const wait = takeRemovalPermit(ctx);
  if (wait >= 0) {
    scheduleAt(ctx, wait, 'unreachable', n, lep, e);
    return;
  }
  const node = ctx.s.nodes[n];
  const id = ctx.topo.ids[n];
  if (node.agentRegistered) {
    node.agentRegistered = false;
    const i = ctx.s.registered.indexOf(id);
    if (i >= 0) ctx.s.registered.splice(i, 1);
  }
  node.agentUnreachable = true;
  node.silentSinceMs = -1;
  ctx.s.unreachable.push(id);
  emit(ctx, { type: 'agent', node: id, registered: false, unreachable: true, cause });
  onAgentUnreachable(ctx, n, cause);
}
