// The engine's cause tree for one unit (steps with parent/root, see shared/engine/explain.ts), with the lookup
// checked first so a bad node/unit gets a readable error listing what is allowed (the engine's explain is only
// ever asked about things that exist).
import type { Engine, ExplainStep } from '../shared/engine/types.ts';

export type ExplainResult = { ok: true; chain: ExplainStep[] } | { ok: false; error: string };

export function explainUnit(engine: Engine, nodeId: string, unitId: string): ExplainResult {
  const nodes = engine.view().nodes;
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) {
    return { ok: false, error: `unknown node '${nodeId}'; nodes: ${listSome(nodes.map((n) => n.id))}` };
  }
  if (!node.units.some((u) => u.id === unitId)) {
    return { ok: false, error: `unknown unit '${unitId}' on ${nodeId}; units there: ${listSome(node.units.map((u) => u.id))}` };
  }
  return { ok: true, chain: engine.explain(nodeId, unitId) };
}

function listSome(ids: string[], max = 12): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, ... (${ids.length} in all)`;
}
