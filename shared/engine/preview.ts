// Preview / blast radius (architecture.md §6, `sim:preview`): what a fault would do within a horizon if it were
// injected now and nothing else happened (no scenario steps, no other commands). Computed aside on a copy restored
// from the snapshot, so the source engine is never touched, and by the same engine code, so the preview is exactly
// what then happens (same seed + same state + same command = same events: determinism is the whole argument).
// Cluster rule: `cluster.health` is the cluster health at the end of the horizon; `cluster.atMs` is the time of
// the last `cluster` event that changed the health to that value (a `cluster` event that only moves the monitor
// is not a change), or `fromMs` (now) if the health never changed within the horizon. So a cluster that goes
// Unhealthy and recovers reports {healthy, when it recovered}; one that never changes reports {its health, now}.
// Invariants: pure; rejected faults give exactly inject's error and compute nothing; the work is bounded by
// `maxEvents` (a preview over a huge cluster answers an error instead of running unbounded).
import type { AffectedUnit, Engine, EngineSnapshot, Fault, Health, SimEvent } from './types.ts';

export type { AffectedUnit } from './types.ts';
import { restoreEngine } from './index.ts';
import { describePreview } from './previewSummary.ts';

export const PREVIEW_DEFAULT_HORIZON_MS = 300_000;
export const PREVIEW_MAX_HORIZON_MS = 1_800_000;
/** About 1 s of CPU (the engine runs some 100k events per second of CPU, bench/); beyond it a preview refuses. */
export const PREVIEW_MAX_EVENTS = 200_000;
/** The copy advances in slices of this much simulated time, checking the event budget between them. */
const SLICE_MS = 10_000;


export interface PreviewOutcome {
  /** Now: the simulated time the fault would be injected at. */
  fromMs: number;
  untilMs: number;
  /** One entry per unit that changes state, in the order of their first changes. */
  affected: AffectedUnit[];
  cluster: { health: Health; atMs: number };
  /** For the fault menu: "3 units fail, cluster Unhealthy after 62 s, API stays up". */
  summary: string;
}

export type PreviewResult = ({ ok: true } & PreviewOutcome) | { ok: false; error: string };

export interface PreviewOptions {
  horizonMs?: number;
  maxEvents?: number;
}

function isEngine(from: Engine | EngineSnapshot): from is Engine {
  return typeof (from as Partial<Engine>).snapshot === 'function';
}

export function previewFault(from: Engine | EngineSnapshot, fault: Fault, options: PreviewOptions = {}): PreviewResult {
  const horizonMs = options.horizonMs ?? PREVIEW_DEFAULT_HORIZON_MS;
  if (!Number.isInteger(horizonMs) || horizonMs < 1 || horizonMs > PREVIEW_MAX_HORIZON_MS) {
    return { ok: false, error: `horizonMs must be a whole number of ms from 1 to ${PREVIEW_MAX_HORIZON_MS} (30 min); got ${String(horizonMs)}` };
  }
  const maxEvents = options.maxEvents ?? PREVIEW_MAX_EVENTS;
  // restoreEngine copies its input, so a caller's snapshot is never aliased by the copy we run.
  const copy = restoreEngine(isEngine(from) ? from.snapshot() : from);
  const before = copy.view();
  const fromMs = copy.simTimeMs;
  const injected = copy.inject(fault);
  if (!injected.ok) return injected;
  const untilMs = fromMs + horizonMs;
  const events: SimEvent[] = injected.events;
  for (let t = fromMs; t < untilMs; ) {
    t = Math.min(untilMs, t + SLICE_MS);
    // advanceTo in slices gives the same events as one call: the wall-clock driver advances this way too.
    for (const e of copy.advanceTo(t)) events.push(e);
    if (events.length > maxEvents) {
      return { ok: false, error: `preview too large: more than ${maxEvents} events within ${horizonMs} ms on this cluster; try a shorter horizon` };
    }
  }
  const outcome = summarise(events, fromMs, before.clusterHealth);
  const summary = describePreview({ ...outcome, fromMs, healthBefore: before.clusterHealth, apiBefore: before.availability.apiReachable, events });
  return { ok: true, fromMs, untilMs, ...outcome, summary };
}

/** First change per unit and the cluster rule above, from the events of the horizon alone. */
export function summarise(events: readonly SimEvent[], fromMs: number, healthBefore: Health): Pick<PreviewOutcome, 'affected' | 'cluster'> {
  const affected: AffectedUnit[] = [];
  const seen = new Set<string>();
  let health = healthBefore;
  let atMs = fromMs;
  for (const e of events) {
    if (e.type === 'unit') {
      const key = `${e.node}/${e.unit}`;
      if (seen.has(key)) continue;
      seen.add(key);
      affected.push({ node: e.node, unit: e.unit, to: e.to, atMs: e.simTimeMs });
    } else if (e.type === 'cluster' && e.health !== health) {
      health = e.health;
      atMs = e.simTimeMs;
    }
  }
  return { affected, cluster: { health, atMs } };
}
