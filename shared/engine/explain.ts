// explain(node, unit): the chain of causes from a unit back to its root, following cause refs (unit -> fact ->
// unit -> fault). A waiting unit is explained by its live blocking gate (its stored cause is only updated on
// state changes). Never throws: unknown node/unit => [].
import type { ExplainStep } from './types.ts';
import type { Ctx } from './ctx.ts';
import { nodeIndex } from '../model/cluster.ts';
import { evalGates } from './rules/gates.ts';
import { describeFault } from './faults.ts';
import { liveFact } from './rules/facts.ts';

const MAX_STEPS = 12;

/** Simulated time as m:ss (what the dashboard's clock shows). */
function clock(ms: number): string {
  const sec = Math.floor(ms / 1000);
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
}

function describe(ctx: Ctx, r: string): { text: string; refs: string[]; since: number | null } | null {
  const s = ctx.s;
  if (r.startsWith('fault:')) {
    const f = s.faults.find((a) => a.id === r);
    return { text: f ? `fault: ${describeFault(f.fault)} (at ${clock(f.sinceMs)})` : `fault ${r} (injected earlier, no longer active)`, refs: [], since: f ? f.sinceMs : null };
  }
  if (r.startsWith('fact:') || r.startsWith('node:')) {
    const live = liveFact(ctx, r);
    if (live) return { text: live.text, refs: live.refs ?? [], since: s.why[r]?.since ?? null };
    const w = s.why[r];
    return w ? { text: w.text, refs: w.refs ?? [], since: w.since } : null;
  }
  const slash = r.indexOf('/');
  if (slash < 0) {
    const n = nodeIndex(s.cluster, r);
    if (n < 0) return null;
    const node = s.nodes[n];
    const text = !node.up ? `${r} is powered off` : node.part ? `${r} is partitioned from the other nodes` : `${r} is up`;
    const f = s.faults.find((a) => 'node' in a.fault && a.fault.node === r && (a.fault.kind === 'crash' || a.fault.kind === 'partition'));
    return { text, refs: f ? [f.id] : [], since: null };
  }
  const n = nodeIndex(s.cluster, r.slice(0, slash));
  const unit = r.slice(slash + 1);
  if (n < 0) return null;
  const u = ctx.topo.unitIdx[ctx.topo.roles[n]][unit];
  if (u === undefined) return null;
  const rt = s.nodes[n].units[u];
  if (rt.st === 'waiting') {
    const live = evalGates(ctx, n, u);
    if (live) return { text: `${r} ${live.cause.text}`, refs: live.cause.refs ?? [], since: rt.since };
  }
  const text = rt.cause.text.startsWith(`${rt.st}:`) ? rt.cause.text : `${rt.st}: ${rt.cause.text}`;
  return { text: `${r} ${text}`, refs: rt.st === 'healthy' ? [] : rt.cause.refs ?? [], since: rt.since };
}

export function explainUnit(ctx: Ctx, node: string, unit: string): ExplainStep[] {
  if (typeof node !== 'string' || typeof unit !== 'string') return [];
  const n = nodeIndex(ctx.s.cluster, node);
  if (n < 0 || ctx.topo.unitIdx[ctx.topo.roles[n]][unit] === undefined) return [];
  const start = `${node}/${unit}`;
  const first = describe(ctx, start);
  if (!first) return [];
  const u = ctx.topo.unitIdx[ctx.topo.roles[n]][unit];
  if (ctx.s.nodes[n].units[u].st === 'healthy') return [{ ref: start, text: `${start} healthy: active (running)`, sinceMs: first.since }];
  const out: ExplainStep[] = [];
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && out.length < MAX_STEPS) {
    const r = queue.shift() as string;
    if (seen.has(r)) continue;
    seen.add(r);
    const d = describe(ctx, r);
    if (!d) continue;
    // A healthy unit in the middle of a chain is not part of the problem.
    if (r !== start && r.includes('/') && d.text.includes(' healthy: ')) continue;
    out.push({ ref: r, text: d.text, sinceMs: d.since });
    for (const next of d.refs) if (!seen.has(next)) queue.push(next);
  }
  return out;
}
