// Pan/zoom for an SVG viewport, as a factory with update/destroy so ONE React effect owns its lifetime.
// The transform is written straight onto the viewport <g> (no React render per wheel tick), and only
// `fit()` / a changed content shape moves it programmatically, so streaming events never reset the user's zoom.
// d3-zoom (pan, wheel, pinch) comes in a lazy chunk (zoomD3.ts): until it has loaded, the controller draws, fits and
// zooms by the buttons itself, then hands its camera and touched flag over, so the first graph never waits for d3.
import type * as ZoomD3Module from './zoomD3.ts';

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

let d3Zoom: Promise<typeof ZoomD3Module | null> | null = null;

/** The d3 half, loaded once; a failed load leaves pan and pinch off for that graph and is tried again by the next. */
function loadD3Zoom(): Promise<typeof ZoomD3Module | null> {
  d3Zoom ??= import('./zoomD3.ts').catch(() => {
    d3Zoom = null;
    return null;
  });
  return d3Zoom;
}

export function createZoom(svg: SVGSVGElement, viewport: SVGGElement, initial: ZoomSize): ZoomController {
  let size = initial;
  let touched = false;
  let camera: Camera = { x: 0, y: 0, k: 1 };
  let live: ZoomController | null = null;
  let destroyed = false;
  const show = (t: Camera): void => {
    camera = t;
    viewport.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
  };
  void loadD3Zoom().then((mod) => {
    if (mod !== null && !destroyed) live = mod.createD3Zoom(svg, viewport, size, camera, touched);
  });
  return {
    update(next, refit = false) {
      if (live !== null) return live.update(next, refit);
      size = next;
      if (refit || !touched) this.fit();
    },
    fit(animate = false) {
      if (live !== null) return live.fit(animate);
      touched = false;
      show(fitTransform(size));
    },
    zoomBy(factor) {
      if (live !== null) return live.zoomBy(factor);
      touched = true;
      // About the middle of the view, as d3's scaleBy does.
      const k = Math.max(MIN_SCALE, Math.min(MAX_SCALE, camera.k * factor));
      const cx = size.viewW / 2;
      const cy = size.viewH / 2;
      show({ k, x: cx - ((cx - camera.x) * k) / camera.k, y: cy - ((cy - camera.y) * k) / camera.k });
    },
    touched() {
      return live !== null ? live.touched() : touched;
    },
    transform() {
      return live !== null ? live.transform() : { ...camera };
    },
    destroy() {
      destroyed = true;
      live?.destroy();
    },
  };
}
