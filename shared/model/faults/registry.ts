// The fault registry: one entry per fault kind (spec.ts says what an entry holds), in the order the menu, the
// "allowed:" list and the docs show them. The Fault type, the protocol's zod schema, the texts, validation,
// applicability, the active-fault list and the menu all read it; the engine's apply / undo are keyed by the same
// kinds (shared/engine/faultOps.ts, a Record<FaultKind, ...> so a missing kind does not compile).
// Adding a kind: an entry in one of the group files (process, node, conditions), its engine ops, and the rule
// that realises its effect.
import { z } from 'zod';
import type { ClusterConfig } from '../vocabulary.ts';
import { UNIT_CATALOG, unitsForRole } from '../catalog.ts';
import { describeNodes, nodeIndex, roleOfNode } from '../cluster.ts';
import type { FaultScope, FaultSpec, FaultSubject } from './spec.ts';
import { defineFault } from './spec.ts';
import { PROCESS_FAULTS, processSchemas } from './process.ts';
import { NODE_FAULTS, nodeSchemas } from './node.ts';
import { CONDITION_FAULTS, conditionSchemas } from './conditions.ts';

function clearSchemas() {
  return { clear: z.strictObject({ kind: z.literal('clear') }) };
}

const CLEAR = {
  clear: defineFault<{ kind: 'clear' }>({
    scope: 'cluster', persistent: false, undoneBy: [],
    describe: () => 'clear every active fault',
    applicable: () => null,
    // The toolbar's "Clear all faults" button, not a per-target menu item.
    menu: null,
  }),
};

export const FAULT_SPECS = { ...PROCESS_FAULTS, ...NODE_FAULTS, ...CONDITION_FAULTS, ...CLEAR };

type Specs = typeof FAULT_SPECS;
export type FaultKind = keyof Specs;

/** Every kind's zod schema; only the protocol calls this (zod stays out of the web's bundle). */
function allSchemas() {
  return { ...processSchemas(), ...nodeSchemas(), ...conditionSchemas(), ...clearSchemas() };
}
type Schemas = ReturnType<typeof allSchemas>;
// Every entry has a schema and every schema an entry (a kind added to one side only does not compile).
type SameKinds = [keyof Schemas] extends [FaultKind] ? ([FaultKind] extends [keyof Schemas] ? true : never) : never;
const sameKinds: SameKinds = true;
void sameKinds;

/** A fault command as it crosses the wire and appears in scenario files: the union of the entries' payloads. */
export type Fault = { [K in FaultKind]: z.infer<Schemas[K]> }[FaultKind];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;
export type UnitFault = Extract<Fault, { unit: string }>;
export type NodeFault = Exclude<Extract<Fault, { node: string }>, UnitFault>;

export const FAULT_KINDS = Object.keys(FAULT_SPECS) as FaultKind[];

/** The entry for a kind, with its functions typed for the general Fault (each is only ever called with its own kind). */
export function faultSpec(kind: FaultKind): FaultSpec<Fault> {
  return FAULT_SPECS[kind] as unknown as FaultSpec<Fault>;
}

export function isFaultKind(kind: unknown): kind is FaultKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(FAULT_SPECS, kind);
}

export const isPersistent = (kind: FaultKind): boolean => FAULT_SPECS[kind].persistent;
export const faultScope = (kind: FaultKind): FaultScope => FAULT_SPECS[kind].scope;

/** The zod members of the protocol's discriminated union, one per kind, in registry order (called by the protocol). */
export function faultSchemas(): [Schemas[FaultKind], ...Schemas[FaultKind][]] {
  const all = allSchemas() as Record<FaultKind, Schemas[FaultKind]>;
  return FAULT_KINDS.map((k) => all[k]) as [Schemas[FaultKind], ...Schemas[FaultKind][]];
}

/** One human sentence for a fault: "stop Exhibitor on master-1". */
export function describeFault(fault: Fault): string {
  return faultSpec(fault.kind).describe(fault);
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** Static validation against the cluster shape: null when well-formed, else a readable message. Takes any input. */
export function validateFault(cluster: ClusterConfig, fault: unknown): string | null {
  if (typeof fault !== 'object' || fault === null) return 'a fault must be an object like {"kind":"kill","node":"master-1","unit":"dcos-exhibitor"}';
  const f = fault as { kind?: unknown; node?: unknown; unit?: unknown };
  if (!isFaultKind(f.kind)) return `unknown fault kind '${show(f.kind)}'; allowed: ${FAULT_KINDS.join(', ')}`;
  const spec = faultSpec(f.kind);
  if (spec.scope !== 'cluster') {
    const node = f.node;
    const role = typeof node === 'string' && nodeIndex(cluster, node) >= 0 ? roleOfNode(node) : null;
    if (typeof node !== 'string' || role === null) return `unknown node '${show(node)}'; nodes: ${describeNodes(cluster)}`;
    if (spec.scope === 'unit') {
      const here = unitsForRole(role);
      if (typeof f.unit !== 'string' || !here.includes(f.unit)) {
        const known = typeof f.unit === 'string' ? UNIT_CATALOG[f.unit] : undefined;
        if (known) return `${f.unit} does not run on ${node} (${role}); it runs on: ${known.roles.join(', ')} nodes`;
        return `unknown unit '${show(f.unit)}' on ${node}; units there: ${here.join(', ')}`;
      }
    }
  }
  return spec.validate?.(fault as never, cluster) ?? null;
}

/** State-dependent check (same rules for the engine and the menu): null when the fault applies now. */
export function faultApplicable(fault: Fault, at: FaultSubject): string | null {
  return faultSpec(fault.kind).applicable(fault, at);
}

/** Does applying `by` end the active fault `active` (start ends a stop of the same unit, heal a partition ...)? */
export function undoes(by: Fault, active: Fault): boolean {
  if (!faultSpec(active.kind).undoneBy.includes(by.kind)) return false;
  const a = active as { node?: string; unit?: string };
  const b = by as { node?: string; unit?: string };
  return a.node === b.node && a.unit === b.unit;
}
