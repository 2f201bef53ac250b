// Services after boot (Boot Sequence "Services" / "Scheduler services"): once Marathon is registered and agents
// are offered, Marathon runs a default workload: app /nginx (2 instances) and the scheduler service /kafka,
// which itself discovers the leader through Mesos-DNS, registers, receives offers and launches 1-3 brokers.
// Placement: registered private agents with a free CPU (AGENT_CPUS each, 1 per task) [inferred sizes].
// What happens to tasks when their agent goes away and comes back lives in rules/taskRecovery.ts.
// Invariants: a task holds one of its agent's cpus while staging, running or unreachable; Marathon counts an
// unreachable instance as live until it is inactive (300 s), so a replacement launches only then.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import type { TaskRt } from '../state.ts';
import { emit, isUp, schedule, step, nodeAt } from '../ctx.ts';
import { SCHEDULER_INIT_MS, TASK_START_MS } from '../../model/timings.ts';
import { between, keyedBetween, pick, PURPOSE } from '../rng.ts';
import { resolveOn } from './dns.ts';

export const AGENT_CPUS = 4;
export const NGINX_INSTANCES = 2;
export const KAFKA_BROKERS: [number, number] = [1, 3];
export const NGINX = '/nginx';
export const KAFKA = '/kafka';
export const BROKER = '/kafka/broker';

/** Instances its scheduler counts: staging, running, and unreachable ones not yet inactive (Marathon) or ever (SDK). */
function live(ctx: Ctx, service: string): number {
  let c = 0;
  for (const t of ctx.s.tasks) if (t.service === service && countsAsLive(t)) c++;
  return c;
}

function countsAsLive(t: TaskRt): boolean {
  if (t.state === 'staging' || t.state === 'running') return true;
  if (t.state !== 'unreachable') return false;
  // The Kafka scheduler (dcos-commons SDK) pins brokers to their agent's reserved resources and never moves them
  // on its own (an operator runs `pod replace`); Marathon replaces an instance once it is inactive.
  return t.service === BROKER || !t.inactive;
}

function place(ctx: Ctx, service: string, cause: Cause): boolean {
  const reg = ctx.s.registered;
  if (reg.length === 0) return false;
  const start = pick(ctx.s, 'tasks', reg.length);
  for (let k = 0; k < reg.length; k++) {
    const id = reg[(start + k) % reg.length];
    const n = nodeAt(ctx, id);
    const node = ctx.s.nodes[n];
    if (ctx.topo.roles[n] !== 'agent' || node.freeCpus < 1) continue;
    node.freeCpus--;
    const task: TaskRt = { id: `${service.slice(1).replace('/', '-')}.${++ctx.s.taskSeq}`, service, node: id, state: 'staging', nodeIndex: n, bootEpoch: node.bootEpoch, unreachableSinceMs: -1, inactive: false, expunged: false };
    ctx.s.tasks.push(task);
    emit(ctx, { type: 'task', service, task: task.id, node: id, state: 'staging', cause });
    schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.taskStart, ctx.s.tasks.length - 1, 0, 0, TASK_START_MS), 'taskRun', n, ctx.s.tasks.length - 1, ctx.s.nodes[n].linkEpoch);
    return true;
  }
  return false;
}

/** Launch what is missing: Marathon's apps while it is registered, brokers while Kafka is registered. */
export function reconcile(ctx: Ctx): void {
  const s = ctx.s;
  if (!s.services.deployed || s.mesos.leader < 0) return;
  if (s.marathon.registered) {
    const offer: Cause = { text: `${ctx.topo.ids[s.mesos.leader]} offers agent resources to Marathon`, refs: ['fact:mesos-leader', 'fact:marathon-leader'] };
    for (let i = live(ctx, NGINX); i < NGINX_INSTANCES; i++) {
      step(ctx, 'service.1', -1, null, offer);
      if (!place(ctx, NGINX, { text: 'Marathon launches an instance of /nginx on an offer', refs: ['fact:marathon-leader'] })) break;
      step(ctx, 'service.2', -1, null, { text: 'Marathon scheduled /nginx onto an agent with a free CPU', refs: ['fact:marathon-leader'] });
    }
    if (live(ctx, KAFKA) === 0) {
      step(ctx, 'scheduler.1', -1, null, offer);
      if (place(ctx, KAFKA, { text: 'Marathon launches the /kafka scheduler on an offer', refs: ['fact:marathon-leader'] })) {
        step(ctx, 'scheduler.2', -1, null, { text: 'Marathon scheduled the /kafka scheduler onto an agent with a free CPU', refs: ['fact:marathon-leader'] });
      }
    }
  }
  if (s.services.kafkaRegistered) {
    for (let i = live(ctx, BROKER); i < s.services.brokersWanted; i++) {
      if (!place(ctx, BROKER, { text: 'the /kafka scheduler launches a broker on an offer', refs: ['fact:mesos-leader'] })) break;
    }
  }
}

export function onMarathonRegistered(ctx: Ctx): void {
  ctx.s.services.deployed = true;
  for (const id of ctx.s.registered.slice()) {
    const n = nodeAt(ctx, id);
    step(ctx, 'agent.2.4', n, null, { text: `${ctx.topo.ids[ctx.s.mesos.leader]} offered ${id}'s resources to Marathon`, refs: ['fact:mesos-leader', 'fact:marathon-leader'] });
  }
  reconcile(ctx);
}

export function onAgentOffered(ctx: Ctx, _n: number): void {
  reconcile(ctx);
}

export function taskRun(ctx: Ctx, n: number, ti: number, e: number): void {
  const t = ctx.s.tasks[ti];
  if (!t || t.state !== 'staging' || ctx.s.nodes[n].linkEpoch !== e || !ctx.s.nodes[n].up) return;
  t.state = 'running';
  emit(ctx, { type: 'task', service: t.service, task: t.id, node: t.node, state: 'running', cause: { text: `Mesos agent on ${t.node} started ${t.id} in a container`, refs: [t.node] } });
  const c: Cause = { text: `${t.id} running on ${t.node}`, refs: [t.node] };
  if (t.service === NGINX) step(ctx, 'service.3', -1, null, c);
  if (t.service === KAFKA) {
    step(ctx, 'scheduler.3', -1, null, c);
    ctx.s.services.kafkaEpoch++;
    schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.schedulerInit, ti, 0, ctx.s.services.kafkaEpoch, SCHEDULER_INIT_MS), 'schedInit', n, ti, ctx.s.services.kafkaEpoch);
  }
}

/** The Kafka scheduler looks up leader.mesos on its agent, registers, and gets offers. */
export function schedInit(ctx: Ctx, n: number, ti: number, e: number): void {
  const s = ctx.s;
  const t = s.tasks[ti];
  if (!t || t.state !== 'running' || s.services.kafkaEpoch !== e) return;
  const dnsUp = isUp(ctx, n, 'dcos-net') && resolveOn(ctx, n, 'leader.mesos').ok;
  if (!dnsUp || s.mesos.leader < 0) {
    schedule(ctx, 5_000, 'schedInit', n, ti, e);
    return;
  }
  const leader = ctx.topo.ids[s.mesos.leader];
  step(ctx, 'scheduler.4', -1, null, { text: `/kafka on ${t.node} resolved leader.mesos to ${s.dns.values['leader.mesos']}`, refs: ['fact:leader.mesos'] });
  step(ctx, 'scheduler.5', -1, null, { text: `/kafka registered as a framework with ${leader}`, refs: ['fact:mesos-leader'] });
  step(ctx, 'scheduler.6', -1, null, { text: `${leader} offers agent resources to /kafka`, refs: ['fact:mesos-leader'] });
  s.services.kafkaRegistered = true;
  s.services.kafkaTask = ti;
  if (s.services.brokersWanted === 0) s.services.brokersWanted = between(s, 'tasks', KAFKA_BROKERS);
  reconcile(ctx);
}
