/**
 * Warms the per-role DAG layouts (dagre, the costliest part of the DAG's first mount) while the page
 * waits for its first snapshot: the layouts depend only on the catalog, not on the cluster, so they
 * can be computed before any data arrives. Each role runs in its own idle callback (one dagre run is
 * well under a frame), most likely first: masters and the public agent are drawn expanded at start.
 * Invariant: only fills dagLayout's module cache, the same entries DagView would compute itself.
 */
import type { Role } from '../../shared/protocol/types.ts';
import { BOOT_SPINE, catalogUnitsForRole } from './dagCatalog.ts';
import { roleLayout } from './dagLayout.ts';

const WARM_ORDER: readonly Role[] = ['master', 'agent_public', 'agent'];

export function warmRoleLayouts(): void {
  const idle: (cb: () => void) => void = typeof requestIdleCallback === 'function'
    ? (cb) => requestIdleCallback(cb, { timeout: 1_000 })
    : (cb) => setTimeout(cb, 0);
  const next = (i: number) => {
    const role = WARM_ORDER[i];
    if (!role) return;
    idle(() => {
      roleLayout(role, catalogUnitsForRole(role), BOOT_SPINE);
      next(i + 1);
    });
  };
  next(0);
}
