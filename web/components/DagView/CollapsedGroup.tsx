// All agents of one role as ONE summary vertex (large clusters): node counts by worst unit state as a stacked bar
// with the state patterns, registered count, and "expand" on activation. Carries the same data-* contract as a unit
// vertex (data-node="agents" data-unit="*" data-state=<worst>).
import { memo } from 'react';
import { STATE_STYLE } from '../../viz/stateStyle.ts';
import { countsText, type GroupSummary } from '../../viz/dagState.ts';
import { patternId } from './DagDefs.tsx';
import { isActivationKey } from './DagVertex.tsx';

export interface CollapsedGroupProps {
  id: string;
  title: string;
  summary: GroupSummary;
  x: number;
  y: number;
  w: number;
  h: number;
  highlighted: boolean;
  prefix: string;
  onExpand(): void;
}

const PAD = 14;

export const CollapsedGroup = memo(function CollapsedGroup(p: CollapsedGroupProps) {
  const s = p.summary;
  const counts = countsText(s);
  const label = `${s.total} ${p.title.toLowerCase()}: ${counts}; ${s.registered} of ${s.total} registered with Mesos. Activate to expand`;
  const barW = p.w - 2 * PAD;
  let offset = 0;
  const color = `var(${STATE_STYLE[s.worst].cssVar})`;
  return (
    <g
      className={`dag-collapsed state-${s.worst}${p.highlighted ? ' is-hl' : ''}`} transform={`translate(${p.x},${p.y})`}
      role="button" tabIndex={0} aria-label={label} aria-expanded={false}
      data-node={p.id} data-unit="*" data-state={s.worst}
      onClick={p.onExpand} onKeyDown={(e) => { if (isActivationKey(e)) { e.preventDefault(); p.onExpand(); } }}
    >
      <title>{label}</title>
      <rect className="dag-vertex-bg" width={p.w} height={p.h} rx={10} style={{ stroke: color }} />
      <text className="dag-collapsed-title" x={PAD} y={26}>
        <tspan>{STATE_STYLE[s.worst].glyph}</tspan> {s.total} {p.title.toLowerCase()}
      </text>
      <g transform={`translate(${PAD},40)`} aria-hidden="true">
        {s.counts.map((c) => {
          const w = (c.count / Math.max(1, s.total)) * barW;
          const x = offset;
          offset += w;
          const fill = `var(${STATE_STYLE[c.state].cssVar})`;
          return (
            <g key={c.state}>
              <rect x={x} width={w} height={16} style={{ fill, opacity: 0.85 }} />
              <rect x={x} width={w} height={16} fill={`url(#${patternId(p.prefix, c.state)})`} />
            </g>
          );
        })}
        <rect width={barW} height={16} fill="none" className="dag-bar-frame" />
      </g>
      <text className="dag-collapsed-counts" x={PAD} y={78}>
        {s.counts.map((c, i) => (
          <tspan key={c.state}>{i > 0 ? ' · ' : ''}{STATE_STYLE[c.state].glyph} {c.count} {c.state}</tspan>
        ))}
      </text>
      <text className="dag-collapsed-meta" x={PAD} y={100}>
        {s.registered}/{s.total} registered{s.partitioned > 0 ? ` · ⚡ ${s.partitioned} partitioned` : ''}{s.down > 0 ? ` · ⊘ ${s.down} off` : ''}
      </text>
      <text className="dag-collapsed-expand" x={PAD} y={p.h - 12}>▸ Expand to see each node</text>
    </g>
  );
});
