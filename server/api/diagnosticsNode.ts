// Which node's dcos-diagnostics answers a /system/health/v1 request (`?node=<ip or node id>`, default master-1), and
// whether the request gets there. The answer is what that node's Admin Router would give (dcos-model.md §5.5b):
// Admin Router (master :80, agent :61001) proxies /system/health/v1 to the local dcos-diagnostics; when that is
// down AR answers 502 Bad Gateway. When there is nothing at all to answer — the node powered off, its Admin Router
// not running — a real client gets a connection error; this server, standing in for the network, says 502 with
// the reason. A partitioned node drops packets, so the request times out: 504 Gateway Timeout (the class's
// browser is one more machine the partition cuts the node off from). Socket activation of dcos-diagnostics is not
// modelled: a stopped dcos-diagnostics stays stopped.
// Pure: view in, a node or an HTTP status + message out.
import type { ClusterView, NodeView, UnitState } from '../../shared/engine/types.ts';

/** The default node: Admin Router on master-1 proxies /system/health/v1 to its own 127.0.0.1:1050. */
export const LOCAL_NODE = 'master-1';

export type NodeTarget = { ok: true; node: NodeView } | { ok: false; status: 400 | 404 | 502 | 504; message: string };

/** Resolve `?node=` (node id or IP) to a node of the view; undefined means the default node. */
export function resolveNode(view: ClusterView, param: string | undefined): NodeTarget {
  const name = param ?? LOCAL_NODE;
  const node = view.nodes.find((n) => n.id === name || n.ip === name);
  if (node) return { ok: true, node };
  const some = view.nodes.slice(0, 3).map((n) => `${n.id} / ${n.ip}`).join(', ');
  return { ok: false, status: 400, message: `bad query: node '${name.slice(0, 80)}' is not in this cluster; expected a node id or IP such as ${some}` };
}

function stateOf(node: NodeView, unit: string): UnitState | undefined {
  return node.units.find((u) => u.id === unit)?.state;
}

/** null when the request reaches the node's dcos-diagnostics through its Admin Router; else what the client gets. */
export function reachDiagnostics(node: NodeView): NodeTarget | null {
  if (!node.up) return { ok: false, status: 502, message: `${node.id} (${node.ip}) is powered off: nothing answers, the connection fails` };
  if (node.partitioned) return { ok: false, status: 504, message: `${node.id} (${node.ip}) is partitioned: packets are dropped and the request times out` };
  const master = node.role === 'master';
  const ar = master ? 'dcos-adminrouter' : 'dcos-adminrouter-agent';
  const arState = stateOf(node, ar);
  if (arState !== 'healthy') {
    return { ok: false, status: 502, message: `Admin Router on ${node.id} is not running (${ar} is ${arState ?? 'missing'}): connection refused on ${node.ip}:${master ? 80 : 61001}` };
  }
  const diag = stateOf(node, 'dcos-diagnostics');
  if (diag === 'unhealthy') {
    return { ok: false, status: 504, message: `504 Gateway Timeout: dcos-diagnostics on ${node.id} is hung; Admin Router gave up waiting for it` };
  }
  if (diag !== 'healthy') {
    const upstream = master ? '127.0.0.1:1050' : 'the local dcos-diagnostics socket';
    return { ok: false, status: 502, message: `502 Bad Gateway: Admin Router on ${node.id} could not reach dcos-diagnostics at ${upstream} (dcos-diagnostics is ${diag ?? 'missing'})` };
  }
  return null;
}

/** Agents do not pull: their dcos-diagnostics serves only the local view (as in DC/OS, other routes are 404). */
export function aggregatedOnAgent(node: NodeView): NodeTarget | null {
  if (node.role === 'master') return null;
  return { ok: false, status: 404, message: `404 page not found: ${node.id} is an agent; only masters aggregate (/units, /nodes, /report)` };
}
