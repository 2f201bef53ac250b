// sim:history (issue 10): a late joiner pages a big room's older events in, one bounded page at a time, in front of
// the snapshot's recent window. The schema bounds what a client may ask; the page type is what both sides read.
// Invariants: a page holds consecutive seqs ending right before `beforeSeq` (the newest older events the room still
// keeps), oldest first; `done` says the room keeps nothing older (its oldest kept event is in this page, or none is
// older than beforeSeq); `epoch` lets the page drop a page of a history that a reset or rewind replaced.
import { z } from 'zod';
import type { SimEvent } from '../engine/types.ts';

/** The most events one page may hold (the server also caps its weight at MAX_BATCH_EVENTS, server/eventWeight.ts). */
export const HISTORY_PAGE_MAX = 5_000;

export const historySchema = z.strictObject({
  beforeSeq: z.number().int('beforeSeq must be a whole number').min(1, 'beforeSeq must be at least 1').max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(HISTORY_PAGE_MAX, `limit must be at most ${HISTORY_PAGE_MAX}`).optional(),
});
export type HistoryRequest = z.infer<typeof historySchema>;

export interface HistoryPage {
  epoch: number;
  /** Oldest first; seq consecutive and < beforeSeq (viewer-slim: a big room's pulls list only the masters). */
  events: SimEvent[];
  /** seq of the oldest event the room still keeps (1: it keeps everything since t=0; 0: it keeps none). */
  oldestKeptSeq: number;
  /** Nothing older than this page is kept: either the page reaches seq 1 (t=0) or the room trimmed the rest. */
  done: boolean;
}
