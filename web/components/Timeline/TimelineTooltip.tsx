/**
 * What the pointer is over, resolved to words: for a bar, the row (unit on node, or a node band),
 * the state, how long it lasted (or has lasted so far), from-to in m:ss, and the cause; for a marker
 * chip, its sentence. Pure resolution (`describeHover`) is separate from the floating box.
 */
import type { Segment, TimelineModel } from '../../viz/timelineModel.ts';
import { formatDuration, formatSimTime } from '../../viz/timeScale.ts';
import { healthStyle, powerStyle, unitStyle, type VisualStyle } from './timelineRows.ts';

export type Hover =
  | { kind: 'bar'; node: string; unit: string | null; band: string; seg: number; x: number; y: number }
  | { kind: 'marker'; index: number; x: number; y: number };

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
    const m = model.markers[hover.index];
    if (m === undefined) return null;
    return { title: m.label, state: null, glyph: '', cssVar: null, when: `at ${formatSimTime(m.atMs)}`, cause: m.detail };
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

export function TimelineTooltip({ text, x, y }: { text: TooltipText; x: number; y: number }) {
  return (
    <div className="tl-tooltip" role="tooltip" style={{ transform: `translate(${x}px, ${y}px)` }}>
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
