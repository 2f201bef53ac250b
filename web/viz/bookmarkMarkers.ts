// Named bookmarks as timeline marks: drawn on the axis in their own style next to the automatic marks (faults,
// leaders, quorum, health, narration) and jumped to with [ and ] like them. Pure. A bookmark's seq is negative
// (-id) so it never collides with an engine event's seq, which keys the chips.
import type { Bookmark } from '../../shared/protocol/messages.ts';
import { formatSimTime } from '../../shared/model/time.ts';
import type { Marker } from './timelineMarkers.ts';

/** Longest chip label; the tooltip carries the whole name. */
const LABEL_CHARS = 18;

export function bookmarkMarker(b: Bookmark): Marker {
  const short = b.name.length > LABEL_CHARS ? `${b.name.slice(0, LABEL_CHARS - 1)}…` : b.name;
  return { seq: -b.id, atMs: b.atMs, kind: 'bookmark', node: null, label: `★ ${short}`, detail: `Bookmark "${b.name}" at ${formatSimTime(b.atMs)}.` };
}

/** The automatic marks and the bookmarks in one list in time order (both already are), automatic first on a tie. */
export function withBookmarks(markers: readonly Marker[], bookmarks: readonly Bookmark[]): readonly Marker[] {
  if (bookmarks.length === 0) return markers;
  const out: Marker[] = [];
  let i = 0;
  for (const b of bookmarks) {
    while (i < markers.length && markers[i]!.atMs <= b.atMs) out.push(markers[i++]!);
    out.push(bookmarkMarker(b));
  }
  while (i < markers.length) out.push(markers[i++]!);
  return out;
}
