/**
 * The DAG as a standalone SVG file: the live <svg> cloned with every element's computed style written inline (the
 * page's CSS classes and variables do not travel with a file), the pan/zoom transform dropped and the view box set to
 * the whole graph, so the file shows everything and not just the part scrolled into view, in the current theme.
 * Invariant: the page's own SVG is never modified.
 */

/** The presentation properties our SVG's CSS sets; anything else keeps the SVG default, which is what the page shows. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'visibility', 'display', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'marker-start', 'marker-end', 'paint-order', 'filter',
];
const PAD = 16;

export interface SvgSnapshot {
  text: string;
  width: number;
  height: number;
}

/** The computed presentation style of `el`, as an inline style attribute value. */
export function computedSvgStyle(el: Element): string {
  const computed = getComputedStyle(el);
  let style = '';
  for (const prop of STYLE_PROPS) {
    const value = computed.getPropertyValue(prop);
    if (value !== '') style += `${prop}:${value};`;
  }
  return style;
}

export function snapshotSvg(svg: SVGSVGElement, background: string): SvgSnapshot {
  const viewport = svg.querySelector(':scope > g') as SVGGElement | null;
  const box = viewport?.getBBox() ?? { x: 0, y: 0, width: svg.clientWidth, height: svg.clientHeight };
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = clone.querySelectorAll('*');
  for (let i = 0; i < from.length; i += 1) to[i]!.setAttribute('style', computedSvgStyle(from[i]!));
  clone.querySelector(':scope > g')?.removeAttribute('transform');
  const width = Math.ceil(box.width + 2 * PAD);
  const height = Math.ceil(box.height + 2 * PAD);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('viewBox', `${box.x - PAD} ${box.y - PAD} ${width} ${height}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.removeAttribute('class');
  clone.setAttribute('style', `background:${background}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: box.x - PAD, y: box.y - PAD, width, height, fill: background })) bg.setAttribute(k, String(v));
  clone.insertBefore(bg, clone.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  return { text, width, height };
}
