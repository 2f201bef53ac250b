/**
 * Where marker chips go on the axis strip (pure). Markers in the window are merged when they say the
 * same thing at (nearly) the same pixel ("⚡ stop ×2"), then placed on CHIP_LEVELS rows, right of their
 * line or else left of it, by priority: faults and a lost quorum first, so the chips a class must see
 * are never the ones crowded out. Chips never overlap: where a crowd has no room for all its chips, the
 * ones left over become one cluster chip ("3 events", listing them on hover), taking the place of the
 * least important placed chips if it has to. Every chip keeps its vertical line (drawn by the overlay).
 */
import type { Marker, MarkerKind } from '../../store/timelineModel.ts';
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
  /** The first marker of the chip (kind, position); for a cluster, its most important member's. */
  marker: Marker;
  /** Indices in model.markers of every marker in this chip, oldest first. */
  indices: number[];
  label: string;
  x: number;
  /** Chip row, or null when the chip is not drawn (in a cluster, or no room at all: the line still shows). */
  level: number | null;
  /** The chip sits left of its line (its right edge on the line) when the right side was taken. */
  flip: boolean;
  /** A cluster chip: the chips it stands for (each also in the list, with level null and `clustered`). */
  members?: PlacedMarker[];
  /** Drawn inside a cluster chip rather than on its own. */
  clustered?: boolean;
}

const widthOf = (label: string) => label.length * CHIP_CHAR_PX + CHIP_PAD_PX;
const byPriority = (a: PlacedMarker, b: PlacedMarker) => PRIORITY[a.marker.kind] - PRIORITY[b.marker.kind] || a.x - b.x;

/** Merge same-label markers at one spot into chips (markers arrive in time order). */
function mergeChips(markers: readonly Marker[], win: BarWindow): PlacedMarker[] {
  const scale = timeScale(win, win.widthPx);
  const chips: PlacedMarker[] = [];
  markers.forEach((marker, index) => {
    if (marker.atMs < win.startMs || marker.atMs > win.endMs) return;
    const x = scale(marker.atMs);
    const twin = chips.findLast((c) => x - c.x <= MERGE_PX && c.marker.label === marker.label && c.marker.kind === marker.kind);
    if (twin !== undefined) {
      twin.indices.push(index);
      twin.label = `${marker.label} ×${twin.indices.length}`;
      return;
    }
    chips.push({ marker, indices: [index], label: marker.label, x, level: null, flip: false });
  });
  return chips;
}

/** Groups of chips that could collide (each chip reaches its width either side of its line). */
function crowds(chips: readonly PlacedMarker[]): PlacedMarker[][] {
  const out: PlacedMarker[][] = [];
  let reach = -Infinity;
  for (const chip of chips.slice().sort((a, b) => a.x - b.x)) {
    const w = widthOf(chip.label);
    if (chip.x - w >= reach) out.push([]);
    out.at(-1)!.push(chip);
    reach = Math.max(reach, chip.x + w);
  }
  return out;
}

/** The strip's occupied spans per level; a chip takes the first free level, right of its line, else left. */
function levels(widthPx: number) {
  const taken: { from: number; to: number; chip: PlacedMarker }[][] = Array.from({ length: CHIP_LEVELS }, () => []);
  return {
    place(chip: PlacedMarker): boolean {
      const w = widthOf(chip.label);
      for (const flip of [false, true]) {
        const from = flip ? chip.x - w : chip.x;
        const to = flip ? chip.x : chip.x + w;
        if (from < 0 || to > widthPx) continue;
        const level = taken.findIndex((spans) => spans.every((s) => to <= s.from || from >= s.to));
        if (level < 0) continue;
        taken[level]!.push({ from, to, chip });
        chip.level = level;
        chip.flip = flip;
        return true;
      }
      return false;
    },
    remove(chip: PlacedMarker) {
      for (const spans of taken) {
        const i = spans.findIndex((s) => s.chip === chip);
        if (i >= 0) spans.splice(i, 1);
      }
      chip.level = null;
      chip.flip = false;
    },
  };
}

/** A cluster spans at most about its own width, so a count sits next to the lines of the markers it holds. */
const CLUSTER_SPAN_PX = widthOf('00 events');

function makeCluster(members: PlacedMarker[], x: number): PlacedMarker {
  const sorted = members.slice().sort((a, b) => a.x - b.x);
  const count = sorted.reduce((n, m) => n + m.indices.length, 0);
  const top = sorted.slice().sort(byPriority)[0]!;
  return { marker: top.marker, indices: sorted.flatMap((m) => m.indices).sort((a, b) => a - b), label: `${count} events`, x, level: null, flip: false, members: sorted };
}

function splitBySpan(chips: readonly PlacedMarker[]): PlacedMarker[][] {
  const out: PlacedMarker[][] = [];
  for (const chip of chips.slice().sort((a, b) => a.x - b.x)) {
    const group = out.at(-1);
    if (group !== undefined && chip.x - group[0]!.x <= CLUSTER_SPAN_PX) group.push(chip);
    else out.push([chip]);
  }
  return out;
}

export function placeMarkers(markers: readonly Marker[], win: BarWindow): PlacedMarker[] {
  const chips = mergeChips(markers, win);
  const strip = levels(win.widthPx);
  const clusters: PlacedMarker[] = [];
  for (const crowd of crowds(chips)) {
    const order = crowd.sort(byPriority);
    const placed = order.filter((chip) => strip.place(chip));
    for (let group of splitBySpan(order.filter((chip) => chip.level === null))) {
      // A cluster chip sits on one of its members' lines; if none has room, it takes the place of the
      // least important chip placed next to them (which joins it), and tries again.
      for (;;) {
        const cluster = group.map((m) => makeCluster(group, m.x)).find((c) => strip.place(c));
        const from = Math.min(...group.map((m) => m.x)) - CLUSTER_SPAN_PX;
        const to = Math.max(...group.map((m) => m.x)) + CLUSTER_SPAN_PX;
        const near = placed.findLastIndex((c) => c.x >= from && c.x <= to);
        if (cluster !== undefined || near < 0) {
          const shown = cluster ?? makeCluster(group, group[0]!.x);
          for (const m of group) m.clustered = cluster !== undefined;
          clusters.push(shown);
          break;
        }
        const [evicted] = placed.splice(near, 1) as [PlacedMarker];
        strip.remove(evicted);
        group = [...group, evicted];
      }
    }
  }
  return [...chips, ...clusters];
}
