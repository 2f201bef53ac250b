/**
 * The timeline's vertical layout as a flat list of fixed-height rows (so it can be virtualized): one
 * lane per node in the view's order (masters first), followed by its unit rows when expanded, units in
 * the view's (catalog boot) order. Nodes or units the model knows but the view does not (yet) are
 * appended, so nothing that happened is ever hidden. Also: the visual encoding of node-level states.
 */
import type { Health, NodeView, UnitState } from '../../../shared/protocol/types.ts';
import type { PowerState, TimelineModel } from '../../store/timelineModel.ts';
import { STATE_STYLE, type StatePattern } from '../../viz/stateStyle.ts';
import { groupOf, type AgentGroup } from '../../viz/agentStrip.ts';
import { indexStates } from '../../viz/dagState.ts';

/** A role with more agents than this shows one strip for all of them (expandable), not one lane each. */
export const GROUP_LANES_OVER = 50;
/** An expanded group shows its agents' lanes this many at a time ("Show 50 more"). */
export const GROUP_PAGE = 50;

/** Every row (lane or unit) is this tall; fixed so the list can be virtualized by arithmetic. */
export const ROW_PX = 28;
/** Width of the label column (fits "dcos-mesos-slave-public" at 13px with indent and glyph). */
export const LABEL_PX = 236;

export type DisplayRow =
  | { kind: 'lane'; key: string; node: string; expanded: boolean; unitCount: number }
  | { kind: 'unit'; key: string; node: string; unit: string }
  /** A whole agent role as one strip; expanded, its first `shown` lanes follow, then a 'more' row. */
  | { kind: 'group'; key: string; group: AgentGroup; total: number; expanded: boolean }
  | { kind: 'more'; key: string; group: AgentGroup; remaining: number };

/** The expansion key of a group row (kept in the same set as expanded nodes). */
export const groupKey = (group: AgentGroup): string => `group:${group}`;

/**
 * `pages`: how many GROUP_PAGEs of an expanded group's lanes are shown (default 1). Roles with more than
 * GROUP_LANES_OVER agents become one group row, so a 10,000-agent cluster is a handful of rows, not 10,000.
 */
export function displayRows(nodes: readonly NodeView[], model: TimelineModel, expanded: ReadonlySet<string>, pages: ReadonlyMap<AgentGroup, number> = new Map()): DisplayRow[] {
  const rows: DisplayRow[] = [];
  // Nodes the view lists (shared with the DAG, built once per node list): lanes of others are appended at the end.
  const inView = indexStates({ nodes });
  const seen = new Set<string>();
  const sizes: Record<AgentGroup, number> = { agent: 0, agent_public: 0 };
  for (const n of nodes) {
    const g = groupOf(n.id);
    if (g !== null) sizes[g] += 1;
  }
  const grouped = (g: AgentGroup) => sizes[g] > GROUP_LANES_OVER;
  const shownInGroup: Record<AgentGroup, number> = { agent: 0, agent_public: 0 };
  const pushNode = (node: string, viewUnits: readonly string[]) => {
    seen.add(node);
    const laneIndex = model.laneIndex[node];
    const lane = laneIndex === undefined ? undefined : model.lanes[laneIndex];
    const units = lane === undefined ? viewUnits : viewUnits.concat(lane.unitOrder.filter((u) => !viewUnits.includes(u)));
    const open = expanded.has(node);
    rows.push({ kind: 'lane', key: node, node, expanded: open, unitCount: units.length });
    if (open) for (const unit of units) rows.push({ kind: 'unit', key: `${node}/${unit}`, node, unit });
  };
  for (const n of nodes) {
    const g = groupOf(n.id);
    if (g === null || !grouped(g)) {
      pushNode(n.id, n.units.map((u) => u.id));
      continue;
    }
    const open = expanded.has(groupKey(g));
    if (shownInGroup[g] === 0) rows.push({ kind: 'group', key: groupKey(g), group: g, total: sizes[g], expanded: open });
    const limit = (pages.get(g) ?? 1) * GROUP_PAGE;
    if (open && shownInGroup[g] < limit) pushNode(n.id, n.units.map((u) => u.id));
    else if (open && shownInGroup[g] === limit) rows.push({ kind: 'more', key: `more:${g}`, group: g, remaining: sizes[g] - limit });
    shownInGroup[g] += 1;
  }
  for (const lane of model.lanes) if (!seen.has(lane.node) && !inView.has(lane.node)) pushNode(lane.node, []);
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
  if (at === undefined || at.kind === 'group' || at.kind === 'more' || (at.kind === 'lane' && top * rowPx === scrollTop)) return null;
  let i = top;
  while (i >= 0 && rows[i]!.kind === 'unit') i--;
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
