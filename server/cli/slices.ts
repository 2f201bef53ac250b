// How far the CLI advances the engine at once: slices sized by how many events the last one made (the run, the
// journal and the scale bench share it).

/** Longest stretch of simulated time advanced at once (quiet stretches). */
export const SLICE_MS = 10_000;
/** The first slice: a boot starts busy (a 10,000-agent cluster makes ~136k events in its first 10 s). */
export const FIRST_SLICE_MS = 100;
/** Events a slice should hold: the engine hands a slice over as one array, so its events live until it is written. */
export const SLICE_EVENTS = 4_096;
const MIN_SLICE_MS = 10;

/**
 * The next slice's length after one of `spanMs` that produced `events`: halved while slices run over SLICE_EVENTS,
 * doubled back (up to SLICE_MS) once they run well under. Events held at once by the hundred thousand outlive the
 * young generation and get copied by every scavenge. The log does not
 * depend on slicing (same engine calls in the same order, only cut at different instants).
 */
export function nextSliceMs(spanMs: number, events: number): number {
  if (events > SLICE_EVENTS) return Math.max(MIN_SLICE_MS, Math.floor(spanMs / 2));
  if (events < SLICE_EVENTS / 4) return Math.min(SLICE_MS, spanMs * 2);
  return spanMs;
}
