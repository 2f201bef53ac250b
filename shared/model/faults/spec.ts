// The shape of one fault kind's entry in the fault registry (house-style habit 11, modelled on systemd's
// UnitVTable in src/core/unit.h: one table of operations per unit type). This half is pure data and pure
// functions over plain facts, so the web may import it: the wire schema piece, the text, static validation,
// state-dependent applicability and the fault menu's items all live here. What a fault *does* to the
// simulation (apply / undo) is engine code keyed by the same kinds (shared/engine/faultOps.ts).
// Invariant: `applicable` reads only a FaultSubject, which the engine builds from its state and the web from its
// ClusterView, so a menu item that is enabled is never refused by the engine, with the same reason either way.
import { z } from 'zod';
import type { ClusterConfig, Role, UnitState } from '../vocabulary.ts';
import type { RestartPolicy } from '../types.ts';

/** What a fault targets: one unit on a node, a whole node, or the cluster (clear). */
export type FaultScope = 'unit' | 'node' | 'cluster';

// Functions, not constants: zod is built only by the protocol (kept out of the web bundle, see registry.ts).
export const nodeIdSchema = () => z.string().min(1).max(64);
export const unitIdSchema = () => z.string().min(1).max(64);


/**
 * An active fault as the queries here read it: structural, so this file does not depend on the Fault union that
 * the registry derives from these very entries.
 */
export interface ActiveFaultLike {
  id: string;
  fault: { kind: string; node?: string; unit?: string };
  sinceMs: number;
}

/** The state facts applicability reads (the same in the engine and in the web's ClusterView). */
export interface FaultSubject {
  node: { up: boolean; partitioned: boolean } | null;
  /** The targeted unit's state (unit-scope faults only). */
  unit: { state: UnitState } | null;
  /** Every persistent fault active right now (ClusterView.faults / engine state.faults). */
  active: readonly ActiveFaultLike[];
}

/** Catalog facts a menu hint may quote. */
export interface MenuFacts {
  role: Role | null;
  unit?: { name: string; restart: RestartPolicy; restartSec: number };
}

/** How a kind shows in the fault menu: one or more items (presets) in a named group. */
export interface FaultMenuSpec<F> {
  group: string;
  /** 'row': short preset items side by side sharing `groupHint` (the delay presets). */
  layout?: 'row';
  groupHint?: string;
  /** The payloads offered for a target, each with a stable item id and a short label. */
  items(target: { node: string; unit: string }): { id: string; label: string; fault: F }[];
  /** One line for the class: what this does in a real cluster. */
  hint(fault: F, facts: MenuFacts): string;
}

/** One kind's entry; `F` is its payload type (derived from its zod schema in the kind's file). */
export interface FaultSpec<F> {
  scope: FaultScope;
  /** Persistent faults stay in the active list until undone (undoneBy) or cleared; one-shots are events only. */
  persistent: boolean;
  /** Kinds that end this fault when applied to the same target (clear ends every persistent one). */
  undoneBy: readonly string[];
  /** One human sentence: "stop Exhibitor on master-1". */
  describe(fault: F): string;
  /** Static checks beyond node/unit existence (ranges); gets unvalidated input, so it checks types too. */
  validate?(fault: F, cluster: ClusterConfig): string | null;
  /** Does it make sense now? null, or why not (shown in the menu and returned by inject). */
  applicable(fault: F, at: FaultSubject): string | null;
  menu: FaultMenuSpec<F> | null;
}

/** Identity with the payload type given: `defineFault<z.infer<S['kill']>>({...})` types every callback. */
export function defineFault<F>(spec: FaultSpec<F>): FaultSpec<F> {
  return spec;
}

/** An active fault of `kind` on `node` (and `unit`, when given). */
export function activeOn<A extends ActiveFaultLike>(active: readonly A[], kind: string, node: string, unit?: string): A | undefined {
  return active.find((a) => a.fault.kind === kind && a.fault.node === node && (unit === undefined || a.fault.unit === unit));
}

/** Seconds for a teacher: 60000 -> "60 s", 1500 -> "1.5 s". */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
