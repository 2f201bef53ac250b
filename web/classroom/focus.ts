/**
 * Follow the presenter, as pure functions over the store: the focus a page shows (selection, time cursor, open
 * panels), whether two focuses are the same, and whether a following viewer has stepped out on their own. A viewer
 * steps out by looking at something the presenter is not (another unit, another moment, a panel the presenter has
 * closed); losing something on its own (the selection cleared by a reset, the cursor back to live) is not stepping
 * out, because the presenter's page does the same and the next relay brings them back in line.
 */
import type { FollowPanel, FollowState } from '../../shared/protocol/classroom.ts';
import type { BootState } from '../store/store.ts';

export function focusOf(s: Pick<BootState, 'selected' | 'cursorMs' | 'helpOpen' | 'baselineOn' | 'criticalOn'>): FollowState {
  const panels: FollowPanel[] = [];
  if (s.helpOpen) panels.push('help');
  if (s.baselineOn) panels.push('baseline');
  if (s.criticalOn) panels.push('critical');
  return { selected: s.selected === null ? null : { node: s.selected.node, unit: s.selected.unit }, cursorMs: s.cursorMs, panels };
}

export function sameFocus(a: FollowState, b: FollowState): boolean {
  return a.selected?.node === b.selected?.node && a.selected?.unit === b.selected?.unit && a.cursorMs === b.cursorMs && a.panels.join() === b.panels.join();
}

/** The local focus has something the presenter's has not: the viewer went exploring. */
export function steppedOut(local: FollowState, presenter: FollowState): boolean {
  const otherUnit = local.selected !== null && (local.selected.node !== presenter.selected?.node || local.selected.unit !== presenter.selected.unit);
  const otherMoment = local.cursorMs !== null && local.cursorMs !== presenter.cursorMs;
  const otherPanel = local.panels.some((p) => !presenter.panels.includes(p));
  return otherUnit || otherMoment || otherPanel;
}

/** The store writes that make this page show `focus`. */
export function applyFocus(actions: BootState['actions'], focus: FollowState): void {
  actions.select(focus.selected);
  actions.setCursor(focus.cursorMs);
  actions.setHelpOpen(focus.panels.includes('help'));
  actions.setBaselineOn(focus.panels.includes('baseline'));
  actions.setCriticalOn(focus.panels.includes('critical'));
}
