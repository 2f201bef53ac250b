/**
 * The timeline's vertical layout as a flat list of fixed-height rows (so it can be virtualized): one
 * lane per node in the view's order (masters first), followed by its unit rows when expanded, units in
 * the view's (catalog boot) order. Nodes or units the model knows but the view does not (yet) are
 * appended, so nothing that happened is ever hidden. Also: the visual encoding of node-level states.
 */
import type { Health, NodeView, UnitState } from '../../../shared/protocol/types.ts';
import type { PowerState, TimelineModel } from '../../viz/timelineModel.ts';
import { STATE_STYLE, type StatePattern } from '../../viz/stateStyle.ts';

/** Every row (lane or unit) is this tall; fixed so the list can be virtualized by arithmetic. */
export const ROW_PX = 28;
/** Width of the label column (fits "dcos-mesos-slave-public" at 13px with indent and glyph). */
export const LABEL_PX = 236;

export type DisplayRow =
  | { kind: 'lane'; key: string; node: string; expanded: boolean; unitCount: number }
  | { kind: 'unit'; key: string; node: string; unit: string };

export function displayRows(nodes: readonly NodeView[], model: TimelineModel, expanded: ReadonlySet<string>): DisplayRow[] {
  const rows: DisplayRow[] = [];
  const seen = new Set<string>();
  const pushNode = (node: string, viewUnits: readonly string[]) => {
    seen.add(node);
    const laneIndex = model.laneIndex[node];
    const lane = laneIndex === undefined ? undefined : model.lanes[laneIndex];
    const units = lane === undefined ? viewUnits : viewUnits.concat(lane.unitOrder.filter((u) => !viewUnits.includes(u)));
    const open = expanded.has(node);
    rows.push({ kind: 'lane', key: node, node, expanded: open, unitCount: units.length });
    if (open) for (const unit of units) rows.push({ kind: 'unit', key: `${node}/${unit}`, node, unit });
  };
  for (const n of nodes) pushNode(n.id, n.units.map((u) => u.id));
  for (const lane of model.lanes) if (!seen.has(lane.node)) pushNode(lane.node, []);
  return rows;
}

/**
 * The node header to pin above the rows when the list is scrolled into a node's unit rows (its lane row
 * has gone above the top), so a unit row never reads "dcos-marathon" without its node; `offsetPx` (<= 0)
 * pushes the header up as the next node's lane arrives, as sticky section headers do.
 */
export function stickyLane(rows: readonly DisplayRow[], scrollTop: number, rowPx: number): { row: DisplayRow & { kind: 'lane' }; offsetPx: number } | null {
  const top = Math.floor(Math.max(0, scrollTop) / rowPx);
  const at = rows[top];
  if (at === undefined || (at.kind === 'lane' && top * rowPx === scrollTop)) return null;
  let i = top;
  while (i >= 0 && rows[i]!.kind !== 'lane') i--;
  const lane = rows[i];
  if (lane === undefined || lane.kind !== 'lane' || !lane.expanded) return null;
  const next = rows[top + 1];
  const offsetPx = next?.kind === 'lane' ? Math.min(0, (top + 1) * rowPx - scrollTop - rowPx) : 0;
  return { row: lane, offsetPx };
}

export interface VisualStyle {
  cssVar: string;
  label: string;
  glyph: string;
  pattern: StatePattern;
}

export function unitStyle(state: UnitState): VisualStyle {
  return STATE_STYLE[state];
}

/** Reported (3DT) health uses the unit palette: unknown looks like pending (grey outline, "?"). */
export function healthStyle(health: Health): VisualStyle {
  if (health === 'healthy') return { ...STATE_STYLE.healthy, label: 'healthy' };
  if (health === 'unhealthy') return { ...STATE_STYLE.unhealthy, label: 'unhealthy' };
  return { ...STATE_STYLE.pending, label: 'unknown', glyph: '?' };
}

export function powerStyle(power: PowerState): VisualStyle {
  if (power === 'down') return { cssVar: STATE_STYLE.stopped.cssVar, label: 'powered off', glyph: '■', pattern: 'hatched' };
  if (power === 'partitioned') return { cssVar: STATE_STYLE.waiting.cssVar, label: 'partitioned', glyph: '✂', pattern: 'hatched' };
  return { cssVar: STATE_STYLE.healthy.cssVar, label: 'up', glyph: '', pattern: 'outline' };
}
