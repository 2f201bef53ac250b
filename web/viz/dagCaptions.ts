// Captions of blocked edges ("✕ exhibitor.wait", "… ZK quorum"): what each blocked dependent waits for, short
// enough to read from the back of a room, placed where it covers no vertex, header, fact badge or other caption,
// inside the drawing (never cut off at its edge); a caption with no such spot is dropped, not squeezed in.
// Invariants: a caption is a whole word or a known name, never cut mid-word (the full `via` is in the explain
// panel); placement is pure geometry (boxes in, positions out) and costs O(captions x obstacles) per batch.
import type { Box } from './dagLayout.ts';
import { textWidth } from './textWidth.ts';

export { textWidth };

/** Caption font size (px, drawing units): matches .dag-edge-label in DagView.css. */
export const CAPTION_FONT = 12.5;
/** Height of a caption's box, and the gap kept between a caption and what it labels. */
export const CAPTION_H = 14;
const CAPTION_GAP = 2;
/** Longest caption (characters) before falling back to its first words. */
const MAX_CAPTION = 18;

/** Names of the DNS records / files / gates a class is taught, in the order they are preferred as a caption. */
const KNOWN_NAMES = /(exhibitor\.wait|leader\.mesos|marathon\.mesos|ready\.spartan|\*\.mesos|cluster-id)/;

/**
 * A short caption for a dependency's `via`: the named gate or record it carries ("exhibitor.wait",
 * "leader.mesos"), "ZK quorum" for quorum dependencies, "registration", else its first whole words.
 */
export function shortCaption(via: string): string {
  const first = via.split(', ')[0]!;
  const known = KNOWN_NAMES.exec(first);
  if (known) return known[1]!;
  if (/ZooKeeper quorum/i.test(first)) return 'ZK quorum';
  if (/registration/i.test(first)) return 'registration';
  const plain = first.replace(/\s*\(.*$/, '').trim();
  if (/ZooKeeper|\bZK\b/.test(plain)) return 'ZooKeeper';
  if (plain.length <= MAX_CAPTION) return plain;
  // Whole words only: "polls the leader's state" -> "polls the leader's".
  let out = '';
  for (const w of plain.split(/\s+/)) {
    if ((out ? out.length + 1 : 0) + w.length > MAX_CAPTION) break;
    out = out ? `${out} ${w}` : w;
  }
  return out || plain.slice(0, MAX_CAPTION);
}

export interface CaptionRequest {
  key: string;
  text: string;
  /** The dependent the caption belongs to. */
  target: Box;
}

export interface CaptionPlacement {
  /** Left end of the text baseline-centre (text-anchor start, dominant-baseline central). */
  x: number;
  y: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const overlapArea = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** Where a caption of width w may go around its target, in order of preference. */
function candidates(t: Box, w: number): Box[] {
  const above = t.y - CAPTION_GAP - CAPTION_H;
  const below = t.y + t.h + CAPTION_GAP;
  return [
    { x: t.x + 2, y: above, w, h: CAPTION_H }, // above, left-aligned: "what it waits for" reads into the box
    { x: t.x + t.w - w, y: above, w, h: CAPTION_H }, // above, right-aligned
    { x: t.x + 2, y: below, w, h: CAPTION_H },
    { x: t.x + t.w - w, y: below, w, h: CAPTION_H },
    { x: t.x + (t.w - w) / 2, y: above, w, h: CAPTION_H },
    { x: t.x + (t.w - w) / 2, y: below, w, h: CAPTION_H },
    { x: t.x - w - 6, y: above, w, h: CAPTION_H }, // up-left, over the edge's own gap
    { x: t.x + t.w + 4, y: above, w, h: CAPTION_H },
  ];
}

/**
 * Places each caption on the first candidate spot that hits no obstacle and no caption placed before it and
 * lies inside `bounds` (the drawing); a caption without such a spot is left out of the result (dropped: its
 * red edge still shows, and its words are in the explain panel). Requests are placed in the given order
 * (callers pass the most important first, so those keep their captions).
 */
export function placeCaptions(requests: readonly CaptionRequest[], obstacles: readonly Box[], bounds?: { w: number; h: number }): Map<string, CaptionPlacement> {
  const placed: Box[] = [];
  const out = new Map<string, CaptionPlacement>();
  for (const r of requests) {
    const w = textWidth(r.text, CAPTION_FONT) + 4;
    // Only obstacles near the target can collide: keeps a 100-agent view cheap.
    const near = (b: Box): boolean => overlaps(b, { x: r.target.x - w - 10, y: r.target.y - 2 * CAPTION_H, w: r.target.w + 2 * w + 20, h: r.target.h + 4 * CAPTION_H });
    const local = [...obstacles.filter(near), ...placed.filter(near)];
    const inside = (c: Box) => bounds === undefined || (c.x >= 0 && c.y >= 0 && c.x + c.w <= bounds.w && c.y + c.h <= bounds.h);
    const spot = candidates(r.target, w).find((c) => inside(c) && local.every((o) => overlapArea(c, o) === 0));
    if (spot === undefined) continue;
    placed.push(spot);
    out.set(r.key, { x: spot.x, y: spot.y + CAPTION_H / 2 });
  }
  return out;
}
