// The effects the fault operations (faultOps.ts) are built from: ending an active fault with its event, starting a
// stopped unit, a node's power / network changes and what the rest of the cluster makes of them. Every
// consequence's cause refs the fault id so explain() can walk back to it.
import { SCENARIO_BY, type ActiveFault, type Fault } from './types.ts';
import type { Ctx } from './ctx.ts';
import { emit, schedule } from './ctx.ts';
import { UNIT_CATALOG, unitsWithTrait } from '../model/catalog.ts';
import { NODE_BOOT_JITTER_MS } from '../model/timings.ts';
import { keyedBetween, PURPOSE } from './rng.ts';
import { down, exec, killUnit, wake } from './rules/units.ts';
import { publish } from './listeners.ts';
import { markDirty } from './diagDirty.ts';
import { describeFault } from '../model/faults/registry.ts';

/** A hung process died or was restarted: its hang fault is over. */
export function endHang(ctx: Ctx, n: number, u: number, why: string): void {
  const nodeId = ctx.topo.ids[n];
  const unit = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  end(ctx, (a) => onUnit(a.fault, 'hang', nodeId, unit), why);
}

export function end(ctx: Ctx, pred: (f: ActiveFault) => boolean, why: string): void {
  const keep: ActiveFault[] = [];
  for (const f of ctx.s.faults) {
    if (!pred(f)) {
      keep.push(f);
      continue;
    }
    // Ended by the command being applied (a start, heal, boot or clear), else (a natural end) by whoever began it.
    const by = ctx.by ?? f.by ?? SCENARIO_BY;
    emit(ctx, { type: 'fault', fault: f.fault, active: false, id: f.id, cause: { text: `${describeFault(f.fault)} ended: ${why}`, refs: [f.id] }, by: { ...by } });
  }
  ctx.s.faults = keep;
}

export const onUnit = (f: Fault, kind: string, node: string, unit?: string) =>
  f.kind === kind && 'node' in f && f.node === node && (unit === undefined || ('unit' in f && (f as { unit: string }).unit === unit));

export function restartNote(ctx: Ctx, n: number, u: number): string {
  const spec = UNIT_CATALOG[ctx.topo.unitIds[ctx.topo.roles[n]][u]];
  if (spec.restart === 'no') return `its .timer runs it again within ${(spec.timerMs ?? 0) / 1000} s`;
  return `systemd restarts it after RestartSec=${spec.restartSec / 1000}s`;
}

export function startUnit(ctx: Ctx, n: number, u: number, id: string): void {
  const nodeId = ctx.topo.ids[n];
  const unit = ctx.topo.unitIds[ctx.topo.roles[n]][u];
  end(ctx, (a) => onUnit(a.fault, 'stop', nodeId, unit), 'started again');
  ctx.s.nodes[n].units[u].stopped = false;
  exec(ctx, n, u, { text: 'systemctl start: ExecStartPre gates running', refs: [id] });
}

export function nodeFault(ctx: Ctx, kind: 'partition' | 'heal' | 'crash' | 'boot', n: number, id: string): void {
  const node = ctx.s.nodes[n];
  const nodeId = ctx.topo.ids[n];
  const master = n < ctx.topo.masters;
  const refs = [id];
  markDirty(ctx, n);
  if (kind === 'partition') {
    node.partitioned = true;
    emit(ctx, { type: 'power', node: nodeId, up: node.up, partitioned: true, cause: { text: `${nodeId} is cut off from every other node`, refs } });
    if (master) {
      for (const unit of unitsWithTrait('master', 'exitsOnZkSuspend')) {
        delete ctx.s.zkConn[`${n}:${unit}`];
        killUnit(ctx, n, unit, { text: `exited (code 101): ZooKeeper connection SUSPENDED (${nodeId} is partitioned)`, refs });
      }
    }
    afterNetworkChange(ctx, n);
  } else if (kind === 'heal') {
    end(ctx, (a) => onUnit(a.fault, 'partition', nodeId), 'healed');
    node.partitioned = false;
    emit(ctx, { type: 'power', node: nodeId, up: node.up, partitioned: false, cause: { text: `${nodeId} is reconnected`, refs } });
    afterNetworkChange(ctx, n);
    wake(ctx, `heal:${n}`);
  } else if (kind === 'crash') {
    node.up = false;
    emit(ctx, { type: 'power', node: nodeId, up: false, partitioned: node.partitioned, cause: { text: `${nodeId} powered off (all units down)`, refs } });
    for (let u = 0; u < node.units.length; u++) {
      end(ctx, (a) => onUnit(a.fault, 'hang', nodeId, ctx.topo.unitIds[ctx.topo.roles[n]][u]), 'the node powered off');
      const st = node.units[u].state;
      // A unit stopped by a fault stays stopped (inactive, or failed for a JVM) across the power cycle.
      if (st !== 'pending' && !node.units[u].stopped) down(ctx, n, u, 'pending', { text: `pending: ${nodeId} is powered off`, refs });
      else node.units[u].epoch++;
    }
    afterNetworkChange(ctx, n);
  } else {
    end(ctx, (a) => onUnit(a.fault, 'crash', nodeId), 'booted');
    node.up = true;
    emit(ctx, { type: 'power', node: nodeId, up: true, partitioned: node.partitioned, cause: { text: `${nodeId} powered on; systemd starts dcos.target`, refs } });
    schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.nodeBoot, n, 0, node.bootEpoch, NODE_BOOT_JITTER_MS), 'boot', n, -1, -1);
    afterNetworkChange(ctx, n);
  }
}

/** Which ZooKeeper servers count changed (a master cut off, powered off, or behind): everyone re-evaluates. */
export function afterZkChange(ctx: Ctx): void {
  publish(ctx, 'zkMembershipChanged');
}

function afterNetworkChange(ctx: Ctx, n: number): void {
  if (n < ctx.topo.masters) return afterZkChange(ctx);
  publish(ctx, 'agentLinkChanged', n);
}
