// An explain() tree as terminal lines a teacher reads top to bottom: the unit first, then each cause indented
// under what it explains ("└─ because ..."), so "Marathon waits, because leader.mesos does not resolve, because
// ..." reads in the right direction. Root causes (faults, facts with no further cause) are marked in words, not
// only in colour, so the mark survives a pipe, a screen reader and NO_COLOR.
// Invariant: relies only on ExplainStep.parent (parents come before children), never on list order alone.
import type { ExplainStep } from '../../shared/engine/types.ts';
import { formatSimTime } from '../../shared/model/time.ts';
import { paint, type TextStyle } from './format.ts';

export const ROOT_MARK = '(root cause)';

function since(style: TextStyle, ms: number | null): string {
  return ms === null ? '' : paint(style, 'dim', `  [since ${formatSimTime(ms)}]`);
}

/** Lines for one tree, each starting with `indent`; step 0 (the unit) in red, the rest under "because". */
export function explainTreeLines(chain: readonly ExplainStep[], style: TextStyle, indent = '  '): string[] {
  if (chain.length === 0) return [];
  const children: number[][] = chain.map(() => []);
  chain.forEach((step, i) => {
    if (step.parent !== null && step.parent >= 0 && step.parent < i) children[step.parent].push(i);
  });
  const lines: string[] = [];
  const walk = (i: number, prefix: string, connector: string, childPrefix: string) => {
    const step = chain[i];
    const words = i === 0 ? paint(style, 'red', step.text) : `because ${step.text}`;
    const mark = step.root && i > 0 ? `  ${paint(style, 'red', ROOT_MARK)}` : '';
    // A fault's words already carry its time ("at 06:00"); a second "[since 06:00]" is noise.
    const when = step.ref.startsWith('fault:') ? '' : since(style, step.sinceMs);
    lines.push(`${indent}${prefix}${connector}${words}${mark}${when}`);
    const kids = children[i];
    kids.forEach((c, k) => {
      const last = k === kids.length - 1;
      walk(c, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ');
    });
  };
  walk(0, '', '', '');
  return lines;
}
