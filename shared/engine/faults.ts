// Fault commands (architecture.md §2) through the fault registry: static validation and applicability come from
// the registry's data half (shared/model/faults, shared with the server, the CLI and the web menu), the effects
// from its engine half (faultOps.ts). Each applied fault emits a `fault` event whose id "fault:<seq>" every
// consequence's cause can ref; persistent faults stay in state.faults until undone by their opposite (start,
// heal, boot) or `clear`, which emit `active: false` with the same id.
// Invariant: a rejected fault changes nothing (every check runs before the first mutation).
import type { Fault, FaultBy } from './types.ts';
import type { FaultSubject } from '../model/faults/spec.ts';
import type { Ctx } from './ctx.ts';
import { emit, unitIndex, nodeAt } from './ctx.ts';
import { describeFault, faultApplicable, isPersistent, undoes, validateFault } from '../model/faults/registry.ts';
import { opsFor } from './faultOps.ts';

export { describeFault, validateFault };

/** The facts applicability reads, from engine state (the web builds the same from its ClusterView). */
function subjectOf(ctx: Ctx, fault: Fault): FaultSubject {
  if (!('node' in fault)) return { node: null, unit: null, active: ctx.s.faults };
  const n = nodeAt(ctx, fault.node);
  const node = ctx.s.nodes[n];
  const u = 'unit' in fault ? unitIndex(ctx, n, fault.unit) : -1;
  return { node: { up: node.up, partitioned: node.partitioned }, unit: u >= 0 ? { state: node.units[u].state } : null, active: ctx.s.faults };
}

/** State-dependent checks: does the fault make sense now? null = applicable. */
export function checkApplicable(ctx: Ctx, fault: Fault): string | null {
  return faultApplicable(fault, subjectOf(ctx, fault));
}

/** `by` (who issued it) goes on its event and on the active fault, and on the events of faults it ends. */
export function injectFault(ctx: Ctx, fault: Fault, by: FaultBy): string | null {
  const err = validateFault(ctx.s.cluster, fault) ?? checkApplicable(ctx, fault);
  if (err) return err;
  const id = `fault:${ctx.s.seq + 1}`;
  ctx.by = by;
  emit(ctx, { type: 'fault', fault: { ...fault }, active: true, id, cause: { text: describeFault(fault), refs: [id] }, by: { ...by } });
  if (isPersistent(fault.kind)) ctx.s.faults.push({ id, fault: { ...fault }, sinceMs: ctx.s.simTimeMs, by: { ...by } });
  // start ends the stop of its unit, heal the partition and boot the crash of its node: their undo is the effect.
  for (const a of ctx.s.faults.slice()) {
    if (a.id !== id && undoes(fault, a.fault) && ctx.s.faults.includes(a)) opsFor(a.fault.kind).undo(ctx, a, id);
  }
  opsFor(fault.kind).apply(ctx, fault, id);
  return null;
}
