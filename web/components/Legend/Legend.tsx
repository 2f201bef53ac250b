/** State legend: each unit state's colour, fill pattern and glyph, in the DAG engineer's encoding. */
import type { UnitState } from '../../../shared/protocol/types.ts';
import { STATE_STYLE } from '../../viz/stateStyle.ts';

export function StateChip({ state }: { state: UnitState }) {
  const style = STATE_STYLE[state];
  return (
    <span className={`state-chip pattern-${style.pattern}`} style={{ ['--chip' as string]: `var(${style.cssVar})` }} aria-hidden="true">
      {style.glyph}
    </span>
  );
}

const ORDER = Object.keys(STATE_STYLE) as UnitState[];

export function Legend() {
  return (
    <ul className="legend" aria-label="Unit state legend">
      {ORDER.map((state) => (
        <li key={state}>
          <StateChip state={state} /> {STATE_STYLE[state].label}
        </li>
      ))}
    </ul>
  );
}
