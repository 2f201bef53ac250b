// ExecStartPre ran (a queued `gates` action): either the unit waits in auto-restart on its first failing gate,
// registered on the fact key that gate names (units.ts wake() retries it), or its main process launches and becomes
// ready after its seeded start time, stretched by a delay fault or a slow disk.
// Invariant: a launched unit has exactly one pending `ready` action for its current epoch.
import type { Ctx } from '../ctx.ts';
import { scheduleAt } from '../ctx.ts';
import { startFactorOn } from '../../model/faults/conditions.ts';
import { activeOn } from '../../model/faults/spec.ts';
import { keyedBetween, PURPOSE } from '../rng.ts';
import { spec, transition, unitId } from './units.ts';
import { evalGates, gatesPassed } from './gates.ts';

/** ExecStartPre ran: either wait in auto-restart on the first failing gate or launch the main process. */
export function runGates(ctx: Ctx, n: number, u: number): void {
  const rt = ctx.s.nodes[n].units[u];
  const fail = evalGates(ctx, n, u);
  if (fail) {
    rt.lastAttemptMs = ctx.s.simTimeMs;
    transition(ctx, n, u, 'waiting', fail.cause);
    // A unit waited on keeps its own list (woken by hooks.ts onUp without building a key); facts share `waiters`.
    const list = typeof fail.key === 'number' ? (ctx.s.nodes[n].units[fail.key].wakeList ??= []) : (ctx.s.waiters[fail.key] ??= []);
    list.push(n, u, rt.epoch);
    return;
  }
  gatesPassed(ctx, n, u);
  const s = spec(ctx, n, u);
  const id = unitId(ctx, n, u);
  const extra = rt.delayMs;
  const factor = startFactorOn(ctx.s.faults, ctx.topo.ids[n]);
  // A unit launched straight from exec() is already `starting` (no event, no new cause): build the cause only for
  // one that waited in its gates.
  if (rt.state !== 'starting') {
    const delayed = extra > 0 ? ` (+${extra} ms delay fault)` : '';
    const slow = factor !== 1 ? ` (slow disk: starting takes ${factor}x as long)` : '';
    const refs = [...(extra > 0 ? faultRefs(ctx, n, id) ?? [] : []), ...(factor !== 1 ? slowDiskRefs(ctx, n) : [])];
    transition(ctx, n, u, 'starting', {
      text: `starting: ExecStartPre gates passed, ${s.name} process launched${delayed}${slow}`,
      refs: refs.length > 0 ? refs : undefined,
    });
  }
  const startMs = keyedBetween(ctx.s.seed, PURPOSE.unitStart, n, ctx.topo.unitKeys[ctx.topo.roles[n]][u], rt.epoch, s.startMs);
  rt.readyAtMs = ctx.s.simTimeMs + (factor !== 1 ? Math.round(startMs * factor) : startMs) + extra;
  rt.delayedMs = extra;
  scheduleAt(ctx, rt.readyAtMs, 'ready', n, u, rt.epoch);
}

function faultRefs(ctx: Ctx, n: number, unit: string): string[] | undefined {
  const f = ctx.s.faults.find((a) => a.fault.kind === 'delay' && a.fault.node === ctx.topo.ids[n] && a.fault.unit === unit);
  return f ? [f.id] : undefined;
}

function slowDiskRefs(ctx: Ctx, n: number): string[] {
  const f = activeOn(ctx.s.faults, 'slow-disk', ctx.topo.ids[n]);
  return f ? [f.id] : [];
}
