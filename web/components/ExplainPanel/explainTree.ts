/**
 * The explain steps (a pre-order list with parent indexes, from sim:explain) as a nested tree the panel renders
 * as nested lists: indentation comes from nesting, so a screen reader announces the levels too. Pure.
 * Invariant: tolerant of a malformed list (a parent that does not come first is treated as a top-level step),
 * so a bad answer shows flat instead of vanishing.
 */
import type { ExplainStep } from '../../../shared/protocol/types.ts';

export interface ExplainNode {
  step: ExplainStep;
  index: number;
  depth: number;
  children: ExplainNode[];
}

export function explainForest(chain: readonly ExplainStep[]): ExplainNode[] {
  const nodes: ExplainNode[] = [];
  const top: ExplainNode[] = [];
  chain.forEach((step, index) => {
    const p = step.parent;
    const parent = p !== null && p >= 0 && p < index ? nodes[p] : undefined;
    const node: ExplainNode = { step, index, depth: parent ? parent.depth + 1 : 0, children: [] };
    nodes.push(node);
    if (parent) parent.children.push(node);
    else top.push(node);
  });
  return top;
}

/**
 * The root causes, once each: a tree repeats a shared cause under every step it explains (one stop, two
 * masters waiting on it), but the summary names it once.
 */
export function rootCauses(chain: readonly ExplainStep[]): ExplainStep[] {
  const seen = new Set<string>();
  return chain.filter((step, i) => i > 0 && step.root && !seen.has(step.ref) && Boolean(seen.add(step.ref)));
}
