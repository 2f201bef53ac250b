/**
 * Timeline slice: the TimelineModel (built incrementally by web/store/timelineModel.ts), the bounded event
 * log (the narration dock reads its transcript from it). Server-fed like the cluster slice: written only via feed.ts.
 * Invariant: `log` holds at most EVENT_LOG_LIMIT events, oldest first, seq strictly increasing, no duplicates.
 */
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { Bookmark } from '../../shared/protocol/messages.ts';
import { emptyTimeline, type TimelineModel } from './timelineModel.ts';

/** The newest events kept for the event log; older ones stay on the timeline but leave the list. */
export const EVENT_LOG_LIMIT = 20_000;

export interface TimelineSlice {
  timeline: TimelineModel;
  log: readonly SimEvent[];
  /** The room's named bookmarks (sim:bookmarks and snapshots), oldest moment first. */
  bookmarks: readonly Bookmark[];
  /** Paging older history into a timeline that starts mid-way (sim:history; web/store/timelineSeed.ts). */
  olderHistory: OlderHistory;
}

/**
 * `loading`: a page was asked for; `trimmed`: the room keeps nothing older, yet the timeline does not reach t=0 (the
 * full log is only in the events download); `error`: the last page was refused (shown beside the button).
 */
export interface OlderHistory {
  loading: boolean;
  trimmed: boolean;
  error: string | null;
}

export const IDLE_OLDER_HISTORY: OlderHistory = { loading: false, trimmed: false, error: null };

export function initialTimelineSlice(): TimelineSlice {
  return { timeline: emptyTimeline(), log: [], bookmarks: [], olderHistory: IDLE_OLDER_HISTORY };
}

/** Appends a batch to the log, dropping the oldest beyond the limit (one copy per batch, not per event). */
export function appendToLog(log: readonly SimEvent[], events: readonly SimEvent[]): readonly SimEvent[] {
  if (events.length === 0) return log;
  const total = log.length + events.length;
  if (total <= EVENT_LOG_LIMIT) return log.concat(events);
  if (events.length >= EVENT_LOG_LIMIT) return events.slice(events.length - EVENT_LOG_LIMIT);
  return log.slice(total - EVENT_LOG_LIMIT).concat(events);
}

