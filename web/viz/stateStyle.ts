// Unit-state visual encoding shared by every view (DAG, timeline, legend, health panel).
// Invariant: each state differs by colour AND by a non-colour channel (glyph + fill pattern), so the
// encoding survives colour-blindness and black-and-white projectors. Colours live in CSS variables
// (web/components/DagView/stateColors.css, light and dark themes); code refers only to the var names.
import type { UnitState } from '../../shared/protocol/types.ts';

export type StatePattern = 'solid' | 'hatched' | 'dotted' | 'outline';

export interface StateStyle {
  /** CSS custom property holding the state's colour, e.g. "--state-healthy". Use as `var(${cssVar})`. */
  cssVar: string;
  /** Human label, as read by screen readers and shown in the legend. */
  label: string;
  /** One-character glyph drawn next to the name so the state reads without colour. */
  glyph: string;
  pattern: StatePattern;
}

export const STATE_STYLE: Record<UnitState, StateStyle> = {
  healthy: { cssVar: '--state-healthy', label: 'healthy', glyph: '✓', pattern: 'solid' },
  starting: { cssVar: '--state-starting', label: 'starting', glyph: '◔', pattern: 'dotted' },
  waiting: { cssVar: '--state-waiting', label: 'waiting', glyph: '…', pattern: 'hatched' },
  pending: { cssVar: '--state-pending', label: 'pending', glyph: '○', pattern: 'outline' },
  unhealthy: { cssVar: '--state-unhealthy', label: 'unhealthy', glyph: '!', pattern: 'hatched' },
  failed: { cssVar: '--state-failed', label: 'failed', glyph: '✕', pattern: 'solid' },
  stopped: { cssVar: '--state-stopped', label: 'stopped', glyph: '■', pattern: 'outline' },
};

/** Badness order (worst first): what a collapsed group shows as its state, what a legend sorts by. */
export const STATE_SEVERITY: readonly UnitState[] = ['failed', 'unhealthy', 'stopped', 'waiting', 'starting', 'pending', 'healthy'];

/** The worst of several states ('healthy' for none: an empty group hides nothing). */
export function worstState(states: Iterable<UnitState>): UnitState {
  let best = STATE_SEVERITY.length - 1;
  for (const s of states) {
    const i = STATE_SEVERITY.indexOf(s);
    if (i < best) best = i;
  }
  return STATE_SEVERITY[best]!;
}

/** `var(--state-x)` for inline SVG fill/stroke. */
export function stateColor(state: UnitState): string {
  return `var(${STATE_STYLE[state].cssVar})`;
}
