/**
 * One band of state bars: the segments of a row that overlap the visible window, as SVG rects coloured
 * AND patterned by state (STATE_STYLE), with the state's glyph when the bar is wide enough to hold it.
 * Open segments run to the window's end; the overlay masks the future, so rows need not re-render as
 * "now" ticks. Each rect carries data-band / data-seg for the delegated tooltip handler.
 */
import { memo } from 'react';
import type { Segment } from '../../store/timelineModel.ts';
import { visibleRange } from '../../viz/timeScale.ts';
import type { VisualStyle } from './timelineRows.ts';

/** A bar narrower than this shows no glyph (it would spill out). */
const GLYPH_MIN_PX = 18;
/** A band lower than this (the lane's health strip) shows no glyph either. */
const GLYPH_MIN_HEIGHT_PX = 12;

export interface BarWindow {
  startMs: number;
  endMs: number;
  widthPx: number;
  /** Visible width when the bars are drawn wider than shown and slid by CSS (following "now"). */
  clipPx?: number;
}

export interface PatternIds {
  hatched: string;
  dotted: string;
}

interface BarsProps<S extends string> {
  band: string;
  segments: readonly Segment<S>[];
  styleFor(state: S): VisualStyle;
  win: BarWindow;
  y: number;
  height: number;
  patterns: PatternIds;
  /** Skip segments in this state (e.g. a node's "up" power state draws nothing). */
  skip?: S;
  /** Draw over other bands: a coloured dashed frame and a light hatch, so what is underneath still shows. */
  overlay?: boolean;
}

/** Long bars repeat their glyph this often, so one is on screen wherever the bar's start scrolled to. */
const GLYPH_REPEAT_PX = 240;

function glyphXs(x0: number, w: number): number[] {
  if (w < GLYPH_REPEAT_PX) return [x0 + Math.min(w / 2, 10)];
  const xs: number[] = [];
  for (let gx = Math.max(x0, 0) + 10; gx < x0 + w - 8; gx += GLYPH_REPEAT_PX) xs.push(gx);
  return xs;
}

function BarsImpl<S extends string>({ band, segments, styleFor, win, y, height, patterns, skip, overlay = false }: BarsProps<S>) {
  const [from, to] = visibleRange(segments, win.startMs, win.endMs);
  const k = win.widthPx / (win.endMs - win.startMs);
  const out = [];
  for (let i = from; i < to; i++) {
    const seg = segments[i]!;
    if (seg.state === skip) continue;
    const x0 = Math.max(-2, (seg.fromMs - win.startMs) * k);
    const x1 = Math.min(win.widthPx + 2, ((seg.toMs ?? win.endMs) - win.startMs) * k);
    const w = x1 - x0;
    if (w < 0.5) continue;
    const style = styleFor(seg.state);
    const color = `var(${style.cssVar})`;
    const outline = style.pattern === 'outline';
    if (overlay) {
      out.push(
        <g key={`${i}:${seg.fromMs}`} className="tl-bar tl-bar--overlay" data-band={band} data-seg={i}>
          <rect x={x0} y={y} width={w} height={height} rx={2} fill={`url(#${patterns.hatched})`} stroke={color} strokeWidth={2.5} strokeDasharray="8 4" style={{ color }} />
        </g>,
      );
      continue;
    }
    out.push(
      <g key={`${i}:${seg.fromMs}`} className="tl-bar" data-band={band} data-seg={i}>
        <rect x={x0} y={y} width={w} height={height} rx={2}
          fill={outline ? 'var(--tl-outline-fill)' : color} stroke={color} strokeWidth={outline ? 1.5 : 0} />
        {style.pattern === 'hatched' || style.pattern === 'dotted' ? (
          <rect x={x0} y={y} width={w} height={height} rx={2} fill={`url(#${style.pattern === 'hatched' ? patterns.hatched : patterns.dotted})`} />
        ) : null}
        {w >= GLYPH_MIN_PX && height >= GLYPH_MIN_HEIGHT_PX && style.glyph !== ''
          ? glyphXs(x0, w).map((gx) => (
            <text key={gx} x={gx} y={y + height / 2} className="tl-glyph" style={outline ? { fill: color } : undefined}>{style.glyph}</text>
          ))
          : null}
      </g>,
    );
  }
  return <>{out}</>;
}

export const Bars = memo(BarsImpl) as typeof BarsImpl;
