// Text width estimate for layout done off the DOM (vertex widths, caption placement): layout must not measure
// the page (it runs once per cluster shape, in tests too). Errs on the wide side.
// Average advance widths (em) of DejaVu Sans semibold, the widest sans a projector laptop is likely to fall back to;
// over-estimating only costs a little spacing, under-estimating causes overlaps.
const NARROW = new Set([...'ijlI.,:;!|\'`() ']);
const WIDE = new Set([...'mwMWOQGDH@%']);

/** Estimated width (px) of `text` at `fontPx`, on the safe side. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.74;
    else if (ch.charCodeAt(0) > 0x2000) em += 1; // glyphs ✕ … ♛
    else em += 0.64;
  }
  return em * fontPx;
}
