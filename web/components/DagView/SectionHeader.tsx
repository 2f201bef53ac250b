// Title of an agent section ("Private agents · 100 nodes") with Collapse / Show more buttons for large sections.
import { memo } from 'react';
import type { SectionGeom } from '../../viz/dagModel.ts';
import { isActivationKey } from './DagVertex.tsx';

export interface SectionHeaderProps {
  section: SectionGeom;
  onCollapse(): void;
  onMore(): void;
}

function SvgButton({ x, label, text, onPress }: { x: number; label: string; text: string; onPress(): void }) {
  const w = text.length * 7.6 + 20;
  return (
    <g className="dag-svg-button" role="button" tabIndex={0} aria-label={label} transform={`translate(${x},4)`}
      onClick={onPress} onKeyDown={(e) => { if (isActivationKey(e)) { e.preventDefault(); onPress(); } }}>
      <rect width={w} height={22} rx={11} />
      <text x={w / 2} y={11}>{text}</text>
    </g>
  );
}

export const SectionHeader = memo(function SectionHeader({ section: s, onCollapse, onMore }: SectionHeaderProps) {
  const count = s.expanded && s.shown < s.total ? `${s.shown} of ${s.total} nodes` : `${s.total} node${s.total === 1 ? '' : 's'}`;
  const titleW = (s.title.length + count.length) * 8 + 40;
  const more = Math.min(s.total - s.shown, 50);
  return (
    <g className="dag-section" transform={`translate(${s.x},${s.y})`}>
      <text className="dag-section-title" x={0} y={16}>{s.title} <tspan className="dag-section-count">· {count}</tspan></text>
      {s.collapsible && s.expanded && <SvgButton x={titleW} label={`Collapse ${s.title.toLowerCase()}`} text="▾ Collapse" onPress={onCollapse} />}
      {s.collapsible && s.expanded && more > 0 && (
        <SvgButton x={titleW + 100} label={`Show ${more} more ${s.title.toLowerCase()}`} text={`Show ${more} more`} onPress={onMore} />
      )}
    </g>
  );
});
