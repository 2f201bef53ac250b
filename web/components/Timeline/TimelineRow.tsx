/**
 * The two kinds of timeline rows, memoized on their data's identity (the model keeps untouched rows
 * identical) and on the window, so a batch of events re-renders only the rows it touched.
 * Bars are drawn against a stable base window and slid by the CSS variable --tl-shift (see rowBase),
 * so following "now" does not re-render rows. Each row is a real DOM element carrying the test/assistive-tech contract (architecture.md §4):
 * data-node, data-unit ("*" for a node lane), data-state (unit: current state; lane: reported health)
 * and an aria-label. Clicks are handled by the Timeline (delegation); the label is a real button so
 * the row is reachable by keyboard.
 */
import { memo } from 'react';
import type { Health, UnitState } from '../../../shared/protocol/types.ts';
import type { NodeLane, PowerState, UnitRow } from '../../store/timelineModel.ts';
import { Bars, type BarWindow, type PatternIds } from './Bars.tsx';
import { CompareMarks, LateBadge, type RowCompareProps } from './CompareMarks.tsx';
import { ROW_PX, healthStyle, powerStyle, unitStyle } from './timelineRows.ts';

/** Lane: the worst-live-state bar on top, the reported-health strip under it. */
const WORST_Y = 3;
const WORST_H = 14;
const HEALTH_Y = 19;
const HEALTH_H = 6;
const UNIT_Y = 5;
const UNIT_H = 18;
/** While the healthy twin's ghost is drawn underneath, the run's bars move up and shrink to make room for it. */
const GHOSTED = { worstY: 2, worstH: 12, healthY: 15, healthH: 4, unitY: 3, unitH: 14 };

const EMPTY: never[] = [];

interface LaneRowProps extends RowCompareProps {
  node: string;
  lane: NodeLane | undefined;
  /** Reported health from the view (authoritative now), falling back to the model's. */
  health: Health;
  power: PowerState;
  role: string;
  expanded: boolean;
  unitCount: number;
  top: number;
  selected: boolean;
  win: BarWindow;
  patterns: PatternIds;
  /**
   * The copy pinned above the rows (Timeline's sticky header): a picture of the real lane row, so it
   * carries data-sticky-node instead of the row contract and stays out of the accessibility tree and tab order.
   */
  sticky?: boolean;
}

export const LaneRow = memo(function LaneRow({ node, lane, health, power, role, expanded, unitCount, top, selected, win, patterns, sticky = false, ...compare }: LaneRowProps) {
  const hs = healthStyle(health);
  const g = compare.ghost !== undefined;
  const ps = powerStyle(power);
  const worst = lane?.worst;
  return (
    <div
      className={`tl-row tl-row--lane${selected ? ' tl-row--selected' : ''}${sticky ? ' tl-row--sticky' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      {...(sticky
        ? { 'data-sticky-node': node, 'aria-hidden': true }
        : { role: 'group', 'data-node': node, 'data-unit': '*', 'data-state': health, 'aria-label': `${node}: ${health}` })}
    >
      <div className="tl-label">
        <button type="button" className="tl-chevron" aria-expanded={expanded} aria-label={`${expanded ? 'Hide' : 'Show'} the ${unitCount} units of ${node}`} tabIndex={sticky ? -1 : undefined}>
          {expanded ? '▾' : '▸'}
        </button>
        <span className="tl-state-glyph" style={{ color: `var(${hs.cssVar})` }} aria-hidden="true">{hs.glyph}</span>
        <button type="button" className="tl-name tl-name--lane" title={`${node} (${role}): open node faults`} tabIndex={sticky ? -1 : undefined}>{node}</button>
        {power !== 'up' ? <span className="tl-badge" style={{ borderColor: `var(${ps.cssVar})` }}>{ps.glyph} {ps.label}</span> : null}
        {power === 'up' && worst !== undefined && worst !== 'healthy' ? <span className="tl-worst" style={{ color: `var(${unitStyle(worst).cssVar})` }} title={`worst unit state now: ${worst}`}>{unitStyle(worst).glyph}</span> : null}
        <LateBadge lateMs={compare.lateMs} />
      </div>
      <svg className="tl-bars" width={win.clipPx ?? win.widthPx} height={ROW_PX} aria-hidden="true">
        <g className="tl-shift">
          <Bars band="worst" segments={lane?.worstSegments ?? EMPTY} styleFor={unitStyle} win={win} y={g ? GHOSTED.worstY : WORST_Y} height={g ? GHOSTED.worstH : WORST_H} patterns={patterns} />
          <Bars band="health" segments={lane?.healthSegments ?? EMPTY} styleFor={healthStyle} win={win} y={g ? GHOSTED.healthY : HEALTH_Y} height={g ? GHOSTED.healthH : HEALTH_H} patterns={patterns} />
          <CompareMarks {...compare} win={win} patterns={patterns} />
          <Bars band="power" segments={lane?.powerSegments ?? EMPTY} styleFor={powerStyle} win={win} y={1} height={ROW_PX - 2} patterns={patterns} skip="up" overlay />
        </g>
      </svg>
    </div>
  );
});

interface UnitRowProps extends RowCompareProps {
  node: string;
  unit: string;
  row: UnitRow | undefined;
  /** Current state from the view, falling back to the model's last segment. */
  state: UnitState;
  top: number;
  selected: boolean;
  win: BarWindow;
  patterns: PatternIds;
}

export const UnitRowView = memo(function UnitRowView({ node, unit, row, state, top, selected, win, patterns, ...compare }: UnitRowProps) {
  const style = unitStyle(state);
  const g = compare.ghost !== undefined;
  return (
    <div
      className={`tl-row tl-row--unit${selected ? ' tl-row--selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      role="group"
      data-node={node}
      data-unit={unit}
      data-state={state}
      aria-label={`${unit} on ${node}: ${state}`}
    >
      <div className="tl-label tl-label--unit">
        <span className="tl-state-glyph" style={{ color: `var(${style.cssVar})` }} aria-hidden="true">{style.glyph}</span>
        <button type="button" className="tl-name" title={`${unit} on ${node}: open unit faults`}>{unit}</button>
        <LateBadge lateMs={compare.lateMs} />
      </div>
      <svg className="tl-bars" width={win.clipPx ?? win.widthPx} height={ROW_PX} aria-hidden="true">
        <g className="tl-shift">
          <Bars band="unit" segments={row?.segments ?? EMPTY} styleFor={unitStyle} win={win} y={g ? GHOSTED.unitY : UNIT_Y} height={g ? GHOSTED.unitH : UNIT_H} patterns={patterns} />
          <CompareMarks {...compare} win={win} patterns={patterns} />
        </g>
      </svg>
    </div>
  );
});
