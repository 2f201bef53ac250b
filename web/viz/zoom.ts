// Pan/zoom for an SVG viewport, as a factory with update/destroy so ONE React effect owns its lifetime.
// The transform is written straight onto the viewport <g> (no React render per wheel tick), and only
// `fit()` / a changed content shape moves it programmatically, so streaming events never reset the user's zoom.
// From the d3 umbrella package (a direct dependency); importing it also installs selection.transition.
import { select, zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';

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

export function createZoom(svg: SVGSVGElement, viewport: SVGGElement, initial: ZoomSize): ZoomController {
  let size = initial;
  let touched = false;
  const sel = select<SVGSVGElement, unknown>(svg);
  const apply = (t: ZoomTransform): void => viewport.setAttribute('transform', t.toString());
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = d3zoom<SVGSVGElement, unknown>()
    .scaleExtent([MIN_SCALE, MAX_SCALE])
    // Keyboard users activate vertices; don't start a pan from a button press inside the drawing.
    .filter((ev: Event) => !(ev instanceof MouseEvent && ev.button !== 0) && !(ev.target instanceof Element && ev.target.closest('[data-nozoom]')))
    .on('zoom', (ev: { transform: ZoomTransform; sourceEvent: unknown }) => {
      if (ev.sourceEvent) touched = true;
      apply(ev.transform);
    });
  sel.call(behavior).on('dblclick.zoom', null);

  const set = (t: { x: number; y: number; k: number }, animate: boolean): void => {
    const zt = zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (animate) sel.transition().duration(250).call(behavior.transform, zt);
    else sel.call(behavior.transform, zt);
  };

  return {
    update(next, refit = false) {
      size = next;
      if (refit || !touched) this.fit();
    },
    fit(animate = false) {
      touched = false;
      set(fitTransform(size), animate);
    },
    zoomBy(factor) {
      touched = true;
      sel.transition().duration(150).call(behavior.scaleBy, factor);
    },
    touched() {
      return touched;
    },
    transform() {
      const t = (svg as unknown as { __zoom?: ZoomTransform }).__zoom ?? zoomIdentity;
      return { x: t.x, y: t.y, k: t.k };
    },
    destroy() {
      sel.interrupt();
      sel.on('.zoom', null);
    },
  };
}
