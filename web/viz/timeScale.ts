/**
 * Time-axis math for the timeline (pure; "D3 computes, React renders"): the visible window of simulated
 * time, how it follows "now", zooms and pans, the linear scale that maps it to pixels, mm:ss ticks, and
 * the slices of segment lists and rows that fall inside the viewport (so only those are rendered).
 *
 * Invariants: a window always has 0 <= startMs < endMs and a span between MIN_SPAN_MS and the
 * zoom-out limit; `mode` says who drives it ('follow': now stays at the right edge, 'fit': everything
 * from 0 to now, 'manual': the user panned or zoomed and the window stays put).
 */
/** Narrowest window: 2 s of simulated time across the whole width. */
export const MIN_SPAN_MS = 2_000;
/** The window shown when following "now" before the user zooms (the first minutes of a boot). */
export const DEFAULT_FOLLOW_SPAN_MS = 180_000;
/** Room left to the right of "now" while following, as a fraction of the span. */
export const FOLLOW_LEAD = 0.06;
/** The shortest timeline "fit all" shows, so a fresh boot does not zoom to a few milliseconds. */
export const MIN_FIT_MS = 60_000;
/** Zoom factor of one wheel notch / one button press. */
export const ZOOM_STEP = 1.5;

export type WindowMode = 'follow' | 'fit' | 'manual';

export interface TimeWindow {
  startMs: number;
  endMs: number;
  mode: WindowMode;
}

export function followWindow(nowMs: number, spanMs = DEFAULT_FOLLOW_SPAN_MS): TimeWindow {
  const endMs = Math.max(spanMs, nowMs + spanMs * FOLLOW_LEAD);
  return { startMs: Math.max(0, endMs - spanMs), endMs, mode: 'follow' };
}

export function fitWindow(nowMs: number): TimeWindow {
  const end = Math.max(MIN_FIT_MS, nowMs * (1 + FOLLOW_LEAD));
  // Grow in coarse steps (a power of ten near 5-50% of the span) so the scale, and with it every row,
  // changes a few times a minute of simulated time rather than on every clock tick.
  const quantum = 10 ** Math.floor(Math.log10(end * 0.5));
  return { startMs: 0, endMs: Math.ceil(end / quantum) * quantum, mode: 'fit' };
}

/** The window to draw now: follow and fit recompute from `nowMs`; manual stays where the user left it. */
export function resolveWindow(win: TimeWindow, nowMs: number): TimeWindow {
  if (win.mode === 'follow') {
    const next = followWindow(nowMs, win.endMs - win.startMs);
    return next.startMs === win.startMs && next.endMs === win.endMs ? win : next;
  }
  if (win.mode === 'fit') {
    const next = fitWindow(nowMs);
    return next.endMs === win.endMs ? win : next;
  }
  // A manual window entirely after "now" only happens after a reset: start following the new run.
  if (win.startMs > nowMs) return followWindow(nowMs, Math.min(win.endMs - win.startMs, DEFAULT_FOLLOW_SPAN_MS));
  return win;
}

function maxSpan(nowMs: number): number {
  return Math.max(MIN_FIT_MS, nowMs) * 2;
}

/**
 * Zooms by `factor` (>1 zooms in) keeping `anchorMs` under the same pixel. Zooming while following
 * keeps following (so the teacher can zoom in on the live edge); otherwise the window becomes manual.
 */
export function zoomWindow(win: TimeWindow, factor: number, anchorMs: number, nowMs: number): TimeWindow {
  const span = win.endMs - win.startMs;
  const nextSpan = Math.min(maxSpan(nowMs), Math.max(MIN_SPAN_MS, span / factor));
  if (win.mode === 'follow') return followWindow(nowMs, nextSpan);
  const ratio = span > 0 ? (anchorMs - win.startMs) / span : 0.5;
  const startMs = anchorMs - ratio * nextSpan;
  return clampWindow({ startMs, endMs: startMs + nextSpan, mode: 'manual' }, nowMs);
}

/** Moves the window by `deltaMs` (positive: later); panning always leaves follow/fit mode. */
export function panWindow(win: TimeWindow, deltaMs: number, nowMs: number): TimeWindow {
  return clampWindow({ startMs: win.startMs + deltaMs, endMs: win.endMs + deltaMs, mode: 'manual' }, nowMs);
}

/** Keeps the window over [0, now + span]: never before the boot, never entirely in the future. */
function clampWindow(win: TimeWindow, nowMs: number): TimeWindow {
  const span = win.endMs - win.startMs;
  const latestStart = Math.max(0, nowMs + span * FOLLOW_LEAD - span * 0.5);
  const startMs = Math.min(Math.max(0, win.startMs), Math.max(latestStart, 0));
  return { startMs, endMs: startMs + span, mode: win.mode };
}

/** While following, rows are drawn against a base that moves in steps of this fraction of the span. */
export const REBASE_FRACTION = 0.1;

export interface RowBase {
  /** The window rows are drawn against: starts at or before the visible one, and is a step wider. */
  startMs: number;
  endMs: number;
  widthPx: number;
  /** Visible width (the rows' clip). */
  clipPx: number;
}

/**
 * Splits a moving window into a stable base (what memoized rows are drawn against) and a pixel shift
 * (applied by CSS transform). While following, the window slides every tick but the base changes only
 * once per REBASE_FRACTION of the span, so rows re-render about ten times per window width instead of
 * on every tick. A manual window is its own base (shift 0).
 */
export function rowBase(win: TimeWindow, widthPx: number): { base: RowBase; shiftPx: number } {
  const span = win.endMs - win.startMs;
  const k = widthPx / span;
  const step = win.mode === 'follow' ? span * REBASE_FRACTION : 0;
  const startMs = step > 0 ? Math.floor(win.startMs / step) * step : win.startMs;
  return { base: { startMs, endMs: startMs + span + step, widthPx: widthPx + step * k, clipPx: widthPx }, shiftPx: (win.startMs - startMs) * k };
}

/** Simulated ms -> pixels, and back with invert(); all the timeline needs of d3's scaleLinear (d3-scale and d3-format stay out of the bundle). */
export interface TimeScale {
  (ms: number): number;
  invert(px: number): number;
}

/** The scale from simulated ms to pixels across the bars; axis, markers and overlay position with it. */
export function timeScale(win: Pick<TimeWindow, 'startMs' | 'endMs'>, widthPx: number): TimeScale {
  const { startMs, endMs } = win;
  const span = endMs - startMs;
  const width = Math.max(1, widthPx);
  const scale = ((ms: number) => (span === 0 ? width / 2 : ((ms - startMs) * width) / span)) as TimeScale;
  scale.invert = (px: number) => startMs + (px * span) / width;
  return scale;
}

// The axis speaks the same clock as the header and the log (one formatter in shared/model).
export { formatSimTime } from '../../shared/model/time.ts';

/** "2 min 05 s", "12 s", "850 ms": a duration for tooltips. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  return `${m} min ${String(total % 60).padStart(2, '0')} s`;
}

/** Tick steps that read well in m:ss (a plain decimal scale would pick 20 s, 50 s, 200 s...). */
const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);
/** Aim for a labelled tick about every this many pixels (labels like "12:30" need ~50 px). */
export const TICK_SPACING_PX = 90;

export function timeTicks(win: TimeWindow, widthPx: number): number[] {
  const span = win.endMs - win.startMs;
  const wanted = Math.max(2, Math.floor(widthPx / TICK_SPACING_PX));
  const step = TICK_STEPS_MS.find((s) => span / s <= wanted) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(win.startMs / step) * step; t <= win.endMs; t += step) ticks.push(t);
  return ticks;
}

/**
 * Indices [from, to) of the segments that overlap [startMs, endMs]. Segments are sorted and contiguous,
 * so a binary search finds the first; O(log n + visible).
 */
export function visibleRange(segments: readonly { fromMs: number; toMs: number | null }[], startMs: number, endMs: number): [number, number] {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const to = segments[mid]!.toMs;
    if (to !== null && to < startMs) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < segments.length && segments[end]!.fromMs <= endMs) end++;
  return [lo, end];
}

/** Rows [first, last) to render for a vertical scroll position, with `overscan` rows either side. */
export function virtualRows(scrollTop: number, viewportPx: number, rowPx: number, count: number, overscan = 4): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportPx) / rowPx) + overscan);
  return [first, Math.max(first, last)];
}
