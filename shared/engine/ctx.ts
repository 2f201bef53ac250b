// The per-call context rules work through: the state, the static topology and the output buffer. Owns the
// only ways to emit an event (stamping seq + time), schedule an action, record a fact's "why" and emit a
// Boot Sequence step once per node. Invariant: seq increments by exactly one per emitted event.
import type { Cause, FaultBy, SimEvent, SimEventBody } from './types.ts';
import type { ActionKind, EngineState, Topo, UnitRt } from './state.ts';
import { ACTION_KIND_INDEX } from './state.ts';
import { push } from './queue.ts';
import { noteFaultEvent } from './faultHistory.ts';
import { bootStep } from '../model/bootSteps.ts';

export interface Ctx {
  s: EngineState;
  topo: Topo;
  out: SimEvent[];
  /** Who issued the command being applied (inject only): faults it ends are ended by them. */
  by?: FaultBy;
}

export function emit(ctx: Ctx, body: SimEventBody): void {
  // Stamp in place (bodies are fresh literals owned by the caller): no copy on the hottest path.
  const ev = body as SimEvent;
  ev.seq = ++ctx.s.seq;
  ev.simTimeMs = ctx.s.simTimeMs;
  ctx.out.push(ev);
  // Explanations name faults long after they end; the fault event itself is the record.
  if (body.type === 'fault') noteFaultEvent(ctx.s, body, ctx.s.simTimeMs);
}

export function schedule(ctx: Ctx, delayMs: number, k: ActionKind, n = -1, u = -1, e = -1): void {
  push(ctx.s.queue, ctx.s.simTimeMs + Math.max(0, Math.round(delayMs)), ACTION_KIND_INDEX[k], n, u, e);
}

export function scheduleAt(ctx: Ctx, atMs: number, k: ActionKind, n = -1, u = -1, e = -1): void {
  push(ctx.s.queue, Math.max(ctx.s.simTimeMs, atMs), ACTION_KIND_INDEX[k], n, u, e);
}

/** Index of a node id of this cluster, or -1 (O(1), no parsing: for the hot paths). */
export function nodeAt(ctx: Ctx, nodeId: string): number {
  return ctx.topo.nodeIdx.get(nodeId) ?? -1;
}

export function unitIndex(ctx: Ctx, n: number, unitId: string): number {
  return ctx.topo.unitIdx[ctx.topo.roles[n]][unitId] ?? -1;
}

export function unitAt(ctx: Ctx, n: number, unitId: string): UnitRt | null {
  const i = unitIndex(ctx, n, unitId);
  return i < 0 ? null : ctx.s.nodes[n].units[i];
}

/** The unit answers: active and not hung, on a powered node. */
export function isUp(ctx: Ctx, n: number, unitId: string): boolean {
  return ctx.s.nodes[n].up && unitAt(ctx, n, unitId)?.state === 'healthy';
}

export function ref(ctx: Ctx, n: number, unitId: string): string {
  return `${ctx.topo.ids[n]}/${unitId}`;
}

export function setWhy(ctx: Ctx, fact: string, cause: Cause): void {
  ctx.s.factCauses[fact] = { ...cause, since: ctx.s.simTimeMs };
}

/** Emit Boot Sequence step `id` for node n (null: cluster-level) the first time it happens there. */
export function step(ctx: Ctx, id: string, n: number, unitId: string | null, cause: Cause): void {
  const key = id;
  if (n >= 0) {
    const node = ctx.s.nodes[n];
    if (node.steps[key]) return;
    node.steps[key] = 1;
  } else {
    const done = ctx.s.factCauses[`step:${id}`];
    if (done) return;
    setWhy(ctx, `step:${id}`, cause);
  }
  emit(ctx, { type: 'step', step: id, node: n >= 0 ? ctx.topo.ids[n] : null, unit: unitId, text: bootStep(id).text, cause });
}

export function isMaster(ctx: Ctx, n: number): boolean {
  return n < ctx.topo.masters;
}

/** Master n can reach the majority of the ensemble (a partition cuts a node off from all others). */
export function inMajority(ctx: Ctx, n: number): boolean {
  const node = ctx.s.nodes[n];
  return node.up && (!node.partitioned || ctx.topo.masters === 1 && isMaster(ctx, n));
}

/**
 * Node n can talk to the Mesos leader: there is one, and neither is cut off (a partition cuts a node off from all
 * others). A partitioned leader still leads until its session expires, but only for itself.
 */
export function mesosLeaderReachableFrom(ctx: Ctx, n: number): boolean {
  const l = ctx.s.mesos.leader;
  if (l < 0) return false;
  if (l === n) return true;
  return !ctx.s.nodes[l].partitioned && !ctx.s.nodes[n].partitioned;
}

export function quorumOk(ctx: Ctx): boolean {
  return ctx.s.zk.have >= ctx.topo.need;
}

export function nodeIp(ctx: Ctx, n: number): string {
  return ctx.topo.ips[n];
}
