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
import type { NodeLane, PowerState, UnitRow } from '../../viz/timelineModel.ts';
import { Bars, type BarWindow, type PatternIds } from './Bars.tsx';
import { ROW_PX, healthStyle, powerStyle, unitStyle } from './timelineRows.ts';

/** Lane: the worst-live-state bar on top, the reported-health strip under it. */
const WORST_Y = 3;
const WORST_H = 14;
const HEALTH_Y = 19;
const HEALTH_H = 6;
const UNIT_Y = 5;
const UNIT_H = 18;

const EMPTY: never[] = [];

interface LaneRowProps {
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
}

export const LaneRow = memo(function LaneRow({ node, lane, health, power, role, expanded, unitCount, top, selected, win, patterns }: LaneRowProps) {
  const hs = healthStyle(health);
  const ps = powerStyle(power);
  const worst = lane?.worst;
  return (
    <div
      className={`tl-row tl-row--lane${selected ? ' tl-row--selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      role="group"
      data-node={node}
      data-unit="*"
      data-state={health}
      aria-label={`${node}: ${health}`}
    >
      <div className="tl-label">
        <button type="button" className="tl-chevron" aria-expanded={expanded} aria-label={`${expanded ? 'Hide' : 'Show'} the ${unitCount} units of ${node}`}>
          {expanded ? '▾' : '▸'}
        </button>
        <span className="tl-state-glyph" style={{ color: `var(${hs.cssVar})` }} aria-hidden="true">{hs.glyph}</span>
        <button type="button" className="tl-name tl-name--lane" title={`${node} (${role}): open node faults`}>{node}</button>
        {power !== 'up' ? <span className="tl-badge" style={{ borderColor: `var(${ps.cssVar})` }}>{ps.glyph} {ps.label}</span> : null}
        {power === 'up' && worst !== undefined && worst !== 'healthy' ? <span className="tl-worst" style={{ color: `var(${unitStyle(worst).cssVar})` }} title={`worst unit state now: ${worst}`}>{unitStyle(worst).glyph}</span> : null}
      </div>
      <svg className="tl-bars" width={win.clipPx ?? win.widthPx} height={ROW_PX} aria-hidden="true">
        <g className="tl-shift">
          <Bars band="worst" segments={lane?.worstSegments ?? EMPTY} styleFor={unitStyle} win={win} y={WORST_Y} height={WORST_H} patterns={patterns} />
          <Bars band="health" segments={lane?.healthSegments ?? EMPTY} styleFor={healthStyle} win={win} y={HEALTH_Y} height={HEALTH_H} patterns={patterns} />
          <Bars band="power" segments={lane?.powerSegments ?? EMPTY} styleFor={powerStyle} win={win} y={1} height={ROW_PX - 2} patterns={patterns} skip="up" overlay />
        </g>
      </svg>
    </div>
  );
});

interface UnitRowProps {
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

export const UnitRowView = memo(function UnitRowView({ node, unit, row, state, top, selected, win, patterns }: UnitRowProps) {
  const style = unitStyle(state);
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
      </div>
      <svg className="tl-bars" width={win.clipPx ?? win.widthPx} height={ROW_PX} aria-hidden="true">
        <g className="tl-shift">
          <Bars band="unit" segments={row?.segments ?? EMPTY} styleFor={unitStyle} win={win} y={UNIT_Y} height={UNIT_H} patterns={patterns} />
        </g>
      </svg>
    </div>
  );
});
