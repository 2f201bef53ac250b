// One sim:history page of a room: the newest kept events before a seq, as a viewer gets them (slim above
// 1,000 nodes, snapshotView.ts), cut to at most MAX_BATCH_EVENTS of weight (eventWeight.ts) counted on what is sent,
// so a page is never bigger than a live batch (about 1.5 MB of JSON). Pure apart from reading the history.
import type { ClusterConfig } from '../../../shared/engine/types.ts';
import type { HistoryPage } from '../../../shared/protocol/history.ts';
import { MAX_BATCH_EVENTS, newestWithin } from './eventWeight.ts';
import type { EventHistory } from './eventHistory.ts';
import { viewerEvents } from './snapshotView.ts';

export function historyPage(history: EventHistory, cluster: ClusterConfig, epoch: number, beforeSeq: number, limit: number): HistoryPage {
  const slim = viewerEvents(history.before(beforeSeq, limit), cluster);
  // The page ends right before beforeSeq.
  const from = newestWithin(slim, MAX_BATCH_EVENTS);
  const events = from === 0 ? slim : slim.slice(from);
  const oldestKeptSeq = history.oldestSeq;
  return { epoch, events, oldestKeptSeq, done: events.length === 0 || events[0]!.seq <= oldestKeptSeq };
}
