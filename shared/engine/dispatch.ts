// Runs one queued action: the single switch from action kind to rule. Stale actions (epoch moved on) are
// dropped inside the rules; availability and the monitoring master are recomputed after every action (O(masters)).
import type { Action } from './state.ts';
import type { Ctx } from './ctx.ts';
import { schedule } from './ctx.ts';
import { UNIT_START_JITTER_MS } from '../model/timings.ts';
import { keyedBetween, PURPOSE } from './rng.ts';
import { exec, ready, restartCause } from './rules/units.ts';
import { runGates } from './rules/launch.ts';
import { converge, zkStart } from './rules/zookeeper.ts';
import { elect, leaderExpire, recoveryTimeout, znodeGone } from './rules/mesos.ts';
import { dnsExit, dnsLoad, dnsRefresh } from './rules/dns.ts';
import { mElect, mReg, zkConnectTimeout } from './rules/marathon.ts';
import { agentReg, reregTimeout, unreachable } from './rules/agents.ts';
import { pull } from './rules/diagnostics.ts';
import { arPoll, updateAvailability } from './rules/adminrouter.ts';
import { updateMonitor } from './rules/monitor.ts';
import { schedInit, taskRun } from './rules/services.ts';
import { taskExpunge, taskInactive } from './rules/taskRecovery.ts';
import { watchdogProbe } from './rules/watchdog.ts';

const EXEC_CAUSE = { text: 'starting: systemd started dcos.target; ExecStartPre gates running' };

export function dispatch(ctx: Ctx, a: Action): void {
  const { node: n, unit: u, epoch: e } = a;
  switch (a.kind) {
    case 'boot': {
      const units = ctx.s.nodes[n].units;
      const keys = ctx.topo.unitKeys[ctx.topo.roles[n]];
      const boot = ctx.s.nodes[n].bootEpoch;
      for (let i = 0; i < units.length; i++) schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.unitJitter, n, keys[i], boot, UNIT_START_JITTER_MS), 'exec', n, i, units[i].epoch);
      break;
    }
    case 'exec': {
      const rt = ctx.s.nodes[n].units[u];
      if (rt.epoch !== e) break;
      exec(ctx, n, u, rt.state === 'failed' ? restartCause(ctx, n, u) : EXEC_CAUSE);
      break;
    }
    case 'gates': {
      const rt = ctx.s.nodes[n].units[u];
      if (rt.epoch === e && (rt.state === 'starting' || rt.state === 'waiting') && ctx.s.nodes[n].up) runGates(ctx, n, u);
      break;
    }
    case 'ready': {
      const rt = ctx.s.nodes[n].units[u];
      if (rt.epoch === e && rt.state === 'starting') ready(ctx, n, u);
      break;
    }
    case 'zkStart': if (ctx.s.zk.epoch[n] === e) zkStart(ctx, n); break;
    case 'converge': converge(ctx); break;
    case 'elect': elect(ctx); break;
    case 'recoveryTimeout': recoveryTimeout(ctx, n, e); break;
    case 'leaderExpire': leaderExpire(ctx, n, e); break;
    case 'dnsLoad': dnsLoad(ctx, n, e); break;
    case 'dnsRefresh': dnsRefresh(ctx, n, e); break;
    case 'dnsExit': dnsExit(ctx, n, e); break;
    case 'mElect': mElect(ctx); break;
    case 'mReg': mReg(ctx, n, e); break;
    case 'zkConnectTimeout': zkConnectTimeout(ctx, n, u, e); break;
    case 'agentReg': agentReg(ctx, n, u, e); break;
    case 'unreachable': unreachable(ctx, n, u, e); break;
    case 'taskInactive': taskInactive(ctx, n, u, e); break;
    case 'taskExpunge': taskExpunge(ctx, n, u, e); break;
    case 'reregTimeout': reregTimeout(ctx, n, u, e); break;
    case 'pull': pull(ctx, n, e); break;
    case 'arPoll': arPoll(ctx, n, u, e); break;
    case 'taskRun': taskRun(ctx, n, u, e); break;
    case 'schedInit': schedInit(ctx, n, u, e); break;
    case 'watchdog': watchdogProbe(ctx, n, u, e); break;
    case 'znodeGone': znodeGone(ctx, e); break;
  }
  updateAvailability(ctx);
  updateMonitor(ctx);
}
