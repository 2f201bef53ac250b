// explain(node, unit): why a unit is in its state, as a tree. The unit asked about is step 0 (parent null); each
// further step explains its parent (the parent waits on it / is caused by it), so reading down goes from the
// symptom to the root causes: "Marathon waits, because leader.mesos does not resolve, because there is no Mesos
// leader, because ZooKeeper has no quorum, because of the stop of Exhibitor on master-1". Every ref is described
// live (explainWords.ts) and things that are fine now are not followed.
// Invariants: parents come before children (depth-first pre-order). The cause graph is a DAG (two masters' units
// wait on one quorum); it is unfolded into a tree, so a shared cause is repeated under each parent and every leaf
// is a root cause, and no ref repeats on its own path (no cycles). The tree grows breadth-first, so a cut at
// MAX_STEPS drops the deepest steps, not a whole sibling branch; a cut step is not marked root. Never throws.
import type { ExplainStep } from './types.ts';
import type { Ctx } from './ctx.ts';
import { nodeAt } from './ctx.ts';
import { describeRef, type RefNow } from './explainWords.ts';

/** Enough for quorum loss on five masters; beyond it the panel and the CLI summary stop being readable. */
export const MAX_STEPS = 24;

interface TreeNode {
  ref: string;
  now: RefNow;
  up: number | null;
  children: number[];
  /** Some cause was left out at MAX_STEPS: not a root then. */
  cut: boolean;
}

function onPath(nodes: TreeNode[], from: number, ref: string): boolean {
  for (let i: number | null = from; i !== null; i = nodes[i].up) if (nodes[i].ref === ref) return true;
  return false;
}

function buildTree(ctx: Ctx, start: string, first: RefNow): TreeNode[] {
  const nodes: TreeNode[] = [{ ref: start, now: first, up: null, children: [], cut: false }];
  const known = new Map<string, RefNow | null>([[start, first]]);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    for (const ref of node.now.refs) {
      if (!known.has(ref)) known.set(ref, describeRef(ctx, ref));
      const now = known.get(ref);
      if (!now || now.fine) continue;
      // A ref back to an ancestor (a restarting unit points at itself) adds nothing: the cause is above.
      if (onPath(nodes, i, ref)) continue;
      if (nodes.length >= MAX_STEPS) {
        node.cut = true;
        continue;
      }
      node.children.push(nodes.length);
      nodes.push({ ref, now, up: i, children: [], cut: false });
    }
  }
  return nodes;
}

function preOrder(nodes: TreeNode[], healthyStart: boolean): ExplainStep[] {
  const out: ExplainStep[] = [];
  const stack: { i: number; parent: number | null }[] = [{ i: 0, parent: null }];
  while (stack.length > 0) {
    const { i, parent } = stack.pop()!;
    const node = nodes[i];
    const at = out.length;
    const leaf = node.children.length === 0 && !node.cut;
    // A healthy unit asked about is not a "root cause" of anything; every other leaf is where the story starts.
    const root = node.now.fault || (leaf && !(i === 0 && healthyStart));
    out.push({ ref: node.ref, text: node.now.text, sinceMs: node.now.sinceMs, parent, root });
    for (let c = node.children.length - 1; c >= 0; c--) stack.push({ i: node.children[c], parent: at });
  }
  return out;
}

export function explainUnit(ctx: Ctx, node: string, unit: string): ExplainStep[] {
  if (typeof node !== 'string' || typeof unit !== 'string') return [];
  const n = nodeAt(ctx, node);
  if (n < 0 || ctx.topo.unitIdx[ctx.topo.roles[n]][unit] === undefined) return [];
  const start = `${node}/${unit}`;
  const first = describeRef(ctx, start);
  if (!first) return [];
  const healthy = first.fine;
  // The unit asked about is always shown, even when fine; its causes only when it is not healthy.
  return preOrder(healthy ? [{ ref: start, now: first, up: null, children: [], cut: false }] : buildTree(ctx, start, first), healthy);
}
