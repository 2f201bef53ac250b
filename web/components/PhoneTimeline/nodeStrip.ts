/**
 * A node's or a unit's whole history as one strip of coloured spans, 0 to now, for a phone (PhoneTimeline.tsx): no
 * axis to zoom or pan on a 390 px screen, the story at a glance. Pure: segments in, spans as fractions of the width
 * out, so the SVG can stretch to any width.
 */
import type { Segment } from '../../store/timelineModel.ts';

export interface Span<S extends string> {
  /** 0..1 of the strip's width. */
  x: number;
  w: number;
  state: S;
}

/** Spans of [0, endMs]; an open segment runs to endMs; nothing is drawn before anything happened. */
export function stripSpans<S extends string>(segments: readonly Segment<S>[], endMs: number): Span<S>[] {
  if (endMs <= 0) return [];
  const spans: Span<S>[] = [];
  for (const seg of segments) {
    const from = Math.max(0, Math.min(endMs, seg.fromMs));
    const to = Math.max(from, Math.min(endMs, seg.toMs ?? endMs));
    if (to > from) spans.push({ x: from / endMs, w: (to - from) / endMs, state: seg.state });
  }
  return spans;
}
