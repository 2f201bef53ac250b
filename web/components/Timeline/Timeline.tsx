/**
 * The per-node timeline (systemd-analyze plot, live): one swimlane per node (worst live unit state on
 * top, reported 3DT health underneath, power/partition overlaid), expandable to one row per unit;
 * markers for faults, leader and quorum changes and narration; a moving "now" line; an m:ss axis that
 * zooms and pans (follow now / fit all / manual). Clicking a lane or bar asks the shell to open the
 * fault menu (onActivate).
 *
 * Performance invariants: rows are virtualized (fixed ROW_PX, only the viewport plus overscan is in
 * the DOM); each row renders only the segments inside the window; rows are memoized on the model's
 * row identity and do not depend on "now" (the overlay masks the future), so a batch re-renders only
 * the rows it touched, and a clock tick re-renders rows only when the window itself moves.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type ReactNode, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { ClusterView, NodeView } from '../../../shared/protocol/types.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';
import type { PowerState, TimelineModel } from '../../store/timelineModel.ts';
import { formatSimTime, rowBase, timeTicks, virtualRows } from '../../viz/timeScale.ts';
import type { BarWindow, PatternIds } from './Bars.tsx';
import type { RowCompareProps } from './CompareMarks.tsx';
import type { TimelineCompare } from '../../viz/baselineCompare.ts';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { hoverAt, rowClick } from './rowEvents.ts';
import { TimeCursor } from './TimeCursor.tsx';
import { useBodySize, useTimeWindow } from './useTimeWindow.ts';
import { TimelineAxis, TimelineOverlay } from './TimelineAxis.tsx';
import { placeMarkers } from './markerLayout.ts';
import { LaneRow, UnitRowView } from './TimelineRow.tsx';
import { LABEL_PX, ROW_PX, displayRows, groupKey, stickyLane, type DisplayRow } from './timelineRows.ts';
import { GroupRow, MoreRow } from './GroupRow.tsx';
import { OlderHistoryBand } from './OlderHistory.tsx';
import type { AgentGroup } from '../../viz/agentStrip.ts';
import { TimelineTooltip, describeHover, type Hover } from './TimelineTooltip.tsx';
import './Timeline.css';

/** Narrowest bars area: below this the labels would squeeze the bars to nothing. */
const MIN_BARS_PX = 160;

export interface TimelineProps {
  model: TimelineModel;
  view: ClusterView;
  nowMs: number;
  selected: UnitTarget | null;
  onActivate(target: FaultTarget, anchor: { x: number; y: number }): void;
  /** The time cursor (null: live) and how to move it: a click on the axis or a drag of its handle. */
  cursorMs?: number | null;
  onCursor?(ms: number | null): void;
  /** The healthy twin and the critical path drawn on the rows (CompareMarks), when their toggles are on. */
  overlays?: TimelineOverlays;
  /** More toolbar controls (the compare toggles), after the zoom buttons. */
  toolbarExtra?: ReactNode;
}

export interface TimelineOverlays {
  ghost: TimelineModel | null;
  compare: TimelineCompare | null;
  critical: ReadonlyMap<string, readonly (readonly [number, number])[]> | null;
}

const NO_GHOST: never[] = [];

/** A row's overlay props: primitives and identity-stable lists, so memoized rows re-render only when they change. */
function rowOverlay(o: TimelineOverlays | undefined, node: string, unit: string | null): RowCompareProps {
  if (o === undefined) return {};
  const key = `${node}/${unit ?? '*'}`;
  const laneIndex = o.ghost?.laneIndex[node];
  const lane = laneIndex === undefined ? undefined : o.ghost!.lanes[laneIndex];
  const c = o.compare?.rows.get(key);
  return {
    ghost: o.ghost === null ? undefined : ((unit === null ? lane?.worstSegments : lane?.rows[unit]?.segments) ?? NO_GHOST),
    divergedMs: c?.divergedMs ?? null,
    lateMs: c?.lateMs ?? null,
    critical: o.critical?.get(key),
  };
}

function powerOf(n: NodeView | undefined): PowerState | undefined {
  if (n === undefined) return undefined;
  return !n.up ? 'down' : n.partitioned ? 'partitioned' : 'up';
}

export function Timeline({ model, view, nowMs, selected, onActivate, cursorMs = null, onCursor, overlays, toolbarExtra }: TimelineProps) {
  // All lanes start collapsed so every node is on screen; a chevron (or selecting a unit) opens one.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  // Pages of agent lanes shown per expanded agent group (big clusters; timelineRows.ts).
  const [pages, setPages] = useState<ReadonlyMap<AgentGroup, number>>(() => new Map());
  // Selecting a unit elsewhere (DAG, Explain) opens its node's lane (adjusting state on a prop change).
  const [seenSelected, setSeenSelected] = useState(selected);
  if (selected !== seenSelected) {
    setSeenSelected(selected);
    if (selected !== null && !expanded.has(selected.node)) setExpanded(new Set(expanded).add(selected.node));
  }
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useBodySize(bodyRef);
  const barsPx = Math.max(MIN_BARS_PX, size.width - LABEL_PX);
  const dropHover = useCallback(() => setHover(null), []);
  const { win, setStored, zoomBy, panZoom } = useTimeWindow(rootRef, nowMs, barsPx, dropHover);
  // Pattern ids must be unique per instance and safe inside url(#...): useId's punctuation is stripped.
  const patternBase = `tl-pat-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const patterns = useMemo<PatternIds>(() => ({ hatched: `${patternBase}-hatch`, dotted: `${patternBase}-dots` }), [patternBase]);

  const barWin = useMemo<BarWindow>(() => ({ startMs: win.startMs, endMs: win.endMs, widthPx: barsPx }), [win.startMs, win.endMs, barsPx]);
  const { base, shiftPx } = rowBase(win, barsPx);
  const rowWin = useMemo<BarWindow>(() => ({ ...base }), [base.startMs, base.endMs, base.widthPx, base.clipPx]); // eslint-disable-line react-hooks/exhaustive-deps
  const ticks = useMemo(() => timeTicks(win, barsPx), [win, barsPx]);
  const placed = useMemo(() => placeMarkers(model.markers, barWin), [model.markers, barWin]);
  const rows = useMemo(() => displayRows(view.nodes, model, expanded, pages), [view.nodes, model, expanded, pages]);
  const nodeById = useMemo(() => new Map(view.nodes.map((n) => [n.id, n])), [view.nodes]);
  const [first, last] = virtualRows(scrollTop, size.height, ROW_PX, rows.length);
  const pinned = stickyLane(rows, scrollTop, ROW_PX);

  // The tooltip floats at the pointer's viewport position: any scroll (the page, a pane, the rows) moves
  // what it describes away from it, so it goes until the pointer moves again.
  const hovering = hover !== null;
  useEffect(() => {
    if (!hovering) return;
    const clear = () => setHover(null);
    window.addEventListener('scroll', clear, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', clear, { capture: true });
  }, [hovering]);

  // Bring the selected unit's row into view (its lane was opened above).
  useEffect(() => {
    const body = bodyRef.current;
    if (selected === null || body === null) return;
    const index = rows.findIndex((r) => r.kind === 'unit' && r.node === selected.node && r.unit === selected.unit);
    if (index < 0) return;
    const top = index * ROW_PX;
    if (top < body.scrollTop || top + ROW_PX > body.scrollTop + body.clientHeight) body.scrollTop = Math.max(0, top - ROW_PX * 2);
    // Only when the selection changes, not on every batch that rebuilds `rows`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const toggle = (node: string) => setExpanded((prev) => {
    const next = new Set(prev);
    if (!next.delete(node)) next.add(node);
    return next;
  });

  const onClick = (e: ReactMouseEvent<HTMLDivElement>) => {
    if (panZoom.current?.consumeDragClick() === true) return;
    rowClick(e, { toggle, onActivate, morePage: (group) => setPages((prev) => new Map(prev).set(group, (prev.get(group) ?? 1) + 1)) });
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const root = rootRef.current;
    if (root === null || root.classList.contains('tl-dragging')) return;
    const next = hoverAt(e.target as Element, e.clientX, e.clientY);
    setHover((h) => (next === null && h === null ? h : next));
  };

  const divergedMs = overlays?.compare?.firstDivergedMs ?? null;
  const divergedX = divergedMs === null ? null : ((divergedMs - win.startMs) / Math.max(1, win.endMs - win.startMs)) * barsPx;

  const laneProps = (row: DisplayRow & { kind: 'lane' }, top: number) => {
    const laneIndex = model.laneIndex[row.node];
    const lane = laneIndex === undefined ? undefined : model.lanes[laneIndex];
    const n = nodeById.get(row.node);
    return {
      node: row.node, lane, health: n?.health ?? lane?.health ?? 'unknown', power: powerOf(n) ?? lane?.power ?? 'up', role: n?.role ?? 'node',
      expanded: row.expanded, unitCount: row.unitCount, top, win: rowWin, patterns,
      selected: selected !== null && !row.expanded && selected.node === row.node, ...rowOverlay(overlays, row.node, null),
    };
  };

  const tooltip = hover === null ? null : describeHover(hover, model, nowMs);
  const allOpen = rows.length > 0 && view.nodes.every((n) => expanded.has(n.id));

  return (
    <div className="timeline" ref={rootRef} data-testid="timeline" onPointerMove={onPointerMove} onPointerLeave={() => setHover(null)}>
      <svg width="0" height="0" className="tl-defs" aria-hidden="true" focusable="false">
        <defs>
          <pattern id={patterns.hatched} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="2.5" height="6" className="tl-pattern-ink" />
          </pattern>
          <pattern id={patterns.dotted} width="5" height="5" patternUnits="userSpaceOnUse">
            <circle cx="2.5" cy="2.5" r="1.1" className="tl-pattern-ink" />
          </pattern>
        </defs>
      </svg>
      <TimelineToolbar win={win} nowMs={nowMs} setWindow={setStored} zoomBy={zoomBy} extra={toolbarExtra} allOpen={allOpen}
        onBackToLive={cursorMs !== null && onCursor !== undefined ? () => onCursor(null) : undefined}
        onToggleAll={() => setExpanded(allOpen ? new Set() : new Set([...view.nodes.map((n) => n.id), groupKey('agent'), groupKey('agent_public')]))} />
      <TimeCursor win={win} barsPx={barsPx} nowMs={nowMs} cursorMs={cursorMs} onCursor={onCursor} markers={model.markers} panZoom={panZoom}
        barsLeft={() => (rootRef.current?.getBoundingClientRect().left ?? 0) + LABEL_PX}>
        <TimelineAxis win={barWin} ticks={ticks} placed={placed} nowMs={nowMs} labelPx={LABEL_PX} />
      </TimeCursor>
      <div className="tl-viewport">
        <div className="tl-body" ref={bodyRef} onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
          // The rows moved under the pointer: what the tooltip described is no longer there.
          setHover(null);
        }} onClick={onClick}>
          <div className="tl-rows" style={{ height: rows.length * ROW_PX, '--tl-shift': `${-shiftPx}px` } as CSSProperties}>
            {rows.slice(first, last).map((row, i) => {
              const top = (first + i) * ROW_PX;
              if (row.kind === 'group') {
                return <GroupRow key={row.key} group={row.group} strip={model.strips[row.group]} total={row.total} expanded={row.expanded} top={top} win={rowWin} nowMs={nowMs} startMs={model.seededAt?.simTimeMs ?? 0} />;
              }
              if (row.kind === 'more') return <MoreRow key={row.key} group={row.group} remaining={row.remaining} top={top} />;
              const laneIndex = model.laneIndex[row.node];
              const lane = laneIndex === undefined ? undefined : model.lanes[laneIndex];
              const n = nodeById.get(row.node);
              if (row.kind === 'lane') return <LaneRow key={row.key} {...laneProps(row, top)} />;
              const unitRow = lane?.rows[row.unit];
              const state = n?.units.find((u) => u.id === row.unit)?.state ?? unitRow?.state ?? 'pending';
              return (
                <UnitRowView key={row.key} node={row.node} unit={row.unit} row={unitRow} state={state} top={top} win={rowWin} patterns={patterns}
                  selected={selected !== null && selected.node === row.node && selected.unit === row.unit} {...rowOverlay(overlays, row.node, row.unit)} />
              );
            })}
          </div>
        </div>
        {pinned !== null ? (
          // The node header stays above its unit rows (sticky), pushed up as the next node arrives.
          <div className="tl-sticky" data-testid="timeline-sticky" style={{ width: size.width, height: ROW_PX + pinned.offsetPx }} onClick={onClick}>
            <LaneRow {...laneProps(pinned.row, pinned.offsetPx)} sticky />
          </div>
        ) : null}
        <div className="tl-overlay-wrap" style={{ left: LABEL_PX }}>
          {model.seededAt !== null ? <OlderHistoryBand startMs={model.seededAt.simTimeMs} win={barWin} heightPx={Math.min(size.height, rows.length * ROW_PX)} /> : null}
          <TimelineOverlay win={barWin} ticks={ticks} placed={placed} nowMs={nowMs} heightPx={Math.min(size.height, rows.length * ROW_PX)} cursorMs={cursorMs} />
          {divergedX !== null && divergedX <= barsPx ? (
            // Before the window: the label stays at its left edge, pointing back, so the class still sees it.
            <div className={`tl-diverged-line${divergedX < 0 ? ' tl-diverged-line--before' : ''}`} data-testid="first-divergence" style={{ left: Math.max(0, divergedX) }}
              title={`The run first differs from the healthy boot at ${formatSimTime(divergedMs!)}`}>
              <span className="tl-diverged-line__label">{divergedX < 0 ? '◀ ' : ''}diverged {formatSimTime(divergedMs!)}</span>
            </div>
          ) : null}
        </div>
      </div>
      {tooltip !== null && hover !== null ? <TimelineTooltip text={tooltip} x={hover.x} y={hover.y} /> : null}
    </div>
  );
}
