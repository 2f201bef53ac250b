// What each fault does to the simulated cluster, and how it is undone (start, heal, boot, clear). Every
// consequence's cause refs the fault id so explain() can walk back to it.
import type { ActiveFault, Fault } from './types.ts';
import type { Ctx } from './ctx.ts';
import { emit, schedule, unitIndex } from './ctx.ts';
import { nodeIndex } from '../model/cluster.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';
import { NODE_BOOT_JITTER_MS } from '../model/timings.ts';
import { between } from './rng.ts';
import { down, exec, killUnit, shiftReady, transition, wake } from './rules/units.ts';
import { recompute } from './rules/zookeeper.ts';
import { onZkAccessChanged } from './rules/mesos.ts';
import { onDnsLeaderChange, recomputeGlobal } from './rules/dns.ts';
import { onAgentCut, onAgentHealed } from './rules/agents.ts';
import { describeFault } from './faults.ts';

/** The longest delay a fault may add (one hour), same bound as the protocol schema. */
export const MAX_DELAY_MS = 3_600_000;

/** A hung process died or was restarted: its hang fault is over. */
export function endHang(ctx: Ctx, n: number, u: number, why: string): void {
  const nodeId = ctx.topo.ids[n];
  const unit = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  end(ctx, (a) => onUnit(a.fault, 'hang', nodeId, unit), why);
}

function end(ctx: Ctx, pred: (f: ActiveFault) => boolean, why: string): void {
  const keep: ActiveFault[] = [];
  for (const f of ctx.s.faults) {
    if (!pred(f)) {
      keep.push(f);
      continue;
    }
    emit(ctx, { type: 'fault', fault: f.fault, active: false, id: f.id, cause: { text: `${describeFault(f.fault)} ended: ${why}`, refs: [f.id] } });
  }
  ctx.s.faults = keep;
}

const onUnit = (f: Fault, kind: string, node: string, unit?: string) =>
  f.kind === kind && 'node' in f && f.node === node && (unit === undefined || ('unit' in f && (f as { unit: string }).unit === unit));

export function applyFault(ctx: Ctx, f: Fault, id: string): void {
  if (f.kind === 'clear') return clearAll(ctx, id);
  const n = nodeIndex(ctx.s.cluster, f.node);
  if (f.kind === 'partition' || f.kind === 'heal' || f.kind === 'crash' || f.kind === 'boot') return nodeFault(ctx, f.kind, n, id);
  const uf = f as Extract<Fault, { unit: string }>;
  const u = unitIndex(ctx, n, uf.unit);
  const rt = ctx.s.nodes[n].units[u];
  const refs = [id];
  switch (f.kind) {
    case 'kill':
      end(ctx, (a) => onUnit(a.fault, 'hang', f.node, f.unit), 'the process was killed');
      down(ctx, n, u, 'failed', { text: `killed (SIGKILL): the process died; ${restartNote(ctx, n, u)}`, refs });
      break;
    case 'stop':
      end(ctx, (a) => onUnit(a.fault, 'hang', f.node, f.unit), 'the unit was stopped');
      rt.stopped = true;
      down(ctx, n, u, 'stopped', { text: 'stopped (systemd reports inactive, which dcos-diagnostics 1.11 counts as healthy)', refs });
      break;
    case 'start':
      startUnit(ctx, n, u, id);
      break;
    case 'delay':
      end(ctx, (a) => a.id !== id && onUnit(a.fault, 'delay', f.node, f.unit), 'replaced by a new delay');
      rt.delay = f.ms;
      // Already launching: the new delay replaces whatever delay its ready time carried.
      shiftReady(ctx, n, u, f.ms - rt.delayed);
      break;
    case 'hang':
      rt.hung = true;
      transition(ctx, n, u, 'unhealthy', { text: 'hung: the process is up but does not answer (dependents see it as down)', refs });
      break;
  }
}

function restartNote(ctx: Ctx, n: number, u: number): string {
  const spec = UNIT_CATALOG[ctx.topo.unitIds[ctx.topo.roles[n]][u]];
  if (spec.restart === 'no') return `its .timer runs it again within ${(spec.timerMs ?? 0) / 1000} s`;
  return `systemd restarts it after RestartSec=${spec.restartSec / 1000}s`;
}

function startUnit(ctx: Ctx, n: number, u: number, id: string): void {
  const nodeId = ctx.topo.ids[n];
  const unit = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  end(ctx, (a) => onUnit(a.fault, 'stop', nodeId, unit), 'started again');
  ctx.s.nodes[n].units[u].stopped = false;
  exec(ctx, n, u, { text: 'systemctl start: ExecStartPre gates running', refs: [id] });
}

function nodeFault(ctx: Ctx, kind: 'partition' | 'heal' | 'crash' | 'boot', n: number, id: string): void {
  const node = ctx.s.nodes[n];
  const nodeId = ctx.topo.ids[n];
  const master = n < ctx.topo.masters;
  const refs = [id];
  node.dirty = true;
  if (kind === 'partition') {
    node.part = true;
    emit(ctx, { type: 'power', node: nodeId, up: node.up, partitioned: true, cause: { text: `${nodeId} is cut off from every other node`, refs } });
    if (master) {
      for (const unit of ['dcos-marathon', 'dcos-metronome']) {
        delete ctx.s.zkConn[`${n}:${unit}`];
        killUnit(ctx, n, unit, { text: `exited (code 101): ZooKeeper connection SUSPENDED (${nodeId} is partitioned)`, refs });
      }
    }
    afterNetworkChange(ctx, n);
  } else if (kind === 'heal') {
    end(ctx, (a) => onUnit(a.fault, 'partition', nodeId), 'healed');
    node.part = false;
    emit(ctx, { type: 'power', node: nodeId, up: node.up, partitioned: false, cause: { text: `${nodeId} is reconnected`, refs } });
    afterNetworkChange(ctx, n);
    wake(ctx, `heal:${n}`);
  } else if (kind === 'crash') {
    node.up = false;
    emit(ctx, { type: 'power', node: nodeId, up: false, partitioned: node.part, cause: { text: `${nodeId} powered off (all units down)`, refs } });
    for (let u = 0; u < node.units.length; u++) {
      end(ctx, (a) => onUnit(a.fault, 'hang', nodeId, ctx.topo.unitIds[ctx.topo.roles[n]][u]), 'the node powered off');
      const st = node.units[u].st;
      // A unit stopped by a fault stays stopped (and inactive) across the power cycle.
      if (st !== 'pending' && st !== 'stopped') down(ctx, n, u, 'pending', { text: `pending: ${nodeId} is powered off`, refs });
      else node.units[u].ep++;
    }
    afterNetworkChange(ctx, n);
  } else {
    end(ctx, (a) => onUnit(a.fault, 'crash', nodeId), 'booted');
    node.up = true;
    emit(ctx, { type: 'power', node: nodeId, up: true, partitioned: node.part, cause: { text: `${nodeId} powered on; systemd starts dcos.target`, refs } });
    schedule(ctx, between(ctx.s, NODE_BOOT_JITTER_MS), 'boot', n, -1, -1);
    afterNetworkChange(ctx, n);
  }
}

function afterNetworkChange(ctx: Ctx, n: number): void {
  if (n < ctx.topo.masters) {
    recompute(ctx);
    onZkAccessChanged(ctx);
    onDnsLeaderChange(ctx);
    recomputeGlobal(ctx);
    return;
  }
  const node = ctx.s.nodes[n];
  if (node.part || !node.up) onAgentCut(ctx, n);
  else onAgentHealed(ctx, n);
}

function clearAll(ctx: Ctx, id: string): void {
  const active = ctx.s.faults.slice();
  for (const a of active) {
    if (!ctx.s.faults.some((f) => f.id === a.id)) continue;
    const f = a.fault;
    if (f.kind === 'clear') continue;
    const n = nodeIndex(ctx.s.cluster, f.node);
    switch (f.kind) {
      case 'stop': startUnit(ctx, n, unitIndex(ctx, n, f.unit), id); break;
      case 'partition': nodeFault(ctx, 'heal', n, id); break;
      case 'crash': nodeFault(ctx, 'boot', n, id); break;
      case 'delay': {
        const u = unitIndex(ctx, n, f.unit);
        ctx.s.nodes[n].units[u].delay = 0;
        end(ctx, (x) => x.id === a.id, 'cleared');
        shiftReady(ctx, n, u, -ctx.s.nodes[n].units[u].delayed);
        break;
      }
      case 'hang': {
        const u = unitIndex(ctx, n, f.unit);
        end(ctx, (x) => x.id === a.id, 'cleared');
        const rt = ctx.s.nodes[n].units[u];
        if (rt.hung && rt.st === 'unhealthy') {
          rt.hung = false;
          rt.resumed = true;
          transition(ctx, n, u, 'healthy', { text: 'answering again (hang cleared)', refs: [id] });
          rt.resumed = false;
        }
        break;
      }
      default: break;
    }
  }
}
