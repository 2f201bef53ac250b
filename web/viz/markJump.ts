// Bookmark navigation: the automatic marks on the timeline (faults, leader and quorum changes, health flips,
// narration) are the moments a class wants to jump between. Pure: given the marks, the cursor and now, where the
// next / previous jump lands (null for the next one: back to live).
import type { Marker } from './timelineMarkers.ts';

/** The mark time strictly before `fromMs` (the previous moment), or null when there is none. */
export function previousMark(markers: readonly Marker[], fromMs: number): number | null {
  let best: number | null = null;
  for (const m of markers) if (m.atMs < fromMs && (best === null || m.atMs > best)) best = m.atMs;
  return best;
}

/** The mark time strictly after `fromMs` and not after now, or null (nothing later: live). */
export function nextMark(markers: readonly Marker[], fromMs: number, nowMs: number): number | null {
  let best: number | null = null;
  for (const m of markers) if (m.atMs > fromMs && m.atMs <= nowMs && (best === null || m.atMs < best)) best = m.atMs;
  return best;
}
