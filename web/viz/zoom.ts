// Pan/zoom for an SVG viewport, as a factory with update/destroy so ONE React effect owns its lifetime.
// The transform is written straight onto the viewport <g> (no React render per wheel tick), and only
// `fit()` / a changed content shape moves it programmatically, so streaming events never reset the user's zoom.
// d3-zoom (pan, wheel, pinch) comes in a lazy chunk (zoomD3.ts): until it has loaded, the controller draws, fits and
// zooms by the buttons itself, then hands its camera and touched flag over, so the first graph never waits for d3.
import type * as ZoomD3Module from './zoomD3.ts';

export { MIN_SCALE, MAX_SCALE, MAX_FIT_SCALE, FIT_MARGIN, CONTROLS_INSET, ZOOM_STEP, fitTransform } from './zoomCamera.ts';
export type { ZoomSize, Camera, ZoomController } from './zoomCamera.ts';
import { fitTransform, MAX_SCALE, MIN_SCALE, type Camera, type ZoomController, type ZoomSize } from './zoomCamera.ts';

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
