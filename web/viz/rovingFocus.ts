/**
 * Arrow keys across the DAG (a roving tabindex: one vertex is a Tab stop, the arrows move between vertices): the
 * nearest vertex in the pressed direction, by box centres, favouring the direction's axis. Pure geometry.
 */
import type { Box } from './dagLayout.ts';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROW_DIRECTION: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The ref of the nearest box in `dir` from `from`'s box, or null at the edge. Off-axis distance counts double. */
export function nextInDirection(boxes: ReadonlyMap<string, Box>, from: string, dir: Direction): string | null {
  const a = boxes.get(from);
  if (a === undefined) return null;
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [ref, b] of boxes) {
    if (ref === from || ref.startsWith('group:')) continue;
    const dx = b.x + b.w / 2 - ax;
    const dy = b.y + b.h / 2 - ay;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    if (along <= 1) continue;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = ref;
    }
  }
  return best;
}
