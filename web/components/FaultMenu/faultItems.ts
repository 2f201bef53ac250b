/**
 * Which fault actions make sense for a target, grouped, with a one-line explanation for a class and,
 * when an action cannot apply right now, the reason (pure; FaultMenu renders it). Everything per kind
 * (groups, labels, presets, hints, reasons) comes from the fault registry (shared/model/faults), whose
 * `applicable` the engine runs too, on the same facts, so an enabled item is never refused.
 * Invariants: every enabled item's payload is a valid `Fault` (faultSchema); a disabled item always
 * says why; the items are the same set for every unit / node (only their enablement changes), so the
 * menu does not reshuffle under a teacher's finger while the cluster moves.
 */
import type { ClusterView, Fault } from '../../../shared/protocol/types.ts';
import type { RestartPolicy } from '../../../shared/model/types.ts';
import type { FaultSubject } from '../../../shared/model/faults/spec.ts';
import { FAULT_KINDS, faultApplicable, faultScope, faultSpec, validateFault } from '../../../shared/model/faults/registry.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';

export { DELAY_PRESETS_S } from '../../../shared/model/faults/process.ts';

/** What the menu needs to know about a unit from the catalog. */
export interface UnitInfo {
  name: string;
  restart: RestartPolicy;
  /** Seconds, as in the systemd unit file. */
  restartSec: number;
}
export type UnitInfoLookup = (unit: string) => UnitInfo | undefined;

export type FaultMenuAction = { type: 'inject'; fault: Fault } | { type: 'explain'; target: UnitTarget };

export interface FaultMenuItem {
  id: string;
  label: string;
  /** Short explanation for the class: what this does in a real cluster. */
  hint: string;
  /** null when the action applies; otherwise why not (shown and read out). */
  disabledReason: string | null;
  action: FaultMenuAction;
}

export interface FaultMenuGroup {
  label: string;
  items: FaultMenuItem[];
  /** 'row': short items side by side sharing one hint (the delay presets), to keep the menu short. */
  layout?: 'row';
  /** The shared hint of a row group. */
  hint?: string;
}

export interface FaultMenuContent {
  /** "dcos-mesos-master on master-1" or "master-1 (master)". */
  title: string;
  /** Current state line: "healthy", "powered off", ... */
  status: string;
  groups: FaultMenuGroup[];
}

/** The facts the registry's `applicable` reads, from the view (the engine builds the same from its state). */
function subjectFor(view: ClusterView, target: FaultTarget): FaultSubject {
  const node = view.nodes.find((n) => n.id === target.node);
  const unit = target.unit === null ? undefined : node?.units.find((u) => u.id === target.unit);
  return { node: node === undefined ? null : { up: node.up, partitioned: node.partitioned }, unit: unit === undefined ? null : { state: unit.state }, active: view.faults };
}

/** Every kind of the target's scope, in registry order, grouped by its menu group. */
function registryGroups(target: FaultTarget, view: ClusterView, lookup: UnitInfoLookup): FaultMenuGroup[] {
  const scope = target.unit === null ? 'node' : 'unit';
  const subject = subjectFor(view, target);
  const role = view.nodes.find((n) => n.id === target.node)?.role ?? null;
  const facts = { role, unit: target.unit === null ? undefined : lookup(target.unit) };
  const groups: FaultMenuGroup[] = [];
  for (const kind of FAULT_KINDS) {
    const menu = faultSpec(kind).menu;
    if (menu === null || faultScope(kind) !== scope) continue;
    let group = groups.find((g) => g.label === menu.group);
    if (group === undefined) {
      group = { label: menu.group, items: [], ...(menu.layout ? { layout: menu.layout } : {}) };
      groups.push(group);
    }
    for (const offer of menu.items({ node: target.node, unit: target.unit ?? '' })) {
      const fault = offer.fault as Fault;
      const invalid = validateFault(view.cluster, fault);
      const disabledReason = invalid ?? faultApplicable(fault, subject);
      group.items.push({ id: offer.id, label: offer.label, hint: menu.hint(offer.fault, facts), disabledReason, action: { type: 'inject', fault } });
      // A row shares one hint; when the target itself is invalid, that is what the row says.
      if (menu.groupHint !== undefined) group.hint = invalid ?? menu.groupHint;
    }
  }
  return groups;
}

/** The menu for a unit or a whole node. Opposite actions (Stop/Start, Partition/Heal, Crash/Boot) both show; the one that cannot apply says why. */
export function faultMenuContent(target: FaultTarget, view: ClusterView, lookup: UnitInfoLookup): FaultMenuContent {
  const node = view.nodes.find((n) => n.id === target.node);
  if (target.unit === null) {
    const status = node === undefined ? 'not in this cluster' : !node.up ? 'powered off' : node.partitioned ? 'partitioned' : `reported ${node.health}`;
    return { title: `${target.node}${node !== undefined ? ` (${node.role.replace('_', ' ')})` : ''}`, status, groups: registryGroups(target, view, lookup) };
  }
  const unit = node?.units.find((u) => u.id === target.unit);
  const status = unit === undefined ? 'not on this node' : `${unit.state}${unit.cause.text ? `: ${unit.cause.text}` : ''}`;
  const missing = unit === undefined ? validateFault(view.cluster, { kind: 'kill', node: target.node, unit: target.unit }) : null;
  const understand: FaultMenuGroup = {
    label: 'Understand',
    items: [{ id: 'explain', label: 'Explain', hint: 'Why is it in this state? Follow the causes back to the root.', action: { type: 'explain', target: { node: target.node, unit: target.unit } }, disabledReason: missing }],
  };
  return { title: `${target.unit} on ${target.node}`, status, groups: [...registryGroups(target, view, lookup), understand] };
}
