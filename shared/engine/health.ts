// 3DT (dcos-diagnostics 1.11) unit health from systemd state (dcos-model.md §4.2), and the output text it shows.
// Faithful rule for a unit stopped by a fault: systemd reports `inactive`, which 1.11 counts as healthy (0)
// (`inactive` became unhealthy only in DC/OS 2.x, diag commit da5b64e). The cluster still turns unhealthy
// through the units that break because of the stop (e.g. dcos-oauth loses its local ZooKeeper).
// `pending` (not started yet) and `starting` (activating/start-pre) are 0 as well; auto-restart loops are 1.
import type { UnitState } from './types.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';

export { healthName, unitHealth } from '../model/health.ts';

/** The `output` field dcos-diagnostics shows for a unit (empty when healthy). */
export function unitOutput(unit: string, state: UnitState, everActive: boolean, stopped = false): string {
  const svc = `${unit}.service`;
  switch (state) {
    case 'waiting':
      return everActive
        ? `Unit ${svc} is flapping. Please check \`journalctl -xv\` for details.`
        : `Unit ${svc} has never entered \`active\` state`;
    case 'failed':
      // With Restart=always/on-failure systemd holds a crashed unit in activating/auto-restart, which 3DT
      // reports as flapping; only a unit without Restart (e.g. logrotate) sits in ActiveState=failed.
      // A unit left failed by `systemctl stop` (a JVM's 143, dcos-net's SIGKILL) is not restarting: ActiveState=failed.
      if (!stopped && (UNIT_CATALOG[unit]?.restart ?? 'always') !== 'no') return `Unit ${svc} is flapping. Please check \`journalctl -xv\` for details.`;
      return `${svc} state is not one of the possible states [active inactive activating]. Current state is [ failed ]. Please check \`systemctl show all ${svc}\` to check current unit status.`;
    case 'unhealthy':
      // Product decision: flag a hung process (1) so the class sees it; say honestly that 1.11 would not.
      return `Unit ${svc} is active but does not answer (hung process). Note: real dcos-diagnostics 1.11 only reads systemd state and would report this unit healthy (0).`;
    default:
      return '';
  }
}
