// systemd's unit lifecycle (dcos-model.md §1): every unit starts in parallel, runs its ExecStartPre gates, and on
// a failed gate sits in auto-restart for RestartSec before trying again, forever (StartLimitInterval=0).
// Waiting units do not poll: they register on the fact key their first failing gate names and are woken when
// it may have changed; the retry then lands on the same RestartSec cadence polling would have used.
// What a gate run decides lives in launch.ts; what the cluster makes of a unit going up or down is published as a
// fact (listeners.ts) rather than called, so this module imports no concern.
// Invariants: a unit event is emitted only when the state really changes; unitUp/unitDown are published exactly
// when a unit enters/leaves `healthy` (what dependents can see).
import type { Cause, UnitState } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, ref, schedule, scheduleAt } from '../ctx.ts';
import { UNIT_CATALOG } from '../../model/catalog.ts';
import { GATE_ATTEMPT_MS } from '../../model/timings.ts';
import { publish } from '../listeners.ts';
import { markDirty } from '../diagDirty.ts';

export function spec(ctx: Ctx, n: number, u: number) {
  return UNIT_CATALOG[ctx.topo.unitIds[ctx.topo.roles[n]][u]];
}

export function unitId(ctx: Ctx, n: number, u: number): string {
  return ctx.topo.unitIds[ctx.topo.roles[n]][u];
}

/** Move a unit to a new state; no event (and no cause change) when it is already there. */
export function transition(ctx: Ctx, n: number, u: number, to: UnitState, cause: Cause): void {
  const rt = ctx.s.nodes[n].units[u];
  const from = rt.state;
  if (from === to) return;
  rt.state = to;
  rt.cause = cause;
  rt.sinceMs = ctx.s.simTimeMs;
  markDirty(ctx, n);
  if (to === 'healthy') rt.everActive = true;
  emit(ctx, { type: 'unit', node: ctx.topo.ids[n], unit: unitId(ctx, n, u), from, to, cause });
  if (to === 'healthy') publish(ctx, 'unitUp', n, u);
  else if (from === 'healthy') publish(ctx, 'unitDown', n, u, to);
}

/** systemd starts the unit: ExecStartPre gates run after a short attempt. */
export function exec(ctx: Ctx, n: number, u: number, cause: Cause): void {
  const rt = ctx.s.nodes[n].units[u];
  if (!ctx.s.nodes[n].up || rt.stopped) return;
  rt.epoch++;
  rt.hung = false;
  transition(ctx, n, u, 'starting', cause);
  schedule(ctx, GATE_ATTEMPT_MS, 'gates', n, u, rt.epoch);
}

/** A delay fault added or removed while the process is launching: move its ready time (new epoch). */
export function shiftReady(ctx: Ctx, n: number, u: number, deltaMs: number): void {
  const rt = ctx.s.nodes[n].units[u];
  if (rt.state !== 'starting' || rt.readyAtMs < 0) return;
  rt.epoch++;
  rt.readyAtMs = Math.max(ctx.s.simTimeMs, rt.readyAtMs + deltaMs);
  rt.delayedMs = Math.max(0, rt.delayedMs + deltaMs);
  scheduleAt(ctx, rt.readyAtMs, 'ready', n, u, rt.epoch);
}

/** One object for every unit that became ready (causes are never modified once built; ~111k per 10k-agent boot). */
const ACTIVE_CAUSE: Cause = { text: 'active (running)' };

export function ready(ctx: Ctx, n: number, u: number): void {
  const rt = ctx.s.nodes[n].units[u];
  rt.readyAtMs = -1;
  rt.delayedMs = 0;
  transition(ctx, n, u, 'healthy', ACTIVE_CAUSE);
}

/** Wake every unit waiting on `key`: each retries on its own auto-restart cadence. */
export function wake(ctx: Ctx, key: string): void {
  const list = ctx.s.waiters[key];
  if (!list) return;
  delete ctx.s.waiters[key];
  retry(ctx, list);
}

/** Wake the units waiting for unit u of node n to answer (launch.ts keeps them on the unit). */
export function wakeUnit(ctx: Ctx, n: number, u: number): void {
  const rt = ctx.s.nodes[n].units[u];
  const list = rt.wakeList;
  if (list === undefined || list.length === 0) return;
  retry(ctx, list); // only schedules: nobody joins this list while it is read
  list.length = 0;
}

function retry(ctx: Ctx, list: number[]): void {
  const now = ctx.s.simTimeMs;
  for (let i = 0; i < list.length; i += 3) {
    const n = list[i], u = list[i + 1], e = list[i + 2];
    const rt = ctx.s.nodes[n].units[u];
    if (rt.epoch !== e || rt.state !== 'waiting') continue;
    const period = spec(ctx, n, u).restartSec + GATE_ATTEMPT_MS;
    const k = Math.max(1, Math.ceil((now - rt.lastAttemptMs) / period));
    scheduleAt(ctx, rt.lastAttemptMs + k * period, 'gates', n, u, e);
  }
}

/**
 * The main process dies (`to` failed) or is stopped (`to` stopped / pending on power-off). systemd restarts a
 * failed unit after RestartSec when its policy says so.
 */
export function down(ctx: Ctx, n: number, u: number, to: 'failed' | 'stopped' | 'pending', cause: Cause): void {
  const rt = ctx.s.nodes[n].units[u];
  rt.epoch++;
  rt.readyAtMs = -1;
  rt.delayedMs = 0;
  if (rt.hung) publish(ctx, 'hangEnded', n, u, to === 'failed' ? 'the process died' : 'the unit went down');
  rt.hung = false;
  transition(ctx, n, u, to, cause);
  if (to === 'stopped' || to === 'pending') rt.everActive = false;
  // A unit systemd was told to stop is not restarted, even when its exit left it failed (a JVM's 143).
  if (to !== 'failed' || rt.stopped) return;
  const s = spec(ctx, n, u);
  if (s.restart === 'no') {
    if (s.timerMs) schedule(ctx, s.timerMs, 'exec', n, u, rt.epoch);
    return;
  }
  schedule(ctx, s.restartSec, 'exec', n, u, rt.epoch);
}

/** Kill by name from rules: "dcos-marathon on master-2 exits". */
export function killUnit(ctx: Ctx, n: number, unit: string, cause: Cause): void {
  const u = ctx.topo.unitIdx[ctx.topo.roles[n]][unit];
  if (u === undefined) return;
  const st = ctx.s.nodes[n].units[u].state;
  if (st === 'healthy' || st === 'unhealthy' || st === 'starting') down(ctx, n, u, 'failed', cause);
}

export function restartCause(ctx: Ctx, n: number, u: number): Cause {
  const s = spec(ctx, n, u);
  if (s.restart === 'no') return { text: `${unitId(ctx, n, u)}.timer runs it again (every ${(s.timerMs ?? 0) / 1000}s)`, refs: [ref(ctx, n, unitId(ctx, n, u))] };
  return { text: `auto-restart: systemd restarts ${unitId(ctx, n, u)} after RestartSec=${s.restartSec / 1000}s`, refs: [ref(ctx, n, unitId(ctx, n, u))] };
}
