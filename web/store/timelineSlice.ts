/**
 * Timeline slice: the TimelineModel (built incrementally by web/viz/timelineModel.ts), the bounded event
 * log and the current narration line. Server-fed like the cluster slice: written only via feed.ts.
 * Invariant: `log` holds at most EVENT_LOG_LIMIT events, oldest first, seq strictly increasing, no duplicates.
 */
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { Bookmark } from '../../shared/protocol/messages.ts';
import { emptyTimeline, type TimelineModel } from '../viz/timelineModel.ts';

/** The newest events kept for the event log; older ones stay on the timeline but leave the list. */
export const EVENT_LOG_LIMIT = 20_000;

export interface Narration {
  seq: number;
  simTimeMs: number;
  text: string;
}

export interface TimelineSlice {
  timeline: TimelineModel;
  log: readonly SimEvent[];
  narration: Narration | null;
  /** The room's named bookmarks (sim:bookmarks and snapshots), oldest moment first. */
  bookmarks: readonly Bookmark[];
}

export function initialTimelineSlice(): TimelineSlice {
  return { timeline: emptyTimeline(), log: [], narration: null, bookmarks: [] };
}

/** Appends a batch to the log, dropping the oldest beyond the limit (one copy per batch, not per event). */
export function appendToLog(log: readonly SimEvent[], events: readonly SimEvent[]): readonly SimEvent[] {
  if (events.length === 0) return log;
  const total = log.length + events.length;
  if (total <= EVENT_LOG_LIMIT) return log.concat(events);
  if (events.length >= EVENT_LOG_LIMIT) return events.slice(events.length - EVENT_LOG_LIMIT);
  return log.slice(total - EVENT_LOG_LIMIT).concat(events);
}

/** The newest narration in a batch, or the previous one when the batch has none. */
export function latestNarration(previous: Narration | null, events: readonly SimEvent[]): Narration | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'narration') return { seq: e.seq, simTimeMs: e.simTimeMs, text: e.text };
  }
  return previous;
}
