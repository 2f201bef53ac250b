// What one ref in an explanation says right now, and whether it is still part of the problem. Read live from the
// state at the moment of asking: a unit's stored cause is only written on state changes, so its refs go stale
// (Admin Router still "waiting on dcos-net" minutes after dcos-net came up); gates and facts are re-evaluated
// here, and things that are fine now (a healthy unit, a fact that holds, a reconnected node) are marked `fine`
// so the tree stops there. Faults are named in words from the fault history, never by their "fault:<seq>" id.
import type { Fault } from './types.ts';
import type { Ctx } from './ctx.ts';
import { quorumOk, nodeAt } from './ctx.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';
import { formatSimTime } from '../model/time.ts';
import { evalGates } from './rules/gates.ts';
import { liveFact } from './rules/facts.ts';
import { findFault } from './faultHistory.ts';
import { describeFault, FAULT_SPECS } from '../model/faults/registry.ts';

export interface RefNow {
  text: string;
  /** What this ref waits on / is caused by right now (not yet filtered for things that are fine). */
  refs: string[];
  sinceMs: number | null;
  /** No longer part of any problem: a parent must not be explained by it. */
  fine: boolean;
  /** An injected fault: always a root cause. */
  fault: boolean;
}

function unitName(unit: string): string {
  return UNIT_CATALOG[unit]?.name ?? unit;
}

/** Kinds whose name reads as a noun ("the stop of ..."); any other kind is told by its registry sentence. */
const NOUN_KINDS: readonly string[] = ['kill', 'stop', 'start', 'hang', 'delay', 'partition', 'heal', 'crash', 'boot'];

/** "the stop of Exhibitor on master-1", "the partition of agent-2", "the delay of Mesos DNS on master-3 by 120 s". */
export function faultPhrase(f: Fault): string {
  if (f.kind === 'clear') return 'the clearing of every fault';
  if (!NOUN_KINDS.includes(f.kind)) return describeFault(f);
  const where = 'unit' in f ? `${unitName(f.unit)} on ${f.node}` : 'node' in f ? f.node : '';
  const by = f.kind === 'delay' ? ` by ${Math.round(f.ms / 1000)} s` : '';
  return `the ${f.kind} of ${where}${by}`;
}

/**
 * Commands that undo a fault (start, heal, boot, clear: the registry's undoneBy lists): a unit "starting" after
 * `start` is recovering, and that is not a root cause.
 */
const REMEDIES: readonly string[] = ['clear', ...Object.values(FAULT_SPECS).flatMap((spec) => spec.undoneBy)];

function describeFaultRef(ctx: Ctx, ref: string): RefNow {
  const past = findFault(ctx.s, ref);
  const now = ctx.s.faults.find((a) => a.id === ref);
  // Only a snapshot from before the history existed, or a fault older than FAULT_HISTORY_MAX, lacks a record.
  const rec = past ?? now;
  if (!rec) return { text: 'a fault injected earlier (no longer on record)', refs: [], sinceMs: null, fault: true, fine: false };
  const endedMs = past?.endedMs ?? null;
  const ended = endedMs !== null ? ` (cleared at ${formatSimTime(endedMs)})` : '';
  const active = now ? ' (still active)' : '';
  const text = `${faultPhrase(rec.fault)} at ${formatSimTime(rec.sinceMs)}${ended || active}`;
  return { text, refs: [], sinceMs: rec.sinceMs, fault: true, fine: REMEDIES.includes(rec.fault.kind) };
}

/** Does a cluster-wide fact hold now? (null: not a fact we can judge; it is kept.) */
function factHolds(ctx: Ctx, ref: string): boolean | null {
  const s = ctx.s;
  switch (ref) {
    case 'fact:quorum': return quorumOk(ctx);
    case 'fact:mesos-leader': return s.mesos.leader >= 0;
    case 'fact:marathon-leader': return s.marathon.leader >= 0 && s.marathon.registered;
    case 'fact:leader.mesos': case 'fact:marathon.mesos': return Boolean(s.dns.values[ref.slice(5)]);
    case 'fact:cluster-id': return s.clusterIdZnode;
    default: return null;
  }
}

function describeFactRef(ctx: Ctx, ref: string): RefNow | null {
  const w = ctx.s.factCauses[ref];
  const live = liveFact(ctx, ref);
  const cause = live ?? w;
  if (!cause) return null;
  const refs = cause.refs ?? [];
  // A fact that holds explains nothing, unless it still names something down (exhibitor.wait needs ALL
  // ZooKeepers, so "quorum, but master-3's is down" is still a reason).
  const fine = factHolds(ctx, ref) === true && refs.length === 0;
  return { text: cause.text, refs, sinceMs: w?.since ?? null, fine, fault: false };
}

function describeNodeRef(ctx: Ctx, ref: string, n: number): RefNow {
  const node = ctx.s.nodes[n];
  const text = !node.up ? `${ref} is powered off` : node.partitioned ? `${ref} is partitioned from the other nodes` : `${ref} is up`;
  const f = ctx.s.faults.find((a) => 'node' in a.fault && a.fault.node === ref && (a.fault.kind === 'crash' || a.fault.kind === 'partition'));
  return { text, refs: f ? [f.id] : [], sinceMs: null, fine: node.up && !node.partitioned, fault: false };
}

function describeUnitRef(ctx: Ctx, ref: string, n: number, unit: string): RefNow | null {
  const u = ctx.topo.unitIdx[ctx.topo.roles[n]][unit];
  if (u === undefined) return null;
  const rt = ctx.s.nodes[n].units[u];
  if (rt.state === 'healthy') return { text: `${ref} healthy: active (running)`, refs: [], sinceMs: rt.sinceMs, fine: ctx.s.nodes[n].up, fault: false };
  if (rt.state === 'waiting') {
    const live = evalGates(ctx, n, u);
    // Every gate passes now: what it waited on is fixed; systemd simply has not retried yet.
    if (!live) return { text: `${ref} waiting: its ExecStartPre gates pass now; systemd runs them again at the next RestartSec retry`, refs: [], sinceMs: rt.sinceMs, fine: false, fault: false };
    return { text: `${ref} ${live.cause.text}`, refs: live.cause.refs ?? [], sinceMs: rt.sinceMs, fine: false, fault: false };
  }
  const text = rt.cause.text.startsWith(`${rt.state}:`) ? rt.cause.text : `${rt.state}: ${rt.cause.text}`;
  return { text: `${ref} ${text}`, refs: rt.cause.refs ?? [], sinceMs: rt.sinceMs, fine: false, fault: false };
}

/** The ref as it stands now, or null when it names nothing in this cluster. */
export function describeRef(ctx: Ctx, ref: string): RefNow | null {
  if (ref.startsWith('fault:')) return describeFaultRef(ctx, ref);
  if (ref.startsWith('fact:') || ref.startsWith('node:')) return describeFactRef(ctx, ref);
  const slash = ref.indexOf('/');
  const n = nodeAt(ctx, slash < 0 ? ref : ref.slice(0, slash));
  if (n < 0) return null;
  return slash < 0 ? describeNodeRef(ctx, ref, n) : describeUnitRef(ctx, ref, n, ref.slice(slash + 1));
}
