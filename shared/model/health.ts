// 3DT (dcos-diagnostics 1.11) unit health as a function of the simulated unit state (dcos-model.md §4.2), shared
// by the engine and the web's event reducer so both derive the same number.
// Faithful rule for a unit stopped by a fault: systemd reports `inactive`, which 1.11 counts as healthy (0)
// (`inactive` became unhealthy only in DC/OS 2.x, diag commit da5b64e); the cluster still turns unhealthy through
// the units that break because of the stop (e.g. dcos-oauth losing its local ZooKeeper). `pending` and
// `starting` (activating/start-pre) are 0; auto-restart loops (`waiting`) and `failed` are 1. A hung process
// (`unhealthy`) is 1 by product decision (the brief's mapping), although 1.11 reads only systemd state and would
// say 0 for it; the diagnostics output text says so, so the class is not taught otherwise.
import type { Cause, Health, UnitState } from './vocabulary.ts';

export function unitHealth(state: UnitState): 0 | 1 {
  return state === 'waiting' || state === 'failed' || state === 'unhealthy' ? 1 : 0;
}

export function healthName(code: 0 | 1 | 3): Health {
  return code === 0 ? 'healthy' : code === 1 ? 'unhealthy' : 'unknown';
}

/** Cause of every unit before its node boots (initial view and engine state agree on it). */
export const UNIT_NOT_STARTED: Cause = { text: 'pending: the node is booting; systemd has not started dcos.target yet' };
