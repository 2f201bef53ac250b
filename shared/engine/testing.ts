// Test helpers shared by the engine's colocated tests (not used by production code): run a cluster with a
// timed list of faults and collect the whole event log.
import type { ClusterConfig, Engine, Fault, SimEvent } from './types.ts';
import { createEngine } from './index.ts';

export const SMALL: ClusterConfig = { masters: 3, agents: 2, publicAgents: 1 };

export interface Run {
  engine: Engine;
  log: SimEvent[];
  rejected: string[];
}

/** Boot `cluster` with `seed`, inject each [atMs, fault] in order, and advance to `untilMs`. */
export function runWith(cluster: ClusterConfig, seed: number, faults: [number, Fault][], untilMs: number): Run {
  const engine = createEngine({ cluster, seed });
  const log: SimEvent[] = [];
  const rejected: string[] = [];
  for (const [at, f] of faults) {
    log.push(...engine.advanceTo(at));
    const r = engine.inject(f);
    if (r.ok) log.push(...r.events);
    else rejected.push(r.error);
  }
  log.push(...engine.advanceTo(untilMs));
  return { engine, log, rejected };
}

export function firstAfter<T extends SimEvent['type']>(log: SimEvent[], t: number, type: T, pred: (e: Extract<SimEvent, { type: T }>) => boolean = () => true): Extract<SimEvent, { type: T }> | undefined {
  for (const e of log) if (e.simTimeMs >= t && e.type === type && pred(e as Extract<SimEvent, { type: T }>)) return e as Extract<SimEvent, { type: T }>;
  return undefined;
}

export function firstHealthyMs(log: SimEvent[]): number | null {
  const e = log.find((x) => x.type === 'cluster' && x.health === 'healthy');
  return e ? e.simTimeMs : null;
}
