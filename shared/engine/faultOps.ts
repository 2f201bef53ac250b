// The engine half of the fault registry: for every fault kind, what applying it does to the simulation and how
// it is undone (by its opposite, e.g. start for stop, or by `clear`). A mapped Record over FaultKind, so a kind
// added to the registry (shared/model/faults) without its operations does not compile.
// Invariants: apply runs only after validation and applicability passed (faults.ts), so it may assume the
// target exists and the fault makes sense; undo receives the active fault still in state.faults and must end
// it (emit `active: false`) before its effect is re-evaluated.
import type { ActiveFault, FaultKind } from './types.ts';
import type { FaultOf } from '../model/faults/registry.ts';
import type { Ctx } from './ctx.ts';
import { unitIndex, nodeAt } from './ctx.ts';
import { down, shiftReady, transition, wake } from './rules/units.ts';
import { stopOutcome } from '../model/catalog.ts';
import { afterZkChange, end, nodeFault, onUnit, restartNote, startUnit } from './faultEffects.ts';

export interface EngineFaultOps<F> {
  apply(ctx: Ctx, fault: F, id: string): void;
  /** End the active fault `active` and take its effect back; `by` is the id of the fault (or clear) doing it. */
  undo(ctx: Ctx, active: ActiveFault & { fault: F }, by: string): void;
}

type OpsTable = { [K in FaultKind]: EngineFaultOps<FaultOf<K>> };

/** One-shot kinds never stay active, so there is nothing to undo. */
const oneShot = (): void => undefined;

const at = (ctx: Ctx, f: { node: string; unit: string }) => {
  const n = nodeAt(ctx, f.node);
  return { n, u: unitIndex(ctx, n, f.unit) };
};

const endThis = (ctx: Ctx, a: ActiveFault, why: string) => end(ctx, (x) => x.id === a.id, why);

export const FAULT_OPS: OpsTable = {
  kill: {
    apply(ctx, f, id) {
      const { n, u } = at(ctx, f);
      end(ctx, (a) => onUnit(a.fault, 'hang', f.node, f.unit), 'the process was killed');
      down(ctx, n, u, 'failed', { text: `killed (SIGKILL): the process died; ${restartNote(ctx, n, u)}`, refs: [id] });
    },
    undo: oneShot,
  },
  stop: {
    apply(ctx, f, id) {
      const { n, u } = at(ctx, f);
      end(ctx, (a) => onUnit(a.fault, 'hang', f.node, f.unit), 'the unit was stopped');
      ctx.s.nodes[n].units[u].stopped = true;
      // The process's exit on its KillSignal decides the systemd state (catalog stopExit): inactive, or failed.
      const { to, text } = stopOutcome(f.unit);
      down(ctx, n, u, to, { text, refs: [id] });
    },
    undo(ctx, a, by) {
      const { n, u } = at(ctx, a.fault);
      startUnit(ctx, n, u, by);
    },
  },
  // Its effect is the undo of the stop it ends (registry: stop.undoneBy = ['start']); the fallback covers a unit
  // that is stopped without an active stop fault on record.
  start: {
    apply(ctx, f, id) {
      const { n, u } = at(ctx, f);
      if (ctx.s.nodes[n].units[u].stopped) startUnit(ctx, n, u, id);
    },
    undo: oneShot,
  },
  hang: {
    apply(ctx, f, id) {
      const { n, u } = at(ctx, f);
      ctx.s.nodes[n].units[u].hung = true;
      transition(ctx, n, u, 'unhealthy', { text: 'hung: the process is up but does not answer (dependents see it as down)', refs: [id] });
    },
    undo(ctx, a, by) {
      const { n, u } = at(ctx, a.fault);
      endThis(ctx, a, 'cleared');
      const rt = ctx.s.nodes[n].units[u];
      if (rt.hung && rt.state === 'unhealthy') {
        rt.hung = false;
        rt.resumed = true;
        transition(ctx, n, u, 'healthy', { text: 'answering again (hang cleared)', refs: [by] });
        rt.resumed = false;
      }
    },
  },
  delay: {
    apply(ctx, f, id) {
      const { n, u } = at(ctx, f);
      const rt = ctx.s.nodes[n].units[u];
      end(ctx, (a) => a.id !== id && onUnit(a.fault, 'delay', f.node, f.unit), 'replaced by a new delay');
      rt.delayMs = f.ms;
      // Already launching: the new delay replaces whatever delay its ready time carried.
      shiftReady(ctx, n, u, f.ms - rt.delayedMs);
    },
    undo(ctx, a) {
      const { n, u } = at(ctx, a.fault);
      ctx.s.nodes[n].units[u].delayMs = 0;
      endThis(ctx, a, 'cleared');
      shiftReady(ctx, n, u, -ctx.s.nodes[n].units[u].delayedMs);
    },
  },
  partition: {
    apply: (ctx, f, id) => nodeFault(ctx, 'partition', nodeAt(ctx, f.node), id),
    undo: (ctx, a, by) => nodeFault(ctx, 'heal', nodeAt(ctx, a.fault.node), by),
  },
  // Heal and boot are the undo of the partition / crash they end (undoneBy in the registry), with the same fallback.
  heal: {
    apply(ctx, f, id) {
      const n = nodeAt(ctx, f.node);
      if (ctx.s.nodes[n].partitioned) nodeFault(ctx, 'heal', n, id);
    },
    undo: oneShot,
  },
  crash: {
    apply: (ctx, f, id) => nodeFault(ctx, 'crash', nodeAt(ctx, f.node), id),
    undo: (ctx, a, by) => nodeFault(ctx, 'boot', nodeAt(ctx, a.fault.node), by),
  },
  boot: {
    apply(ctx, f, id) {
      const n = nodeAt(ctx, f.node);
      if (!ctx.s.nodes[n].up) nodeFault(ctx, 'boot', n, id);
    },
    undo: oneShot,
  },
  // Starts read the factor when they launch (rules/units.ts); ZooKeeper on a master re-counts who serves.
  'slow-disk': {
    apply(ctx, f) {
      if (nodeAt(ctx, f.node) < ctx.topo.masters) afterZkChange(ctx);
    },
    undo(ctx, a) {
      endThis(ctx, a, 'cleared (the disk keeps up again)');
      if (nodeAt(ctx, a.fault.node) < ctx.topo.masters) afterZkChange(ctx);
    },
  },
  // check-time reads it at the next (re)start (rules/gates.ts); units looping on it retry once it is synced.
  'clock-unsync': {
    apply: oneShot,
    undo(ctx, a) {
      endThis(ctx, a, 'cleared (NTP synchronised the clock)');
      wake(ctx, `clock:${nodeAt(ctx, a.fault.node)}`);
    },
  },
  clear: {
    apply(ctx, _f, id) {
      for (const a of ctx.s.faults.slice()) {
        if (ctx.s.faults.some((f) => f.id === a.id)) opsFor(a.fault.kind).undo(ctx, a, id);
      }
    },
    undo: oneShot,
  },
};

/** The operations for a kind, typed for any fault (each is only ever called with its own kind). */
export function opsFor(kind: FaultKind): EngineFaultOps<FaultOf<FaultKind>> {
  return FAULT_OPS[kind] as unknown as EngineFaultOps<FaultOf<FaultKind>>;
}
