// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CONTROLS_INSET, createZoom, FIT_MARGIN, fitTransform, MAX_FIT_SCALE } from './zoom.ts';

describe('fit to view', () => {
  it('shows all of a big drawing, centred, clear of the zoom buttons', () => {
    const size = { contentW: 2000, contentH: 500, viewW: 1000, viewH: 400 };
    const t = fitTransform(size);
    expect(t.k).toBeCloseTo((1000 - CONTROLS_INSET - 2 * FIT_MARGIN) / 2000);
    expect(t.x).toBeGreaterThanOrEqual(FIT_MARGIN);
    expect(t.x + size.contentW * t.k).toBeLessThanOrEqual(size.viewW - CONTROLS_INSET);
    expect(t.y + size.contentH * t.k).toBeLessThanOrEqual(size.viewH);
  });

  it('never blows a small drawing up past natural size', () => {
    expect(fitTransform({ contentW: 200, contentH: 100, viewW: 1920, viewH: 1080 }).k).toBe(MAX_FIT_SCALE);
  });

  it('keeps the user camera on updates once touched, re-fits when the shape changes', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    svg.append(g);
    document.body.append(svg);
    const z = createZoom(svg, g, { contentW: 2000, contentH: 500, viewW: 1000, viewH: 400 });
    z.fit();
    const fitted = z.transform();
    expect(g.getAttribute('transform')).toContain(`scale(${fitted.k})`);
    z.update({ contentW: 2000, contentH: 500, viewW: 800, viewH: 400 }); // pane resized, untouched: re-fit
    expect(z.transform().k).toBeLessThan(fitted.k);
    z.zoomBy(2); // the user zooms (animated); a data update must not undo it
    expect(z.touched()).toBe(true);
    z.update({ contentW: 2000, contentH: 500, viewW: 800, viewH: 400 });
    expect(z.touched()).toBe(true);
    z.update({ contentW: 3000, contentH: 500, viewW: 800, viewH: 400 }, true); // new cluster shape
    expect(z.touched()).toBe(false);
    expect(z.transform().k).toBeCloseTo(fitTransform({ contentW: 3000, contentH: 500, viewW: 800, viewH: 400 }).k);
    z.destroy();
  });

  it('draws, fits and zooms before d3 has loaded, then hands the camera and the touched flag to d3-zoom', async () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    svg.append(g);
    document.body.append(svg);
    const size = { contentW: 2000, contentH: 500, viewW: 1000, viewH: 400 };
    const z = createZoom(svg, g, size);
    z.fit();
    const fitted = fitTransform(size);
    expect(z.transform()).toEqual(fitted);
    expect(g.getAttribute('transform')).toBe(`translate(${fitted.x},${fitted.y}) scale(${fitted.k})`);
    z.zoomBy(2);
    expect(z.touched()).toBe(true);
    const zoomed = z.transform();
    expect(zoomed.k).toBeCloseTo(fitted.k * 2);
    await import('./zoomD3.ts');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // d3 has taken over (its transform lives on the element): same camera, still touched, so a data update keeps it.
    expect((svg as unknown as { __zoom?: { k: number } }).__zoom?.k).toBeCloseTo(zoomed.k);
    expect(z.transform().k).toBeCloseTo(zoomed.k);
    expect(z.transform().x).toBeCloseTo(zoomed.x);
    expect(z.touched()).toBe(true);
    z.update({ ...size, viewW: 900 });
    expect(z.transform().k).toBeCloseTo(zoomed.k);
    z.destroy();
  });
});
