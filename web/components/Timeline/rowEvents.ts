/**
 * What a click or a pointer over the timeline's rows means, read off the row elements' data attributes: open or close a
 * lane or an agent group, show the next page of agents, or open the fault menu for a node or a unit; over a bar or a
 * marker chip, what the tooltip should describe.
 */
import type { MouseEvent as ReactMouseEvent } from 'react';
import type { FaultTarget } from '../../types.ts';
import type { AgentGroup } from '../../viz/agentStrip.ts';
import { groupKey } from './timelineRows.ts';
import type { Hover } from './TimelineTooltip.tsx';

/** Which node and unit ("*" for a lane) a row element stands for; the pinned header carries only its node. */
export function rowIdentity(rowEl: HTMLElement): { node: string; unit: string } {
  return { node: rowEl.dataset.node ?? rowEl.dataset.stickyNode!, unit: rowEl.dataset.unit ?? '*' };
}

export interface RowClickActions {
  /** Open or close a lane (node id) or an agent group (groupKey). */
  toggle(key: string): void;
  morePage(group: AgentGroup): void;
  onActivate(target: FaultTarget, anchor: { x: number; y: number }): void;
}

export function rowClick(e: ReactMouseEvent<HTMLElement>, actions: RowClickActions): void {
  const target = e.target as Element;
  const rowEl = target.closest<HTMLElement>('.tl-row');
  if (rowEl === null) return;
  // A big cluster's agent group: the row opens and closes; 'more' shows the next page of its agents.
  const group = rowEl.dataset.group as AgentGroup | undefined;
  if (group !== undefined) {
    if (target.closest('.tl-chevron, .tl-label') !== null) actions.toggle(groupKey(group));
    return;
  }
  const more = rowEl.dataset.more as AgentGroup | undefined;
  if (more !== undefined) {
    if (target.closest('.tl-more') !== null) actions.morePage(more);
    return;
  }
  const { node, unit } = rowIdentity(rowEl);
  if (target.closest('.tl-chevron') !== null) {
    actions.toggle(node);
    return;
  }
  // Keyboard "clicks" (Enter on the label button) have no pointer position: anchor under the label.
  let anchor = { x: e.clientX, y: e.clientY };
  if (e.detail === 0) {
    const r = (target.closest('button') ?? rowEl).getBoundingClientRect();
    anchor = { x: r.left, y: r.bottom };
  }
  actions.onActivate(unit === '*' ? { node, unit: null } : { node, unit }, anchor);
}

/** What the pointer is over: a marker chip, a bar of a row, or nothing to describe (null). */
export function hoverAt(target: Element, x: number, y: number): Hover | null {
  const chip = target.closest<HTMLElement>('[data-marker]');
  if (chip !== null) return { kind: 'marker', indices: chip.dataset.marker!.split(',').map(Number), x, y };
  const bar = target.closest<SVGGElement>('[data-seg]');
  const rowEl = target.closest<HTMLElement>('.tl-row');
  if (bar === null || rowEl === null) return null;
  const { node, unit } = rowIdentity(rowEl);
  return { kind: 'bar', node, unit: unit === '*' ? null : unit, band: bar.dataset.band!, seg: Number(bar.dataset.seg), x, y };
}
