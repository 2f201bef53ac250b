// A room's event history: every event of the current simulation, oldest first, capped so a classroom
// session of hours cannot exhaust memory. Invariant: the kept events are consecutive in seq and end at the
// newest one; `trimmed` counts the oldest events dropped (the snapshot reports it).
import type { SimEvent } from '../../../shared/engine/types.ts';
import { newestWithin } from './eventWeight.ts';

/** Trim in chunks (10% over the cap) so appending stays amortised O(1). */
const TRIM_SLACK = 0.1;

export class EventHistory {
  private events: SimEvent[] = [];
  private trimmedCount = 0;

  constructor(private readonly maxEvents: number) {
    if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new Error(`maxEvents must be a positive integer, got ${maxEvents}`);
  }

  get trimmed(): number {
    return this.trimmedCount;
  }
  get length(): number {
    return this.events.length;
  }

  append(events: readonly SimEvent[]): void {
    for (const event of events) this.events.push(event);
    const limit = this.maxEvents + Math.ceil(this.maxEvents * TRIM_SLACK);
    if (this.events.length > limit) {
      const drop = this.events.length - this.maxEvents;
      this.events.splice(0, drop);
      this.trimmedCount += drop;
    }
  }

  /** seq of the oldest kept event (0 when none is kept). */
  get oldestSeq(): number {
    return this.events[0]?.seq ?? 0;
  }

  /** The newest `limit` kept events with seq < beforeSeq, oldest first (a copy; sim:history pages them, historyPage.ts). */
  before(beforeSeq: number, limit: number): SimEvent[] {
    // Kept events are consecutive in seq, but a binary search does not rely on it.
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.seq < beforeSeq) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(Math.max(0, lo - limit), lo);
  }

  /** A copy, so a snapshot in flight cannot see later appends. */
  all(): SimEvent[] {
    return this.events.slice();
  }

  /**
   * The newest events whose weights sum to at most `max` (a copy; at least the newest one), and how many older ones
   * since t=0 they leave out (trimmed ones included).
   */
  recent(max: number, weight: (e: SimEvent) => number = () => 1): { events: SimEvent[]; omitted: number } {
    const from = newestWithin(this.events, max, weight);
    return { events: this.events.slice(from), omitted: this.trimmedCount + from };
  }
}
