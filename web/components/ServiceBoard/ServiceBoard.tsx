/**
 * The service board (web/viz/serviceBoard.ts): the cluster as a class reads it from the back of a room or on a
 * phone. One row per service in boot order, one column per node, each cell a unit instance (BoardCell, the vertex
 * of architecture §4); the units off the boot spine folded into a row of counts that unfolds on click; the cluster
 * facts (quorum, leaders) as chips above. Sized by CSS in real pixels (no fit-to-pane scaling), so a unit name is as
 * tall on a 1024x768 projector as the stylesheet says. The Tab order holds one cell (roving tabindex); the arrow
 * keys move between cells.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ClusterView, Role } from '../../../shared/protocol/types.ts';
import { BOOT_SPINE, catalogUnitsForRole, unitDisplayName } from '../../viz/dagCatalog.ts';
import { indexStates, isConverging, leaderOf, unitStates } from '../../viz/dagState.ts';
import { boardColumns, boardRows, countStates, groupUnitStates, offSpineUnits, type BoardColumn, type BoardRow, type StateCount } from '../../viz/serviceBoard.ts';
import { STATE_STYLE } from '../../viz/stateStyle.ts';
import { factTexts } from '../DagView/FactBar.tsx';
import { BoardCell } from './BoardCell.tsx';
import type { DagViewProps } from '../DagView/DagView.tsx';
import './ServiceBoard.css';

/** What the graph takes (DagView), plus the preview rings the board draws itself. */
export interface ServiceBoardProps extends Pick<DagViewProps, 'view' | 'selected' | 'highlight' | 'onActivate' | 'critical' | 'quiz'> {
  /** Units a focused fault-menu item would break: ringed while the menu is open. */
  preview?: readonly string[];
}

const anchorOf = (el: Element): { x: number; y: number } => {
  const r = el.getBoundingClientRect();
  return { x: Math.round(r.left), y: Math.round(r.bottom + 4) };
};

function Counts({ counts }: { counts: readonly StateCount[] }) {
  return (
    <>
      {counts.map((c) => (
        <span key={c.state} className={`board-count state-${c.state}`} title={`${c.count} ${c.state}`}>
          <span aria-hidden="true">{STATE_STYLE[c.state].glyph}</span>{c.count.toLocaleString('en-US')}
        </span>
      ))}
    </>
  );
}

function Facts({ view }: { view: ClusterView }) {
  const facts = factTexts(view, view.cluster.masters);
  return (
    <div className="board-facts" role="group" aria-label="Cluster facts">
      {(['quorum', 'mesos-leader', 'marathon-leader'] as const).map((k) => (
        <span key={k} className={`board-fact${facts[k].ok ? '' : ' is-missing'}`} aria-label={facts[k].label} data-fact={k}>{facts[k].text}</span>
      ))}
    </div>
  );
}

function NodeHeader({ column, view, onActivate }: { column: BoardColumn; view: ClusterView; onActivate(node: string, el: Element): void }) {
  if (column.kind === 'group') {
    return <th scope="col" className="board-col board-col--group" title={`${column.nodeIds.length} ${column.role === 'agent' ? 'private' : 'public'} agents, counted`}>{column.short}</th>;
  }
  const n = indexStates(view).get(column.node);
  const tag = n && !n.up ? '⊘' : n?.partitioned ? '⚡' : null;
  const health = n?.health ?? 'unknown';
  const label = `${column.node}: ${n && !n.up ? 'powered off' : n?.partitioned ? 'partitioned' : `health ${health}`}`;
  return (
    <th scope="col" className={`board-col${tag ? ' is-cut' : ''}`} data-group-node={column.node}>
      <button type="button" className="board-node" aria-label={label} title={`${label} — click for node faults`} tabIndex={-1}
        onClick={(e) => onActivate(column.node, e.currentTarget)}>
        <span className="board-node-id">{column.short}</span>
        {tag ? <span className="board-cut" aria-hidden="true">{tag}</span> : null}
      </button>
    </th>
  );
}

/** Arrow keys between the board's cells (data-row / data-col), Home/End along a row. */
function moveFocus(e: KeyboardEvent<HTMLElement>): void {
  const from = e.target as HTMLElement;
  if (!from.classList.contains('board-cell')) return;
  const r = Number(from.dataset.row);
  const c = Number(from.dataset.col);
  const cells = [...e.currentTarget.querySelectorAll<HTMLElement>('.board-cell')];
  const at = (rr: number, cc: number) => cells.find((x) => Number(x.dataset.row) === rr && Number(x.dataset.col) === cc);
  const row = (rr: number) => cells.filter((x) => Number(x.dataset.row) === rr);
  let to: HTMLElement | undefined;
  const near = (rr: number) => row(rr).reduce<HTMLElement | undefined>((best, x) => (best === undefined || Math.abs(Number(x.dataset.col) - c) < Math.abs(Number(best.dataset.col) - c) ? x : best), undefined);
  const rows = [...new Set(cells.map((x) => Number(x.dataset.row)))].sort((a, b) => a - b);
  switch (e.key) {
    case 'ArrowRight': to = row(r).find((x) => Number(x.dataset.col) > c); break;
    case 'ArrowLeft': to = row(r).reverse().find((x) => Number(x.dataset.col) < c); break;
    case 'ArrowDown': { const next = rows.find((x) => x > r); to = next === undefined ? undefined : at(next, c) ?? near(next); break; }
    case 'ArrowUp': { const prev = [...rows].reverse().find((x) => x < r); to = prev === undefined ? undefined : at(prev, c) ?? near(prev); break; }
    case 'Home': to = row(r)[0]; break;
    case 'End': to = row(r).at(-1); break;
    default: return;
  }
  e.preventDefault();
  if (to) {
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }
}

export function ServiceBoard({ view, selected, highlight, onActivate, critical = null, quiz = null, preview = [] }: ServiceBoardProps) {
  const [others, setOthers] = useState(false);
  const columns = useMemo(() => boardColumns(view.nodes), [view.nodes]);
  const roles = useMemo(() => [...new Set(columns.map((c) => c.role))] as Role[], [columns]);
  const rows = useMemo(() => boardRows(catalogUnitsForRole, BOOT_SPINE, unitDisplayName, roles, others), [roles, others]);
  const idx = indexStates(view);
  const hl = useMemo(() => new Set(highlight), [highlight]);
  const previewed = useMemo(() => new Set(preview), [preview]);
  const groupStates = useMemo(() => new Map(columns.flatMap((c) => (c.kind === 'group' ? [[c.id, groupUnitStates(view.nodes, new Set(c.nodeIds))] as const] : []))), [columns, view.nodes]);
  const onActivateRef = useRef(onActivate);
  useLayoutEffect(() => {
    onActivateRef.current = onActivate;
  }, [onActivate]);
  const activateUnit = useCallback((node: string, unit: string, el: Element) => onActivateRef.current({ node, unit }, anchorOf(el)), []);
  const activateNode = useCallback((node: string, el: Element) => onActivateRef.current({ node, unit: null }, anchorOf(el)), []);
  // The one tabbable cell (roving tabindex): the selected unit's, else the first.
  const refs = rows.flatMap((row) => columns.flatMap((col) => (col.kind === 'node' && row.units[col.role] !== undefined ? [`${col.node}/${row.units[col.role]}`] : [])));
  const wanted = selected === null ? null : `${selected.node}/${selected.unit}`;
  const tabRef = wanted !== null && refs.includes(wanted) ? wanted : refs[0] ?? null;

  const cell = (row: BoardRow, r: number, column: BoardColumn, c: number) => {
    const unit = row.units[column.role];
    if (unit === undefined) return <td key={c} className="board-empty" />;
    if (column.kind === 'group') {
      const states = groupStates.get(column.id)?.get(unit) ?? [];
      return <td key={c} className="board-group-cell"><Counts counts={countStates(states)} /></td>;
    }
    const n = idx.get(column.node);
    if (!n) return <td key={c} className="board-empty" />;
    const state = unitStates(n).get(unit) ?? 'pending';
    const ref = `${column.node}/${unit}`;
    const votes = quiz?.votes.get(ref);
    return (
      <td key={c} className={`board-td${!n.up || n.partitioned ? ' is-cut' : ''}`}>
        <BoardCell node={column.node} unit={unit} name={row.name} state={state} leader={leaderOf(view, column.node, unit)}
          converging={isConverging(view, unit, state)} row={r} col={c}
          selected={selected?.node === column.node && selected.unit === unit} highlighted={hl.has(ref)} critical={critical?.refs.has(ref) === true}
          previewed={previewed.has(ref)} tabbable={tabRef === ref}
          quizPicked={quiz?.picked.has(ref)} quizVotes={votes?.count} quizFailed={quiz?.failed.has(ref)} quizNobody={quiz?.nobody.has(ref)}
          onActivate={activateUnit} />
      </td>
    );
  };

  const othersRow = (
    <tr className="board-others">
      <th scope="row" className="board-name">
        <button type="button" className="board-others-toggle" aria-expanded={others} onClick={() => setOthers((o) => !o)} data-testid="board-others">
          <span className="board-name-text">{others ? '▾ Fold other units' : '▸ Other units'}</span>
        </button>
      </th>
      {columns.map((column, c) => {
        const ids = offSpineUnits(catalogUnitsForRole, rows, column.role);
        if (column.kind === 'group') {
          const byUnit = groupStates.get(column.id);
          return <td key={c} className="board-group-cell"><Counts counts={countStates(ids.flatMap((u) => byUnit?.get(u) ?? []))} /></td>;
        }
        const n = idx.get(column.node);
        const states = n ? unitStates(n) : new Map();
        return <td key={c} className="board-group-cell"><Counts counts={countStates(ids.map((u) => states.get(u) ?? 'pending'))} /></td>;
      })}
    </tr>
  );

  const body = rows.map((row, r) => (
    <tr key={row.name} className={row.step === 0 ? 'board-row is-other' : 'board-row'}>
      <th scope="row" className="board-name">
        {row.step > 0 ? <span className="board-step" aria-label={`step ${row.step}`}>{row.step}</span> : null}
        <span className="board-name-text">{row.name}</span>
        {row.after ? <span className="board-after">after {row.after}</span> : null}
      </th>
      {columns.map((column, c) => cell(row, r, column, c))}
    </tr>
  ));
  const spineCount = rows.filter((r) => r.step > 0).length;
  return (
    <div className={`board${hl.size > 0 ? ' has-hl' : ''}`} data-testid="dag-view" data-board="true">
      <Facts view={view} />
      <div className="board-scroll">
        <table className="board-table" aria-label="Units by service (rows, in boot order) and node (columns)" onKeyDown={moveFocus}>
          <thead>
            <tr>
              <th scope="col" className="board-corner">Service <span className="board-corner-by">by node</span></th>
              {columns.map((column) => <NodeHeader key={column.kind === 'node' ? column.node : column.id} column={column} view={view} onActivate={activateNode} />)}
            </tr>
          </thead>
          <tbody>
            {body.slice(0, spineCount)}
            {othersRow}
            {body.slice(spineCount)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
