/**
 * Where marker chips go on the axis strip (pure). Markers in the window are merged when they say the
 * same thing at (nearly) the same pixel ("⚡ stop ×2"), then placed on CHIP_LEVELS rows, right of their
 * line or else left of it, by priority:
 * faults and a lost quorum first, so the chips a class must see are never the ones crowded out.
 * Chips without room keep their vertical line (drawn by the overlay) and are counted as hidden.
 */
import type { Marker, MarkerKind } from '../../viz/timelineModel.ts';
import { timeScale } from '../../viz/timeScale.ts';
import type { BarWindow } from './Bars.tsx';

export const CHIP_LEVELS = 2;
/** Rough chip width per character at 12px, plus padding; good enough to avoid overlaps. */
const CHIP_CHAR_PX = 7.2;
const CHIP_PAD_PX = 12;
/** Same-label markers closer than this merge into one chip. */
const MERGE_PX = 6;

/** Lower places first. */
const PRIORITY: Record<MarkerKind, number> = { fault: 0, 'quorum-lost': 0, bookmark: 0, quorum: 1, leader: 1, health: 1, narration: 2, 'fault-cleared': 3 };

export interface PlacedMarker {
  /** The first marker of the chip (kind, position). */
  marker: Marker;
  /** Indices in model.markers of every marker merged into this chip, oldest first. */
  indices: number[];
  label: string;
  x: number;
  /** Chip row, or null when there was no room for a chip (the line still shows). */
  level: number | null;
  /** The chip sits left of its line (its right edge on the line) when the right side was taken. */
  flip: boolean;
}

export function placeMarkers(markers: readonly Marker[], win: BarWindow): PlacedMarker[] {
  const scale = timeScale(win, win.widthPx);
  const chips: PlacedMarker[] = [];
  markers.forEach((marker, index) => {
    if (marker.atMs < win.startMs || marker.atMs > win.endMs) return;
    const x = scale(marker.atMs);
    // Markers arrive in time order, so a duplicate is among the last few chips.
    const twin = chips.findLast((c) => x - c.x <= MERGE_PX && c.marker.label === marker.label && c.marker.kind === marker.kind);
    if (twin !== undefined) {
      twin.indices.push(index);
      twin.label = `${marker.label} ×${twin.indices.length}`;
      return;
    }
    chips.push({ marker, indices: [index], label: marker.label, x, level: null, flip: false });
  });
  const taken: [number, number][][] = Array.from({ length: CHIP_LEVELS }, () => []);
  const order = chips.slice().sort((a, b) => PRIORITY[a.marker.kind] - PRIORITY[b.marker.kind] || a.x - b.x);
  const free = (level: number, from: number, to: number) => taken[level]!.every(([a, b]) => to <= a || from >= b);
  for (const chip of order) {
    const width = chip.label.length * CHIP_CHAR_PX + CHIP_PAD_PX;
    // Right of the line on any level, else left of it (never off the strip's left edge).
    for (const flip of [false, true]) {
      const from = flip ? chip.x - width : chip.x;
      const to = flip ? chip.x : chip.x + width;
      if (flip && from < 0) continue;
      const level = taken.findIndex((_, l) => free(l, from, to));
      if (level < 0) continue;
      taken[level]!.push([from, to]);
      chip.level = level;
      chip.flip = flip;
      break;
    }
  }
  return chips;
}
