// One unit instance as a rounded rect: state glyph badge + short name, fill pattern and stroke by state, crown for
// a leader, rings for selection and explain highlight. Memoized on primitive props: an event batch re-renders
// only the vertices whose state (or ring) changed.
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { UnitState } from '../../../shared/protocol/types.ts';
import { STATE_STYLE } from '../../viz/stateStyle.ts';
import { vertexHooks } from '../../viz/vertexHooks.ts';
import { vertexLabel } from '../../viz/dagState.ts';
import { GLYPH_STRIP, NAME_GAP } from '../../viz/dagLayout.ts';
import { patternId } from './DagDefs.tsx';


export interface DagVertexProps {
  node: string;
  unit: string;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Tray unit: a small state square named by its tooltip and aria-label. */
  compact: boolean;
  state: UnitState;
  leader: 'mesos' | 'marathon' | null;
  /** Exhibitor is active but its ZooKeeper has no quorum: drawn as still starting, not as a green check. */
  converging?: boolean;
  selected: boolean;
  highlighted: boolean;
  /** On the critical path (its toggle on): a dashed magenta ring and data-critical="true". */
  critical?: boolean;
  prefix: string;
  /** The graph's one Tab stop (roving tabindex); the arrow keys move it (DagView). */
  tabbable?: boolean;
  onActivate(node: string, unit: string, el: Element): void;
  /** A quiz round (viewer picks while asking; the class's votes and what failed after the reveal). */
  quizPicked?: boolean;
  quizVotes?: number;
  /** Share of respondents who picked it (0..1): the heat map's intensity. */
  quizShare?: number;
  quizFailed?: boolean;
  quizNobody?: boolean;
}

export function isActivationKey(e: KeyboardEvent): boolean {
  return e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar';
}

/** A tray unit: a small square, solid state colour with the glyph (outline states: outline + coloured glyph). */
function MiniBody({ state, size, prefix }: { state: UnitState; size: number; prefix: string }) {
  const style = STATE_STYLE[state];
  const color = `var(${style.cssVar})`;
  const outline = style.pattern === 'outline';
  return (
    <>
      <rect className="dag-mini-bg" width={size} height={size} rx={4}
        style={outline ? { stroke: color } : { fill: color, stroke: color }} strokeDasharray={outline ? '3 2' : undefined} />
      {(style.pattern === 'hatched' || style.pattern === 'dotted') && (
        <rect width={size} height={size} rx={4} fill={`url(#${prefix}-pat-ink-${style.pattern})`} pointerEvents="none" />
      )}
      <text className={`dag-glyph${outline ? ' is-outline' : ''}`} x={size / 2} y={size / 2} style={outline ? { fill: color } : undefined} aria-hidden="true">{style.glyph}</text>
    </>
  );
}

export const DagVertex = memo(function DagVertex(p: DagVertexProps) {
  // systemd says active (data-state stays the contract's state), but the ensemble is not serving yet.
  const shown: UnitState = p.converging ? 'starting' : p.state;
  const style = STATE_STYLE[shown];
  const color = `var(${style.cssVar})`;
  const label = `${vertexLabel(p.node, p.unit, p.state, p.leader)}${p.converging ? ' (ZooKeeper converging: no quorum yet)' : ''}`;
  const activate = (e: MouseEvent<SVGGElement> | KeyboardEvent<SVGGElement>) => p.onActivate(p.node, p.unit, e.currentTarget);
  const cls = `dag-vertex state-${p.state}${p.compact ? ' is-compact' : ''}${p.selected ? ' is-selected' : ''}${p.highlighted ? ' is-hl' : ''}`;
  const gw = GLYPH_STRIP;
  const r = 6;
  return (
    <g
      className={cls} transform={`translate(${p.x},${p.y})`} role="button" tabIndex={p.tabbable ? 0 : -1} aria-label={label}
      {...vertexHooks(p)}
      onClick={activate}
      onKeyDown={(e) => { if (isActivationKey(e)) { e.preventDefault(); activate(e); } }}
    >
      <title>{p.compact ? `${p.name} (${p.unit}) on ${p.node}: ${p.state}${p.converging ? ' (converging)' : ''}` : label}</title>
      {p.critical && <rect className="dag-ring-critical" x={-7} y={-7} width={p.w + 14} height={p.h + 14} rx={10} />}
      {p.highlighted && <rect className="dag-ring-hl" x={-5} y={-5} width={p.w + 10} height={p.h + 10} rx={9} />}
      {p.selected && <rect className="dag-ring-sel" x={-3.5} y={-3.5} width={p.w + 7} height={p.h + 7} rx={8} />}
      {p.compact ? <MiniBody state={shown} size={p.w} prefix={p.prefix} /> : <>
      <rect className="dag-vertex-bg" width={p.w} height={p.h} rx={r} style={{ stroke: color }}
        strokeDasharray={style.pattern === 'outline' ? '4 3' : undefined} />
      <rect width={p.w} height={p.h} rx={r} fill={`url(#${patternId(p.prefix, shown)})`} pointerEvents="none" />
      <path d={`M${r},0 H${gw} V${p.h} H${r} A${r},${r} 0 0 1 0,${p.h - r} V${r} A${r},${r} 0 0 1 ${r},0 Z`} style={{ fill: color }} />
      <text className="dag-glyph" x={gw / 2} y={p.h / 2} aria-hidden="true">{style.glyph}</text>
      <text className="dag-vertex-name" x={gw + NAME_GAP} y={p.h / 2}>{p.name}</text>
      </>}
      {p.quizShare !== undefined && p.quizShare > 0 && (
        <rect className="dag-quiz-heat" width={p.w} height={p.h} rx={r} style={{ fillOpacity: 0.12 + 0.38 * p.quizShare }} pointerEvents="none" />
      )}
      {p.quizFailed && <rect className={`dag-ring-failed${p.quizNobody ? ' is-nobody' : ''}`} x={-6} y={-6} width={p.w + 12} height={p.h + 12} rx={10} />}
      {p.quizPicked && <rect className="dag-ring-pick" x={-4} y={-4} width={p.w + 8} height={p.h + 8} rx={9} />}
      {(p.quizVotes !== undefined && p.quizVotes > 0) || p.quizNobody ? (
        <g className={`dag-quiz-badge${p.quizNobody ? ' is-nobody' : ''}`} transform={`translate(${p.w - 2},${p.h})`} aria-hidden="true">
          <circle r={9} />
          <text y={0.5}>{p.quizNobody ? '!' : p.quizVotes}</text>
        </g>
      ) : null}
      {p.leader && (
        <g className="dag-crown" transform={`translate(${p.w - 12},-3)`} aria-hidden="true">
          <circle r={10} />
          <text y={0.5}>♛</text>
        </g>
      )}
    </g>
  );
});
