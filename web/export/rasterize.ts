/**
 * A standalone SVG (svgSnapshot.ts) drawn into a canvas and encoded as PNG. Why not html-to-image for the DAG too:
 * the SVG is already self-contained, so the browser can draw it directly, without cloning the DOM a second time.
 * The scale is capped so a 1,000-agent graph stays under the canvas size browsers allow (about 16k px a side and
 * 268M px in Chromium) instead of failing silently with an empty image.
 */
import type { SvgSnapshot } from './svgSnapshot.ts';

export const PNG_SCALE = 2;
const MAX_SIDE_PX = 16_000;
const MAX_AREA_PX = 120_000_000;

export function pngScale(width: number, height: number, wanted = PNG_SCALE): number {
  const bySide = MAX_SIDE_PX / Math.max(width, height, 1);
  const byArea = Math.sqrt(MAX_AREA_PX / Math.max(width * height, 1));
  return Math.min(wanted, bySide, byArea);
}

export async function svgToPng(svg: SvgSnapshot): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const scale = pngScale(svg.width, svg.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(svg.width * scale));
    canvas.height = Math.max(1, Math.round(svg.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2D canvas to draw the PNG on');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`the ${canvas.width}x${canvas.height} image could not be encoded as PNG`))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
