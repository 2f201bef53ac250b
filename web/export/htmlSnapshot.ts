/**
 * The timeline (HTML with small SVGs inside) as SVG or PNG, drawn by html-to-image. Why the extra step: html-to-image
 * inlines computed styles into every HTML element it clones, but copies an <svg> natively with its children as they
 * are, so shapes styled by CSS classes (the future mask, grid lines, bars' patterns) come out black or invisible. So
 * the SVG shapes get their computed style inline for the moment of the copy and get their own attribute back right
 * after, whatever happens (the values equal what is shown, so nothing changes on screen meanwhile). The timeline's
 * own zoom buttons are left out of the picture.
 */
import { toBlob, toSvg } from 'html-to-image';
import { computedSvgStyle } from './svgSnapshot.ts';

const LEAVE_OUT = ['tl-toolbar'];

async function withInlineSvgStyles<T>(root: Element, work: () => Promise<T>): Promise<T> {
  const shapes = [...root.querySelectorAll('svg *')];
  const saved = shapes.map((el) => el.getAttribute('style'));
  const inlined = shapes.map((el) => computedSvgStyle(el));
  shapes.forEach((el, i) => el.setAttribute('style', inlined[i]!));
  try {
    return await work();
  } finally {
    shapes.forEach((el, i) => {
      // React may have set a style of its own meanwhile: keep that one.
      if (el.getAttribute('style') !== inlined[i]) return;
      const old = saved[i];
      if (old === null || old === undefined) el.removeAttribute('style');
      else el.setAttribute('style', old);
    });
  }
}

export function htmlToImage(el: HTMLElement, format: 'svg' | 'png', options: { backgroundColor: string; pixelRatio: number }): Promise<Blob> {
  const all = {
    ...options,
    // The dashboard uses system fonts; embedding web fonts would fetch every stylesheet for nothing.
    skipFonts: true,
    filter: (node: HTMLElement) => !(node.classList && LEAVE_OUT.some((c) => node.classList.contains(c))),
  };
  return withInlineSvgStyles(el, async () => {
    if (format === 'png') {
      const blob = await toBlob(el, all);
      if (!blob) throw new Error('the timeline could not be drawn as a PNG');
      return blob;
    }
    const dataUrl = await toSvg(el, all);
    return new Blob([decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1))], { type: 'image/svg+xml' });
  });
}
