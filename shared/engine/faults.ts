// Fault commands (architecture.md table): validation shared by server and CLI (validateFault: shape, node, unit,
// range) plus state checks (checkApplicable), and their effects. Each applied fault emits a `fault` event whose
// id "fault:<seq>" every consequence's cause can ref; persistent faults (stop, delay, hang, partition, crash) stay
// in state.faults until undone (start, heal, boot) or `clear`, which emits `active: false` with the same id.
// Invariant: a rejected fault changes nothing (checks run before any mutation).
import type { ClusterConfig, Fault, FaultKind } from './types.ts';
import type { Ctx } from './ctx.ts';
import { emit, unitIndex } from './ctx.ts';
import { describeNodes, nodeIndex, roleOfNode } from '../model/cluster.ts';
import { UNIT_CATALOG, unitsForRole } from '../model/catalog.ts';
import { MAX_DELAY_MS, applyFault } from './faultEffects.ts';

const UNIT_KINDS: FaultKind[] = ['kill', 'stop', 'start', 'hang', 'delay'];
const NODE_KINDS: FaultKind[] = ['partition', 'heal', 'crash', 'boot'];
const ALL_KINDS: FaultKind[] = [...UNIT_KINDS, ...NODE_KINDS, 'clear'];
export const PERSISTENT_KINDS: readonly FaultKind[] = ['stop', 'delay', 'hang', 'partition', 'crash'];

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** Static validation: null when the fault is well-formed for this cluster, else a readable message. */
export function validateFault(cluster: ClusterConfig, fault: Fault): string | null {
  if (typeof fault !== 'object' || fault === null) return 'a fault must be an object like {"kind":"kill","node":"master-1","unit":"dcos-exhibitor"}';
  const kind = (fault as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !ALL_KINDS.includes(kind as FaultKind)) return `unknown fault kind '${show(kind)}'; allowed: ${ALL_KINDS.join(', ')}`;
  if (kind === 'clear') return null;
  const node = (fault as { node?: unknown }).node;
  if (typeof node !== 'string' || nodeIndex(cluster, node) < 0) return `unknown node '${show(node)}'; nodes: ${describeNodes(cluster)}`;
  if (NODE_KINDS.includes(kind as FaultKind)) return null;
  const unit = (fault as { unit?: unknown }).unit;
  const role = roleOfNode(node);
  if (role === null) return `unknown node '${node}'; nodes: ${describeNodes(cluster)}`;
  const here = unitsForRole(role);
  if (typeof unit !== 'string' || !here.includes(unit)) {
    const spec = typeof unit === 'string' ? UNIT_CATALOG[unit] : undefined;
    if (spec) return `${unit} does not run on ${node} (${role}); it runs on: ${spec.roles.join(', ')} nodes`;
    return `unknown unit '${show(unit)}' on ${node}; units there: ${here.join(', ')}`;
  }
  if (kind === 'delay') {
    const ms = (fault as { ms?: unknown }).ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) return `delay must be between 0 and ${MAX_DELAY_MS} ms (a whole number)`;
  }
  return null;
}

/** State-dependent checks: does the fault make sense now? null = applicable. */
export function checkApplicable(ctx: Ctx, fault: Fault): string | null {
  if (fault.kind === 'clear') return null;
  const n = nodeIndex(ctx.s.cluster, fault.node);
  const node = ctx.s.nodes[n];
  switch (fault.kind) {
    case 'partition': return node.part ? `${fault.node} is already partitioned; heal it first` : null;
    case 'heal': return node.part ? null : `${fault.node} is not partitioned; nothing to heal`;
    case 'crash': return node.up ? null : `${fault.node} is already powered off; boot it`;
    case 'boot': return node.up ? `${fault.node} is already up` : null;
    default: break;
  }
  const rt = node.units[unitIndex(ctx, n, fault.unit)];
  const what = `${fault.unit} on ${fault.node}`;
  if (fault.kind === 'delay') return null;
  if (!node.up) return `${fault.node} is powered off; boot it first`;
  switch (fault.kind) {
    case 'kill':
      return rt.st === 'starting' || rt.st === 'healthy' || rt.st === 'unhealthy' ? null : `${what} has no running process to kill (state: ${rt.st}); kill needs starting, healthy or unhealthy`;
    case 'stop':
      return rt.stopped ? `${what} is already stopped; use start` : null;
    case 'start':
      return rt.stopped ? null : `${what} is not stopped (state: ${rt.st}); only a unit stopped by a stop fault can be started`;
    case 'hang':
      return rt.st === 'healthy' || rt.st === 'starting' ? null : `${what} is not running (state: ${rt.st}); hang needs a starting or healthy unit`;
  }
  return null;
}

export function injectFault(ctx: Ctx, fault: Fault): string | null {
  const err = validateFault(ctx.s.cluster, fault) ?? checkApplicable(ctx, fault);
  if (err) return err;
  const id = `fault:${ctx.s.seq + 1}`;
  emit(ctx, { type: 'fault', fault: { ...fault }, active: true, id, cause: { text: describeFault(fault), refs: [id] } });
  if (PERSISTENT_KINDS.includes(fault.kind)) ctx.s.faults.push({ id, fault: { ...fault }, sinceMs: ctx.s.simTimeMs });
  applyFault(ctx, fault, id);
  return null;
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'clear': return 'clear: every active fault is removed';
    case 'delay': return `delay ${f.unit} on ${f.node} by ${f.ms} ms`;
    case 'partition': case 'heal': case 'crash': case 'boot': return `${f.kind} ${f.node}`;
    default: return `${f.kind} ${f.unit} on ${f.node}`;
  }
}
