// Routes under /system/health/v1 onto DiagnosticsApi for one room's current view, as the dcos-diagnostics of the
// node named by `?node=` (default master-1) answers through its Admin Router (diagnosticsNode.ts): the local view
// live from that node's units; the aggregated routes from THAT master's own last pull; agents answer 404 for
// aggregated routes. Lookup misses answer HTTP 500 with dcos-diagnostics' plain text; an unknown route is 404.
import type { ServerResponse } from 'node:http';
import type { DiagnosticsReport } from '../../shared/engine/types.ts';
import type { Room } from '../room/room.ts';
import { DiagnosticsApi, DiagnosticsMiss, type LabelFn } from './diagnostics.ts';
import { aggregatedOnAgent, reachDiagnostics, resolveNode } from './diagnosticsNode.ts';
import { sendError, sendJson, sendText } from './http.ts';

export const HEALTH_BASE = '/system/health/v1';

export function serveDiagnostics(room: Room, label: LabelFn, segments: string[], res: ServerResponse, nodeParam?: string): void {
  const view = room.engine.view();
  const [a, b, c, d] = withAliases(view.nodes, segments);
  if (!isRoute(segments.length, a, b, c)) return sendError(res, 404, `no such dcos-diagnostics route: ${HEALTH_BASE}/${segments.join('/')}`);
  const target = resolveNode(view, nodeParam);
  if (!target.ok) return sendError(res, target.status, target.message);
  const node = target.node;
  const unreachable = reachDiagnostics(node) ?? (segments.length > 0 ? aggregatedOnAgent(node) : null);
  if (unreachable && !unreachable.ok) return sendText(res, unreachable.status, unreachable.message);
  // A master that never pulled serves nil lists (Go's zero values), as dcos-diagnostics right after its start.
  const own: DiagnosticsReport = view.diagnosticsByMaster?.[node.id] ?? (view.diagnostics.puller === node.id ? view.diagnostics : { updatedMs: null, puller: node.id, nodes: [] });
  const api = new DiagnosticsApi(view, label, own);
  const headers = { 'Last-Modified-3DT': api.lastModified() };
  let body: object | null;
  try {
    body = segments.length === 0 ? api.local(node.id) : route(api, segments.length, a, b, c, d);
  } catch (error) {
    if (error instanceof DiagnosticsMiss) return sendText(res, 500, error.message, headers);
    throw error;
  }
  if (body === null) return sendText(res, 502, `${node.id} does not answer`, headers);
  const download: Record<string, string> = a === 'report' && b === 'download' ? { 'Content-disposition': 'attachment; filename=health-report.json' } : {};
  sendJson(res, 200, body, { ...headers, ...download });
}

/**
 * Beyond dcos-diagnostics (which takes IPs and full unit ids only): a node may also be named by its id
 * ("master-1") and a unit without its ".service" suffix, so `curl .../nodes/master-1/units/dcos-net` works too.
 */
function withAliases(nodes: ReadonlyArray<{ id: string; ip: string }>, segments: string[]): string[] {
  const out = [...segments];
  const ipOf = (name: string) => nodes.find((n) => n.id === name)?.ip ?? name;
  const unitId = (name: string) => (/\.(service|socket|timer)$/.test(name) ? name : `${name}.service`);
  if (out[0] === 'nodes' && out[1] !== undefined) out[1] = ipOf(out[1]);
  if (out[0] === 'nodes' && out[3] !== undefined) out[3] = unitId(out[3]);
  if (out[0] === 'units' && out[1] !== undefined) out[1] = unitId(out[1]);
  if (out[0] === 'units' && out[3] !== undefined) out[3] = ipOf(out[3]);
  return out;
}

/** The route exists at all (checked before reachability, so a typo is a 404 whatever the node's state). */
function isRoute(n: number, a?: string, b?: string, c?: string): boolean {
  if (n === 0) return true;
  if (a === 'units' || a === 'nodes') return n <= 2 || (n <= 4 && c === (a === 'units' ? 'nodes' : 'units'));
  return a === 'report' && (n === 1 || (n === 2 && b === 'download'));
}

function route(api: DiagnosticsApi, n: number, a?: string, b?: string, c?: string, d?: string): object {
  if (a === 'units') {
    if (n === 1) return api.units();
    if (n === 2) return api.unit(b!);
    if (n === 3 && c === 'nodes') return api.unitNodes(b!);
    return api.unitNode(b!, d!);
  }
  if (a === 'nodes') {
    if (n === 1) return api.nodes();
    if (n === 2) return api.node(b!);
    if (n === 3 && c === 'units') return api.nodeUnits(b!);
    return api.nodeUnit(b!, d!);
  }
  return api.report();
}
