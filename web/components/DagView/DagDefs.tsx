// SVG <defs> for the DAG: one fill pattern per unit state (solid tint, hatch, dots, none) so state reads without
// colour, and arrowheads per edge kind. Ids are prefixed with a per-instance id so two DAGs on a page don't clash.
import { memo } from 'react';
import { UNIT_STATES, type UnitState } from '../../../shared/model/vocabulary.ts';
import { STATE_STYLE } from '../../viz/stateStyle.ts';

export const patternId = (prefix: string, s: UnitState): string => `${prefix}-pat-${s}`;
export const markerId = (prefix: string, kind: string): string => `${prefix}-arrow-${kind}`;

function StatePattern({ id, state }: { id: string; state: UnitState }) {
  const color = `var(${STATE_STYLE[state].cssVar})`;
  switch (STATE_STYLE[state].pattern) {
    case 'solid':
      return (
        <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" style={{ fill: color, opacity: 0.2 }} />
        </pattern>
      );
    case 'hatched':
      return (
        <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" style={{ fill: color, opacity: 0.08 }} />
          <line x1="0" y1="0" x2="0" y2="8" style={{ stroke: color, strokeWidth: 3, opacity: 0.45 }} />
        </pattern>
      );
    case 'dotted':
      return (
        <pattern id={id} width="7" height="7" patternUnits="userSpaceOnUse">
          <circle cx="3.5" cy="3.5" r="1.4" style={{ fill: color, opacity: 0.6 }} />
        </pattern>
      );
    case 'outline':
      return (
        <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="none" />
        </pattern>
      );
  }
}

export const DagDefs = memo(function DagDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      {UNIT_STATES.map((s) => <StatePattern key={s} id={patternId(prefix, s)} state={s} />)}
      {/* Over a solid state colour (tray squares, collapsed-group bar): light stripes / dots keep the pattern cue. */}
      <pattern id={`${prefix}-pat-ink-hatched`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" style={{ stroke: 'var(--state-ink-on-fill)', strokeWidth: 2, opacity: 0.45 }} />
      </pattern>
      <pattern id={`${prefix}-pat-ink-dotted`} width="5" height="5" patternUnits="userSpaceOnUse">
        <circle cx="2.5" cy="2.5" r="1" style={{ fill: 'var(--state-ink-on-fill)', opacity: 0.6 }} />
      </pattern>
      {(['none', 'wait', 'fail', 'hl'] as const).map((k) => (
        <marker key={k} id={markerId(prefix, k)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className={`dag-arrow dag-arrow-${k}`} />
        </marker>
      ))}
    </defs>
  );
});
