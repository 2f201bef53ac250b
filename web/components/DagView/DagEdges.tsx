// Edge layer: quiet thin curves for satisfied dependencies, thick dashed red/amber ones (with a short caption naming the blocking `via`, placed by dagCaptions.ts)
// for dependencies that currently block; edges between explain-highlighted vertices glow.
import { memo } from 'react';
import { captionText, type DagEdge } from '../../viz/dagEdges.ts';
import { markerId } from './DagDefs.tsx';
import { edgeKey } from '../../viz/criticalOverlay.ts';

export interface DagEdgesProps {
  edges: readonly DagEdge[];
  highlighted: ReadonlySet<string>;
  prefix: string;
  /** "from>to" pairs on the critical path (criticalOverlay.ts), drawn in its colour with data-critical="true". */
  critical?: ReadonlySet<string>;
}

export const DagEdges = memo(function DagEdges({ edges, highlighted, prefix, critical }: DagEdgesProps) {
  const isHl = (e: DagEdge) => highlighted.has(e.from) && highlighted.has(e.to);
  return (
    <>
      <g className="dag-edges" aria-hidden="true">
        {edges.map((e) => {
          const hl = isHl(e);
          const onPath = critical?.has(edgeKey(e.from, e.to)) === true;
          if (e.minor && !hl && !onPath) return null;
          return (
            <path key={e.key} d={e.path} className={`dag-edge block-${e.block}${hl ? ' is-hl' : ''}${e.from.startsWith('fact:') ? ' is-stub' : ''}`}
              markerEnd={`url(#${markerId(prefix, hl ? 'hl' : e.block)})`} data-from={e.from} data-to={e.to} data-block={e.block} {...(onPath ? { 'data-critical': 'true' } : {})} />
          );
        })}
      </g>
      <g className="dag-edge-labels" aria-hidden="true">
        {/* Only placed captions: an explain-path edge already glows, and its words are in the explain panel. */}
        {edges.filter((e) => e.label).map((e) => (
          <g key={e.key}>
            <title>{e.block === 'none' ? e.via : e.blockVia}</title>
            <text x={e.labelX} y={e.labelY} className={`dag-edge-label block-${e.block}`}>{captionText(e)}</text>
          </g>
        ))}
      </g>
    </>
  );
});

