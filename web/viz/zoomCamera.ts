// The camera of a pan/zoom viewport, as numbers: sizes, limits and the fit. Both halves of the zoom (zoom.ts, which
// draws before d3 has loaded, and the lazy d3 half, zoomD3.ts) read it, so neither imports the other for it.

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 3;
/** Fit zooms in a little on big panes (legible from the back), never more (small clusters would look cartoonish). */
export const MAX_FIT_SCALE = 1.3;
export const FIT_MARGIN = 10;
/** Width kept free on the right for the zoom buttons (a vertical stack over the drawing). */
export const CONTROLS_INSET = 48;
export const ZOOM_STEP = 1.3;

export interface ZoomSize {
  contentW: number;
  contentH: number;
  viewW: number;
  viewH: number;
}

export interface Camera {
  x: number;
  y: number;
  k: number;
}

export interface ZoomController {
  /**
   * New content/view sizes. Re-fits when `refit` (the content's shape changed) or when the user has not zoomed or
   * panned since the last fit (so a resized pane stays fitted); otherwise the user's camera is kept.
   */
  update(size: ZoomSize, refit?: boolean): void;
  /** True once the user zoomed or panned since the last fit. */
  touched(): boolean;
  fit(animate?: boolean): void;
  zoomBy(factor: number): void;
  transform(): { x: number; y: number; k: number };
  destroy(): void;
}

/** The transform that shows all content centred, with a margin, at most at MAX_FIT_SCALE. */
export function fitTransform(s: ZoomSize): { x: number; y: number; k: number } {
  const viewW = s.viewW - CONTROLS_INSET;
  const availW = Math.max(1, viewW - 2 * FIT_MARGIN);
  const availH = Math.max(1, s.viewH - 2 * FIT_MARGIN);
  const k = Math.max(MIN_SCALE, Math.min(MAX_FIT_SCALE, availW / Math.max(1, s.contentW), availH / Math.max(1, s.contentH)));
  return { k, x: Math.max(FIT_MARGIN, (viewW - s.contentW * k) / 2), y: Math.max(FIT_MARGIN, (s.viewH - s.contentH * k) / 2) };
}
