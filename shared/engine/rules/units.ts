// systemd's unit lifecycle (dcos-model.md §1): every unit starts in parallel, runs its ExecStartPre gates, and on
// a failed gate sits in auto-restart for RestartSec before trying again, forever (StartLimitInterval=0).
// Waiting units do not poll: they register on the fact key their first failing gate names and are woken when
// it may have changed; the retry then lands on the same RestartSec cadence polling would have used.
// Invariants: a unit event is emitted only when the state really changes; onUp/onDown run exactly when a unit
// enters/leaves `healthy` (what dependents can see).
import type { Cause, UnitState } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, ref, schedule, scheduleAt } from '../ctx.ts';
import { UNIT_CATALOG } from '../../model/catalog.ts';
import { GATE_ATTEMPT_MS } from '../../model/timings.ts';
import { startFactorOn } from '../../model/faults/conditions.ts';
import { activeOn } from '../../model/faults/spec.ts';
import { between } from '../rng.ts';
import { evalGates, gatesPassed } from './gates.ts';
import { onDown, onUp } from './hooks.ts';
import { endHang } from '../faultEffects.ts';

function spec(ctx: Ctx, n: number, u: number) {
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
  ctx.s.nodes[n].dirty = true;
  if (to === 'healthy') rt.everActive = true;
  emit(ctx, { type: 'unit', node: ctx.topo.ids[n], unit: unitId(ctx, n, u), from, to, cause });
  if (to === 'healthy') onUp(ctx, n, u);
  else if (from === 'healthy') onDown(ctx, n, u, to);
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

/** ExecStartPre ran: either wait in auto-restart on the first failing gate or launch the main process. */
export function runGates(ctx: Ctx, n: number, u: number): void {
  const rt = ctx.s.nodes[n].units[u];
  const fail = evalGates(ctx, n, u);
  if (fail) {
    rt.lastAttemptMs = ctx.s.simTimeMs;
    transition(ctx, n, u, 'waiting', fail.cause);
    const list = (ctx.s.waiters[fail.key] ??= []);
    list.push(n, u, rt.epoch);
    return;
  }
  gatesPassed(ctx, n, u);
  const s = spec(ctx, n, u);
  const id = unitId(ctx, n, u);
  const extra = rt.delayMs;
  const factor = startFactorOn(ctx.s.faults, ctx.topo.ids[n]);
  const delayed = extra > 0 ? ` (+${extra} ms delay fault)` : '';
  const slow = factor !== 1 ? ` (slow disk: starting takes ${factor}x as long)` : '';
  const refs = [...(extra > 0 ? faultRefs(ctx, n, id) ?? [] : []), ...(factor !== 1 ? slowDiskRefs(ctx, n) : [])];
  transition(ctx, n, u, 'starting', {
    text: `starting: ExecStartPre gates passed, ${s.name} process launched${delayed}${slow}`,
    refs: refs.length > 0 ? refs : undefined,
  });
  const startMs = between(ctx.s, s.startMs);
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

/** A delay fault added or removed while the process is launching: move its ready time (new epoch). */
export function shiftReady(ctx: Ctx, n: number, u: number, deltaMs: number): void {
  const rt = ctx.s.nodes[n].units[u];
  if (rt.state !== 'starting' || rt.readyAtMs < 0) return;
  rt.epoch++;
  rt.readyAtMs = Math.max(ctx.s.simTimeMs, rt.readyAtMs + deltaMs);
  rt.delayedMs = Math.max(0, rt.delayedMs + deltaMs);
  scheduleAt(ctx, rt.readyAtMs, 'ready', n, u, rt.epoch);
}

export function ready(ctx: Ctx, n: number, u: number): void {
  const rt = ctx.s.nodes[n].units[u];
  rt.readyAtMs = -1;
  rt.delayedMs = 0;
  transition(ctx, n, u, 'healthy', { text: 'active (running)' });
}

/** Wake every unit waiting on `key`: each retries on its own auto-restart cadence. */
export function wake(ctx: Ctx, key: string): void {
  const list = ctx.s.waiters[key];
  if (!list) return;
  delete ctx.s.waiters[key];
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
  if (rt.hung) endHang(ctx, n, u, to === 'failed' ? 'the process died' : 'the unit went down');
  rt.hung = false;
  transition(ctx, n, u, to, cause);
  if (to === 'stopped' || to === 'pending') rt.everActive = false;
  if (to !== 'failed') return;
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
