// What happens in the cluster when a unit starts or stops answering: the one dispatch from unit lifecycle to the
// concern rules (zookeeper, mesos, dns, marathon, agents, adminrouter, diagnostics). Also emits the Boot Sequence
// steps that are simply "X starts". Listens to the unitUp / unitDown facts (wiring.ts), which transition() publishes
// exactly on entering/leaving healthy; nothing imports this module but the wiring.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { ref, schedule, step, unitAt } from '../ctx.ts';
import { ADMINROUTER_FIRST_POLL_MS } from '../../model/timings.ts';
import { UNIT_CATALOG } from '../../model/catalog.ts';
import { wakeUnit } from './units.ts';
import { onExhibitorDown, onExhibitorUp } from './zookeeper.ts';
import { onMesosMasterDown, onMesosMasterUp } from './mesos.ts';
import { forwardStep, onMesosDnsDown, onMesosDnsUp, onNetDown, onNetUp } from './dns.ts';
import { onMarathonDown, onMarathonUp, onZkClientUp } from './marathon.ts';
import { onSlaveDown, onSlaveUp } from './agents.ts';
import { ensurePull } from './diagnostics.ts';
import { resetArCache } from './adminrouter.ts';
import { watchNet } from './watchdog.ts';
import { loggingStep, networkSteps } from './nodeSteps.ts';

/** "X is active": built only for the units whose start is a step of its own (most of the 111k at 10k agents are not). */
function active(ctx: Ctx, n: number, id: string): Cause {
  return { text: `${id} is active`, refs: [ref(ctx, n, id)] };
}

export function onUp(ctx: Ctx, n: number, u: number): void {
  const id = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  const master = n < ctx.topo.masters;
  switch (id) {
    case 'dcos-exhibitor': onExhibitorUp(ctx, n); break;
    case 'dcos-net':
      step(ctx, master ? 'master.5' : 'agent.3', n, id, active(ctx, n, id));
      forwardStep(ctx, n);
      networkSteps(ctx, n);
      onNetUp(ctx, n);
      break;
    case 'dcos-mesos-master': onMesosMasterUp(ctx, n); break;
    case 'dcos-mesos-dns': onMesosDnsUp(ctx, n); break;
    case 'dcos-marathon': onMarathonUp(ctx, n); break;
    case 'dcos-diagnostics': {
      const c = active(ctx, n, id);
      step(ctx, master ? 'master.1' : 'agent.1', n, id, c);
      step(ctx, master ? 'master.1.1' : 'agent.1.1', n, id, { text: `dcos-diagnostics on ${ctx.topo.ids[n]} reads unit states from systemd over D-Bus`, refs: c.refs });
      if (master) ensurePull(ctx);
      break;
    }
    case 'dcos-oauth': step(ctx, 'master.8', n, id, active(ctx, n, id)); break;
    case 'dcos-metrics-master':
    case 'dcos-metrics-agent':
    case 'dcos-log-master':
    case 'dcos-log-agent': loggingStep(ctx, n); break;
    case 'dcos-adminrouter':
      step(ctx, 'master.9', n, id, active(ctx, n, id));
      resetArCache(ctx, n);
      schedule(ctx, ADMINROUTER_FIRST_POLL_MS, 'arPoll', n, u, unitAt(ctx, n, id)?.epoch ?? -1);
      break;
    case 'dcos-adminrouter-agent':
      step(ctx, 'agent.5', n, id, active(ctx, n, id));
      step(ctx, 'agent.5.1', n, id, { text: `Admin Router Agent on ${ctx.topo.ids[n]} resolved leader.mesos through Mesos-DNS`, refs: ['fact:leader.mesos'] });
      break;
    case 'dcos-mesos-slave':
    case 'dcos-mesos-slave-public': onSlaveUp(ctx, n); break;
    default:
      // Other Curator clients (Metronome) only connect; Marathon's own handler connects and joins its election.
      if (UNIT_CATALOG[id]?.traits?.exitsOnZkSuspend) onZkClientUp(ctx, n, id);
  }
  wakeUnit(ctx, n, u);
}

export function onDown(ctx: Ctx, n: number, u: number, to: string): void {
  const id = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  switch (id) {
    case 'dcos-exhibitor': onExhibitorDown(ctx, n, to); break;
    case 'dcos-mesos-master': onMesosMasterDown(ctx, n, to); break;
    case 'dcos-mesos-dns': onMesosDnsDown(ctx, n); break;
    case 'dcos-marathon': onMarathonDown(ctx, n); break;
    case 'dcos-mesos-slave':
    case 'dcos-mesos-slave-public': onSlaveDown(ctx, n, to); break;
    case 'dcos-net':
      onNetDown(ctx, n, to);
      if (to === 'unhealthy') watchNet(ctx, n);
      break;
    default: if (UNIT_CATALOG[id]?.traits?.exitsOnZkSuspend) delete ctx.s.zkConn[`${n}:${id}`];
  }
}
