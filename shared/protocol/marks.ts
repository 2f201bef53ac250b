// Which engine events are "marks": the moments a class looks for on the timeline (a fault starting or ending, a
// leader change, a ZooKeeper quorum change, a cluster health flip, a narration line). One list, read by the server's
// "skip quiet stretches" (it runs on until the next mark) and checked against the web's markers
// (web/viz/timelineMarkers.ts draws exactly these), so "quiet" means the same thing on both sides.
import type { SimEvent } from '../engine/types.ts';

export const MARK_EVENT_TYPES = ['fault', 'leader', 'quorum', 'cluster', 'narration'] as const satisfies readonly SimEvent['type'][];

const MARKS: ReadonlySet<string> = new Set(MARK_EVENT_TYPES);

export function isMarkEvent(event: SimEvent): boolean {
  return MARKS.has(event.type);
}
