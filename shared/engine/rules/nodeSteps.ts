// Boot Sequence steps that are facts about a node, fired when the simulated cluster has really done them, not when
// a unit merely starts: dcos-net's VIP translation and overlay (dcos-l4lb and dcos-overlay need the Mesos state and
// the overlay subnet the Mesos overlay module hands out, so they wait for a Mesos leader and, on agents, for the
// local agent's registration) and "Logging and Metrics components start" (both the log and the metrics unit are up).
// Called whenever one of those inputs may have changed; each step fires once per node (ctx.step).
import type { Ctx } from '../ctx.ts';
import { isMaster, isUp, step } from '../ctx.ts';

/** VIP translation and overlay on node n, once dcos-net runs and Mesos has handed it what it programs. */
export function networkSteps(ctx: Ctx, n: number): void {
  const s = ctx.s;
  const master = isMaster(ctx, n);
  if (s.nodes[n].steps[master ? 'master.5.3' : 'agent.3.3'] === 1) return; // done once per node
  if (!isUp(ctx, n, 'dcos-net') || s.mesos.leader < 0) return;
  // Each dcos-net talks to its own node's Mesos process (dcos-l4lb polls the local Mesos state; dcos-overlay asks the
  // local overlay module): on a master the local Mesos master must run, on an agent the agent must be registered.
  if (master ? !isUp(ctx, n, 'dcos-mesos-master') : !s.nodes[n].agentRegistered) return;
  const via = master ? `the local Mesos master (leader: ${ctx.topo.ids[s.mesos.leader]})` : `the local Mesos agent, registered with ${ctx.topo.ids[s.mesos.leader]}`;
  const refs = [`${ctx.topo.ids[n]}/dcos-net`, 'fact:mesos-leader'];
  step(ctx, master ? 'master.5.2' : 'agent.3.2', n, 'dcos-net', { text: `dcos-l4lb on ${ctx.topo.ids[n]} read the task list from ${via} and programmed IPVS for VIPs`, refs });
  step(ctx, master ? 'master.5.3' : 'agent.3.3', n, 'dcos-net', { text: `dcos-overlay on ${ctx.topo.ids[n]} got its overlay subnet from ${via} and configured the vtep`, refs });
}

/** Every node whose networking may now be programmable (a Mesos leader was elected). */
export function networkStepsAll(ctx: Ctx): void {
  for (let n = 0; n < ctx.topo.ids.length; n++) networkSteps(ctx, n);
}

const LOGGING: Record<string, [string, string]> = { master: ['dcos-log-master', 'dcos-metrics-master'], agent: ['dcos-log-agent', 'dcos-metrics-agent'], agent_public: ['dcos-log-agent', 'dcos-metrics-agent'] };

/** "Logging and Metrics components start": both the log API and the metrics unit of node n are up. */
export function loggingStep(ctx: Ctx, n: number): void {
  const [log, metrics] = LOGGING[ctx.topo.roles[n]];
  if (ctx.s.nodes[n].steps[isMaster(ctx, n) ? 'master.7' : 'agent.4'] === 1) return; // done once per node
  if (!isUp(ctx, n, log) || !isUp(ctx, n, metrics)) return;
  const id = ctx.topo.ids[n];
  step(ctx, isMaster(ctx, n) ? 'master.7' : 'agent.4', n, metrics, { text: `${log} and ${metrics} are active on ${id}`, refs: [`${id}/${log}`, `${id}/${metrics}`] });
}
