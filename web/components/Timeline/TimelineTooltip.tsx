/**
 * What the pointer is over, resolved to words: for a bar, the row (unit on node, or a node band),
 * the state, how long it lasted (or has lasted so far), from-to in m:ss, and the cause; for a marker
 * chip, its sentence. Pure resolution (`describeHover`) is separate from the floating box.
 */
import type { Segment, TimelineModel } from '../../store/timelineModel.ts';
import { formatDuration, formatSimTime } from '../../viz/timeScale.ts';
import { healthStyle, powerStyle, unitStyle, type VisualStyle } from './timelineRows.ts';

/** A merged marker chip lists at most this many sentences. */
const MAX_MERGED_LINES = 4;
/** A cluster chip ("N events") lists at most this many, one line each. */
const MAX_CLUSTER_LINES = 8;
/** Gap between the pointer and the tooltip. */
const POINTER_GAP_PX = 14;

export type Hover =
  | { kind: 'bar'; node: string; unit: string | null; band: string; seg: number; x: number; y: number }
  | { kind: 'marker'; indices: number[]; x: number; y: number };

export interface TooltipText {
  title: string;
  state: string | null;
  glyph: string;
  cssVar: string | null;
  when: string;
  cause: string;
}

function segmentText<S extends string>(title: string, seg: Segment<S> | undefined, style: (s: S) => VisualStyle, nowMs: number, prefix = ''): TooltipText | null {
  if (seg === undefined) return null;
  const s = style(seg.state);
  const end = seg.toMs ?? nowMs;
  const span = seg.toMs === null ? `since ${formatSimTime(seg.fromMs)} (${formatDuration(Math.max(0, end - seg.fromMs))} so far)` : `${formatSimTime(seg.fromMs)} → ${formatSimTime(end)} (${formatDuration(end - seg.fromMs)})`;
  return { title, state: `${prefix}${s.label}`, glyph: s.glyph, cssVar: s.cssVar, when: span, cause: seg.cause };
}

export function describeHover(hover: Hover, model: TimelineModel, nowMs: number): TooltipText | null {
  if (hover.kind === 'marker') {
    const ms = hover.indices.map((i) => model.markers[i]).filter((m) => m !== undefined);
    const m = ms[0];
    if (m === undefined) return null;
    // A cluster chip ("3 events") holds different markers: each line says when and what.
    const cluster = ms.some((x) => x.label !== m.label);
    const shown = ms.slice(0, cluster ? MAX_CLUSTER_LINES : MAX_MERGED_LINES).map((x) => (cluster ? `${formatSimTime(x.atMs)}  ${x.detail}` : x.detail));
    if (ms.length > shown.length) shown.push(`…and ${ms.length - shown.length} more`);
    const last = ms.at(-1)!;
    if (cluster) {
      const [from, to] = [formatSimTime(m.atMs), formatSimTime(last.atMs)];
      const when = from === to ? `at ${from}` : `${from} → ${to}`;
      return { title: `${ms.length} events`, state: null, glyph: '', cssVar: null, when, cause: shown.join('\n') };
    }
    return { title: ms.length > 1 ? `${m.label} ×${ms.length}` : m.label, state: null, glyph: '', cssVar: null, when: `at ${formatSimTime(m.atMs)}`, cause: shown.join('\n') };
  }
  const i = model.laneIndex[hover.node];
  const lane = i === undefined ? undefined : model.lanes[i];
  if (lane === undefined) return null;
  if (hover.unit !== null) {
    return segmentText(`${hover.unit} on ${hover.node}`, lane.rows[hover.unit]?.segments[hover.seg], unitStyle, nowMs);
  }
  if (hover.band === 'health') return segmentText(`${hover.node}: reported health (3DT)`, lane.healthSegments[hover.seg], healthStyle, nowMs);
  if (hover.band === 'power') return segmentText(`${hover.node}: power / network`, lane.powerSegments[hover.seg], powerStyle, nowMs);
  return segmentText(`${hover.node}: worst unit right now`, lane.worstSegments[hover.seg], unitStyle, nowMs);
}

/** Floats next to the pointer (viewport coordinates), flipping left/up so it never leaves the screen. */
export function TimelineTooltip({ text, x, y }: { text: TooltipText; x: number; y: number }) {
  const flipX = x > window.innerWidth / 2;
  const flipY = y > window.innerHeight / 2;
  const left = flipX ? x - POINTER_GAP_PX : x + POINTER_GAP_PX;
  const top = flipY ? y - POINTER_GAP_PX : y + POINTER_GAP_PX;
  return (
    <div className="tl-tooltip" role="tooltip" style={{ transform: `translate(${left}px, ${top}px) translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})` }}>
      <div className="tl-tooltip__title">{text.title}</div>
      {text.state !== null ? (
        <div className="tl-tooltip__state">
          <span style={text.cssVar !== null ? { color: `var(${text.cssVar})` } : undefined}>{text.glyph}</span> {text.state}
        </div>
      ) : null}
      <div className="tl-tooltip__when">{text.when}</div>
      {text.cause !== '' ? <div className="tl-tooltip__cause">{text.cause}</div> : null}
    </div>
  );
}
