// The frame of one node's units: background, and a header with node id, IP, role, reported health and a
// partitioned / powered-off tag. The header is a button for node-level faults (partition, crash, ...).
// A partitioned or powered-off node's whole group is dimmed (CSS on .is-cut).
import { memo } from 'react';
import type { Health, Role } from '../../../shared/protocol/types.ts';
import { HEADER_H } from '../../viz/dagModel.ts';
import { isActivationKey } from './DagVertex.tsx';

const ROLE_TEXT: Record<Role, string> = { master: 'master', agent: 'private agent', agent_public: 'public agent' };
const HEALTH_GLYPH: Record<Health, string> = { healthy: '✓', unhealthy: '!', unknown: '?' };

export interface DagGroupProps {
  node: string;
  role: Role;
  ip: string;
  health: Health;
  up: boolean;
  partitioned: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  onActivate(node: string, el: Element): void;
}

export const DagGroup = memo(function DagGroup(p: DagGroupProps) {
  const tag = !p.up ? '⊘ powered off' : p.partitioned ? '⚡ partitioned' : null;
  const label = `${p.node} (${ROLE_TEXT[p.role]}, ${p.ip}): ${p.health}${tag ? `, ${tag.slice(2)}` : ''}. Node actions`;
  return (
    <g className={`dag-group${!p.up || p.partitioned ? ' is-cut' : ''}`} transform={`translate(${p.x},${p.y})`} data-group-node={p.node}>
      <rect className="dag-group-bg" width={p.w} height={p.h} rx={10} />
      <g
        className="dag-group-header" role="button" tabIndex={0} aria-label={label}
        onClick={(e) => p.onActivate(p.node, e.currentTarget)}
        onKeyDown={(e) => { if (isActivationKey(e)) { e.preventDefault(); p.onActivate(p.node, e.currentTarget); } }}
      >
        <title>{label}</title>
        <rect className="dag-group-header-hit" width={p.w} height={HEADER_H} rx={10} />
        <text className="dag-group-title" x={10} y={HEADER_H / 2 + 5}>
          <tspan className="dag-group-id">{p.node}</tspan>
          {/* Agents sit under a "Private/Public agents" section title; masters say it here. */}
          <tspan className="dag-group-meta" dx={8}>{p.ip}{p.role === 'master' ? ' · master' : ''}</tspan>
          {/* A cut-off node's reported health is stale or unknown: the tag is the news. */}
          {tag ? <tspan className="dag-cut-tag" dx={10}>{tag}</tspan>
            : <tspan className={`dag-health health-${p.health}`} dx={10}>{HEALTH_GLYPH[p.health]} {p.health}</tspan>}
        </text>
      </g>
    </g>
  );
});
