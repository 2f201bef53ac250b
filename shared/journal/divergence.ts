// Where a real boot and the model part ways: the first time each milestone happened in the real journal against
// the first time it happened in the simulated run, both from boot (time 0). Milestones: every unit's first
// "became ready" (systemd "Started", the model's first healthy), the first Mesos and Marathon leader, ZooKeeper's
// first quorum and the first agent registered. A milestone the real journal never mentions is no divergence (the
// journal may simply not cover that node); one it reached and the model did not (or the reverse) is.
import type { SimEvent } from '../engine/types.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';
import { formatSimTime } from '../model/time.ts';
import type { JournalFact } from './types.ts';

export interface Milestone {
  key: string;
  what: string;
  atMs: number;
}

export interface Divergence {
  key: string;
  what: string;
  realAtMs: number | null;
  modelAtMs: number | null;
  /** real - model (positive: the real cluster was later). */
  deltaMs: number | null;
  text: string;
}

/** Differences under this are noise (journal second resolution, scheduling jitter). */
export const MIN_DIVERGENCE_MS = 1_000;
export const MAX_DIVERGENCES = 100;

const unitWhat = (unit: string) => `${UNIT_CATALOG[unit]?.name ?? unit} became ready`;
const WHAT: Record<string, string> = {
  'leader:mesos': 'Mesos elected a leader',
  'leader:marathon': 'Marathon elected a leader',
  'quorum:formed': 'ZooKeeper formed a quorum',
  'agent:registered': 'the first agent registered',
};

function note(into: Map<string, Milestone>, key: string, what: string, atMs: number): void {
  const seen = into.get(key);
  if (seen === undefined || atMs < seen.atMs) into.set(key, { key, what, atMs });
}

export function realMilestones(facts: readonly JournalFact[]): Map<string, Milestone> {
  const out = new Map<string, Milestone>();
  for (const f of facts) {
    if (f.kind === 'unit' && f.to === 'healthy' && f.unit) note(out, `unit:${f.unit}`, unitWhat(f.unit), f.atMs);
    else if (f.kind === 'leader' && (f.to === 'mesos' || f.to === 'marathon')) note(out, `leader:${f.to}`, WHAT[`leader:${f.to}`], f.atMs);
    else if (f.kind === 'quorum' && f.to === 'formed') note(out, 'quorum:formed', WHAT['quorum:formed'], f.atMs);
    else if (f.kind === 'agent' && f.to === 'registered') note(out, 'agent:registered', WHAT['agent:registered'], f.atMs);
  }
  return out;
}

/**
 * The same milestones from the engine's event log (one pass; first occurrences only). `nodes`: the model nodes the
 * real journal covers (its hosts that are nodes of the room): a unit or an agent counts only there, so one master's
 * journal is compared with that master, not with whichever master was first. Leaders count cluster-wide: only the
 * leader's own journal says "Elected", so its time is the cluster's. Empty: the whole cluster.
 */
export function modelMilestones(events: Iterable<SimEvent>, nodes: ReadonlySet<string> = new Set()): Map<string, Milestone> {
  const out = new Map<string, Milestone>();
  const covered = (node: string | null) => nodes.size === 0 || (node !== null && nodes.has(node));
  for (const e of events) {
    if (e.type === 'unit' && e.to === 'healthy' && !out.has(`unit:${e.unit}`) && covered(e.node)) note(out, `unit:${e.unit}`, unitWhat(e.unit), e.simTimeMs);
    else if (e.type === 'leader' && e.node !== null && !out.has(`leader:${e.role}`)) note(out, `leader:${e.role}`, WHAT[`leader:${e.role}`] ?? `${e.role} leader`, e.simTimeMs);
    else if (e.type === 'quorum' && e.have >= e.need && !out.has('quorum:formed')) note(out, 'quorum:formed', WHAT['quorum:formed'], e.simTimeMs);
    else if (e.type === 'agent' && e.registered && !out.has('agent:registered') && covered(e.node)) note(out, 'agent:registered', WHAT['agent:registered'], e.simTimeMs);
  }
  return out;
}

/** "real Mesos DNS became ready 4:10 later than the model", biggest gaps first. */
export function divergences(real: Map<string, Milestone>, model: Map<string, Milestone>, untilMs: number): Divergence[] {
  const out: Divergence[] = [];
  for (const r of real.values()) {
    const m = model.get(r.key);
    if (m === undefined) {
      out.push({ key: r.key, what: r.what, realAtMs: r.atMs, modelAtMs: null, deltaMs: null, text: `real: ${r.what} at ${formatSimTime(r.atMs)}; the model had not by ${formatSimTime(untilMs)}` });
      continue;
    }
    const delta = r.atMs - m.atMs;
    if (Math.abs(delta) < MIN_DIVERGENCE_MS) continue;
    out.push({
      key: r.key, what: r.what, realAtMs: r.atMs, modelAtMs: m.atMs, deltaMs: delta,
      text: `real ${r.what} ${formatSimTime(Math.abs(delta))} ${delta > 0 ? 'later' : 'earlier'} than the model`,
    });
  }
  out.sort((a, b) => Math.abs(b.deltaMs ?? Number.MAX_SAFE_INTEGER) - Math.abs(a.deltaMs ?? Number.MAX_SAFE_INTEGER) || a.key.localeCompare(b.key));
  return out.slice(0, MAX_DIVERGENCES);
}
