// How much of a batch or a snapshot window an event uses: one, plus two per node report a dcos-diagnostics pull
// carries (a report is ~600 bytes of JSON, about two ordinary events; the first pull of a 10,000-agent cluster
// carries all 10,105). Batches (room.ts) and the snapshot window (history.ts) count in this unit, and their bounds
// live here.
import type { SimEvent } from '../../../shared/engine/types.ts';

export function eventWeight(e: SimEvent): number {
  return e.type === 'diagnostics' ? 1 + 2 * (e.changed?.length ?? 0) : 1;
}

/**
 * The most events one `sim:events` batch carries (about 1.5 MB of JSON): a skip or a big cluster's boot can produce
 * more in one tick, and one huge emit would hold the event loop and every viewer's parser at once.
 */
export const MAX_BATCH_EVENTS = 5_000;

/**
 * The most events a snapshot carries (about 3 MB): a whole 3+100 boot weighs ~6,000, so small rooms still send their
 * history from t=0; a 10,000-agent boot is ~500,000 events, of which a joining viewer gets the newest and
 * `historyTrimmed` says how many came before.
 */
export const SNAPSHOT_MAX_EVENTS = 10_000;

/**
 * Where the newest events of `events` whose weights sum to at most `max` start (at least the newest one, as a batch
 * always has one): the snapshot's recent window (history.ts) and a sim:history page (historyPage.ts) cut here.
 */
export function newestWithin(events: readonly SimEvent[], max: number, weight: (e: SimEvent) => number = eventWeight): number {
  let from = events.length;
  let used = 0;
  while (from > 0) {
    const w = weight(events[from - 1]!);
    if (used + w > max && from < events.length) break;
    used += w;
    from -= 1;
  }
  return from;
}

/** `events` cut into consecutive runs of at most `maxWeight` (an event heavier than that alone is a run of its own). */
export function splitByWeight(events: SimEvent[], maxWeight: number): SimEvent[][] {
  const runs: SimEvent[][] = [];
  let from = 0;
  while (from < events.length) {
    let to = from;
    let weight = 0;
    while (to < events.length && (to === from || weight + eventWeight(events[to]) <= maxWeight)) weight += eventWeight(events[to++]);
    runs.push(from === 0 && to === events.length ? events : events.slice(from, to));
    from = to;
  }
  return runs;
}
