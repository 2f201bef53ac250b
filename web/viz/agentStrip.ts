/**
 * A whole group of agents as one timeline strip (issue 10): how many agents of a role are in each worst-unit state,
 * as a step function of simulated time. At 10,000 agents one lane per agent is neither drawable nor readable; the
 * strip shows the boot wave (pending → waiting → starting → healthy) and any failure as a share of the group.
 * Built per event from the lanes' worst-state changes (timelineModel.ts), so it does not depend on how events were
 * batched. Memory is bounded: past MAX_STRIP_SAMPLES the shortest-lived samples are dropped (thin()).
 */
import type { UnitState } from '../../shared/protocol/types.ts';
import { roleOfNode } from '../../shared/model/cluster.ts';

export const MAX_STRIP_SAMPLES = 1_024;

export type AgentGroup = 'agent' | 'agent_public';

export interface StripSample {
  atMs: number;
  /** Agents of the group seen so far, by worst unit state (agents not seen yet are pending). */
  counts: Readonly<Partial<Record<UnitState, number>>>;
  /** Agents of the group registered with the leading Mesos master (absent: none). */
  registered?: number;
}

export interface AgentStrip {
  samples: readonly StripSample[];
}

export const EMPTY_STRIP: AgentStrip = { samples: [] };

/** Which strip a node's lane feeds, or null for masters. */
// Asked per event and per node on every render: parsing 10,000 ids with a regular expression each time showed in
// profiles. Node ids are few (at most ~11,000 in a room), so the answers are remembered; the cap only guards
// against a page fed ids without end.
const groups = new Map<string, AgentGroup | null>();
const GROUP_CACHE_MAX = 50_000;

export function groupOf(node: string): AgentGroup | null {
  let g = groups.get(node);
  if (g === undefined) {
    const role = roleOfNode(node);
    g = role === 'agent' || role === 'agent_public' ? role : null;
    if (groups.size >= GROUP_CACHE_MAX) groups.clear();
    groups.set(node, g);
  }
  return g;
}

/**
 * One agent's worst state went from `from` (undefined: first seen) to `to` at `atMs`. Mutates `samples`, which
 * the caller owns for this batch (copy-on-first-write).
 */
export function recordChange(samples: StripSample[], atMs: number, from: UnitState | undefined, to: UnitState): void {
  if (from === to) return;
  const last = samples[samples.length - 1];
  const counts: Partial<Record<UnitState, number>> = { ...last?.counts };
  if (from !== undefined) counts[from] = Math.max(0, (counts[from] ?? 0) - 1);
  counts[to] = (counts[to] ?? 0) + 1;
  put(samples, last, withRegistered({ atMs, counts }, last?.registered));
}

/** One agent of the group registered (+1) or dropped off (-1) at `atMs`. Mutates `samples` like recordChange. */
export function recordRegistration(samples: StripSample[], atMs: number, delta: 1 | -1): void {
  const last = samples[samples.length - 1];
  put(samples, last, withRegistered({ atMs, counts: last?.counts ?? {} }, Math.max(0, (last?.registered ?? 0) + delta)));
}

function withRegistered(sample: StripSample, registered: number | undefined): StripSample {
  if (registered !== undefined && registered > 0) sample.registered = registered;
  return sample;
}

/** Replaces the last sample when it is at the same moment (one change per instant), else appends; keeps the cap. */
function put(samples: StripSample[], last: StripSample | undefined, sample: StripSample): void {
  if (last !== undefined && last.atMs === sample.atMs) samples[samples.length - 1] = sample;
  else samples.push(sample);
  if (samples.length > MAX_STRIP_SAMPLES) thin(samples);
}

/**
 * Drops a quarter of the samples, those in force for the shortest time (a storm of 5,000 registrations within a
 * second before the sparse minutes around it): a dropped sample's change shows at the next sample's time, so a
 * change may show a little late, never before it happened, and long-lived states (a leader gone for 10 minutes)
 * survive any number of thinnings. The first and the last samples are never dropped.
 */
function thin(samples: StripSample[]): void {
  const inner = samples.length - 2;
  if (inner <= 0) return;
  const order = Array.from({ length: inner }, (_, k) => k + 1);
  const lasts = (i: number) => samples[i + 1]!.atMs - samples[i]!.atMs;
  order.sort((a, b) => lasts(a) - lasts(b) || a - b);
  const drop = new Set(order.slice(0, Math.max(1, Math.floor(samples.length / 4))));
  let w = 0;
  for (let i = 0; i < samples.length; i++) if (!drop.has(i)) samples[w++] = samples[i]!;
  samples.length = w;
}

/**
 * An older stretch of the strip put before a newer one (timelineSeed.ts pages older history in): the older samples up
 * to the newer strip's first moment, then the newer ones (whose first sample, at the join, already holds the state
 * there), thinned back under MAX_STRIP_SAMPLES.
 */
export function joinStrips(older: AgentStrip, newer: AgentStrip): AgentStrip {
  if (older.samples.length === 0) return newer;
  const joinMs = newer.samples[0]?.atMs ?? Infinity;
  const samples = older.samples.filter((s) => s.atMs < joinMs).concat(newer.samples);
  while (samples.length > MAX_STRIP_SAMPLES) thin(samples);
  return { samples };
}

/** Counts with the agents not seen yet as pending (they have not started anything). */
export function withUnseen(counts: StripSample['counts'] | null, total: number): Partial<Record<UnitState, number>> {
  const out: Partial<Record<UnitState, number>> = { ...counts };
  const seen = Object.values(out).reduce((a, b) => a + (b ?? 0), 0);
  out.pending = (out.pending ?? 0) + Math.max(0, total - seen);
  return out;
}

/**
 * What the strip says of the group's `total` agents at `atMs`, or null before `startMs` (history not loaded: the strip
 * knows nothing then, and must not call it pending).
 */
export function stripCountsAt(strip: AgentStrip, atMs: number, total: number, startMs = 0): Partial<Record<UnitState, number>> | null {
  if (atMs < startMs) return null;
  return withUnseen(countsAt(strip, atMs), total);
}

/** The counts in force at `atMs` (the last sample at or before it), or null before the first. */
export function countsAt(strip: AgentStrip, atMs: number): StripSample['counts'] | null {
  return sampleAt(strip, atMs)?.counts ?? null;
}

/** How many agents of the group were registered at `atMs` (0 before the first sample). */
export function registeredAt(strip: AgentStrip, atMs: number): number {
  return sampleAt(strip, atMs)?.registered ?? 0;
}

function sampleAt(strip: AgentStrip, atMs: number): StripSample | null {
  const s = strip.samples;
  let lo = 0;
  let hi = s.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]!.atMs <= atMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : s[found]!;
}
