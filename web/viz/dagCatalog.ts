// The DC/OS catalog as the DAG needs it: the unit specs of a role, with dependencies as they apply on that role,
// and short display names. Arrays are cached per role so the role layout's memo key and React memos stay stable.
import type { Role } from '../../shared/protocol/types.ts';
import { UNIT_CATALOG, unitLabel, unitsForRole } from '../../shared/model/catalog.ts';
import type { UnitSpec } from '../../shared/model/types.ts';
import { displayName } from './dagLayout.ts';

const byRole = new Map<Role, readonly UnitSpec[]>();

/**
 * The boot spine a class follows (design/dcos-model.md §2.7): drawn full size in the layered layout. Every other
 * unit is still drawn (compact, in the node's tray) and still clickable; its edges show only while they block.
 * OAuth and the agents' Admin Router are side branches: off the spine, every node's spine is ONE row
 * (Exhibitor → DC/OS Net → Mesos Master → Mesos-DNS → Marathon → Admin Router; DC/OS Net → Mesos Agent), which is
 * what lets the whole cluster fit a 1366x768 projector at a readable size.
 */
export const BOOT_SPINE: ReadonlySet<string> = new Set([
  'dcos-exhibitor', 'dcos-net', 'dcos-mesos-master', 'dcos-mesos-dns', 'dcos-marathon', 'dcos-adminrouter',
  'dcos-mesos-slave', 'dcos-mesos-slave-public',
]);

/**
 * Specs of the units a `role` node runs. Off masters, `all-masters` dependencies (the masters' exhibitor.wait in
 * bootstrap) do not apply: agents' bootstrap skips the wait (design/dcos-model.md §1.3).
 */
export function catalogUnitsForRole(role: Role): readonly UnitSpec[] {
  let specs = byRole.get(role);
  if (!specs) {
    specs = unitsForRole(role).flatMap((id) => {
      const spec = UNIT_CATALOG[id];
      if (!spec) return [];
      return [role === 'master' ? spec : { ...spec, dependsOn: spec.dependsOn.filter((d) => d.scope !== 'all-masters') }];
    });
    byRole.set(role, specs);
  }
  return specs;
}

const names = new Map<string, string>();

/** "Exhibitor / ZK", "Mesos Master", "Metronome", ... for a unit on a role (cached: asked per vertex per render). */
export function unitDisplayName(id: string, role: Role): string {
  const key = `${role}/${id}`;
  let name = names.get(key);
  if (name === undefined) names.set(key, (name = displayName(id, unitLabel(id, role))));
  return name;
}
