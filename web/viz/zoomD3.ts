// The d3-zoom half of web/viz/zoom.ts, in its own lazy chunk: d3 (selection, zoom, transition, interpolate...) is
// ~25 KB gzip that the first graph does not need (issue 19: a phone's share of the class Wi-Fi). zoom.ts draws and
// fits without it and hands its camera over when this has loaded.
// From the d3 umbrella package (a direct dependency); importing it also installs selection.transition.
import { select, zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { fitTransform, MAX_SCALE, MIN_SCALE, type Camera, type ZoomController, type ZoomSize } from './zoom.ts';

/** A d3-zoom controller starting from `camera` (what zoom.ts showed until now) and its touched flag. */
export function createD3Zoom(svg: SVGSVGElement, viewport: SVGGElement, initial: ZoomSize, camera: Camera, wasTouched: boolean): ZoomController {
  let size = initial;
  let touched = wasTouched;
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

  const set = (t: Camera, animate: boolean): void => {
    const zt = zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (animate) sel.transition().duration(250).call(behavior.transform, zt);
    else sel.call(behavior.transform, zt);
  };
  set(camera, false);

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
