// Which nodes a dcos-diagnostics pull has to look at again: the bookkeeping that lets a master's 60 s pull cost
// O(changed nodes) instead of walking all 10,000 agents (rules/diagnostics.ts is the only reader).
// Two plain lists in DiagState (JSON like the rest of the state):
//   dirtyList  nodes whose NodeRt.dirty went false -> true since the last pull fanned them out (no duplicates);
//   staleList  discovered nodes with some master's stale bit set (a superset is fine; pulls compact it).
// Invariants: NodeRt.dirty => n is in dirtyList; discovered(n) && stale[n] !== 0 => n is in staleList.
// A snapshot from before these lists existed rebuilds them from the flags on its first pull (ensureDirtyLists).
import type { Ctx } from './ctx.ts';

/** Something node n's diagnostics report depends on changed (a unit state, power, partition). */
export function markDirty(ctx: Ctx, n: number): void {
  const node = ctx.s.nodes[n];
  if (node.dirty) return;
  node.dirty = true;
  ctx.s.diag.dirtyList?.push(n);
}

/** A master can discover node n from now on (it registered with the leader once): every master must pull it. */
export function markDiscovered(ctx: Ctx, n: number): void {
  const d = ctx.s.diag;
  if (d.staleList === undefined) return; // rebuilt from the flags on the next pull
  d.stale[n] = (1 << ctx.topo.masters) - 1;
  d.staleList.push(n);
}

/** Old snapshots: derive both lists from the flags once (O(nodes)). */
export function ensureDirtyLists(ctx: Ctx, discovered: (n: number) => boolean): { dirtyList: number[]; staleList: number[] } {
  const d = ctx.s.diag;
  if (d.dirtyList === undefined || d.staleList === undefined) {
    d.dirtyList = [];
    d.staleList = [];
    for (let n = 0; n < ctx.s.nodes.length; n++) {
      if (ctx.s.nodes[n].dirty) d.dirtyList.push(n);
      if (d.stale[n] !== 0 && discovered(n)) d.staleList.push(n);
    }
  }
  return { dirtyList: d.dirtyList, staleList: d.staleList };
}
