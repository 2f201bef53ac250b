/**
 * One unit instance on the service board: a button with the state's glyph and colour, the leader crown, and the rings
 * of selection, Why?, the critical path and a quiz round. It is the vertex of architecture §4: data-node, data-unit,
 * data-state and the aria-label "dcos-exhibitor on master-1: healthy". Memoized on primitives.
 */
import { memo } from 'react';
import type { UnitState } from '../../../shared/protocol/types.ts';
import { vertexLabel } from '../../viz/dagState.ts';
import { STATE_STYLE } from '../../viz/stateStyle.ts';
import { vertexHooks } from '../../viz/vertexHooks.ts';

export interface BoardCellProps {
  node: string;
  unit: string;
  name: string;
  state: UnitState;
  leader: 'mesos' | 'marathon' | null;
  converging: boolean;
  selected: boolean;
  highlighted: boolean;
  critical: boolean;
  previewed: boolean;
  /** The one cell of the board in the Tab order (roving tabindex). */
  tabbable: boolean;
  row: number;
  col: number;
  quizPicked?: boolean;
  quizVotes?: number;
  quizFailed?: boolean;
  quizNobody?: boolean;
  onActivate(node: string, unit: string, el: Element): void;
}

export const BoardCell = memo(function BoardCell(p: BoardCellProps) {
  const shown: UnitState = p.converging ? 'starting' : p.state;
  const style = STATE_STYLE[shown];
  const label = `${vertexLabel(p.node, p.unit, p.state, p.leader)}${p.converging ? ' (ZooKeeper converging: no quorum yet)' : ''}`;
  const cls = `dag-vertex board-cell state-${shown} pattern-${style.pattern}${p.selected ? ' is-selected' : ''}${p.highlighted ? ' is-hl' : ''}${p.previewed ? ' is-preview' : ''}`;
  return (
    <button
      type="button" className={cls} aria-label={label} title={`${p.name} on ${p.node}: ${p.state}${p.leader ? ` (${p.leader === 'mesos' ? 'Mesos' : 'Marathon'} leader)` : ''}`}
      tabIndex={p.tabbable ? 0 : -1} data-row={p.row} data-col={p.col}
      {...vertexHooks(p)}
      onClick={(e) => p.onActivate(p.node, p.unit, e.currentTarget)}
    >
      <span className="board-glyph" aria-hidden="true">{style.glyph}</span>
      {p.leader ? <span className="board-crown" aria-hidden="true">♛</span> : null}
      {p.quizVotes ? <span className="board-votes" aria-hidden="true">{p.quizVotes}</span> : p.quizNobody ? <span className="board-votes is-nobody" aria-hidden="true">!</span> : null}
    </button>
  );
});
