// Routes under /system/health/v1 onto DiagnosticsApi for one room's current view. Lookup misses answer
// HTTP 500 with dcos-diagnostics' plain text; an unknown route under the base answers 404.
import type { ServerResponse } from 'node:http';
import type { Room } from '../room.ts';
import { DiagnosticsApi, DiagnosticsMiss, LOCAL_NODE, type LabelFn } from './diagnostics.ts';
import { sendError, sendJson, sendText } from './http.ts';

export const HEALTH_BASE = '/system/health/v1';

export function serveDiagnostics(room: Room, label: LabelFn, segments: string[], res: ServerResponse): void {
  const view = room.engine.view();
  const api = new DiagnosticsApi(view, room.seed, label);
  const headers = { 'Last-Modified-3DT': api.lastModified() };
  const [a, b, c, d] = withAliases(view.nodes, segments);
  let body: object | null | undefined;
  try {
    body = route(api, segments.length, a, b, c, d);
  } catch (error) {
    if (error instanceof DiagnosticsMiss) return sendText(res, 500, error.message, headers);
    throw error;
  }
  if (body === undefined) return sendError(res, 404, `no such dcos-diagnostics route: ${HEALTH_BASE}/${segments.join('/')}`);
  if (body === null) return sendText(res, 503, `${LOCAL_NODE} is down: its dcos-diagnostics does not answer`, headers);
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

function route(api: DiagnosticsApi, n: number, a?: string, b?: string, c?: string, d?: string): object | null | undefined {
  if (n === 0) return api.local();
  if (a === 'units') {
    if (n === 1) return api.units();
    if (n === 2) return api.unit(b!);
    if (n === 3 && c === 'nodes') return api.unitNodes(b!);
    if (n === 4 && c === 'nodes') return api.unitNode(b!, d!);
  }
  if (a === 'nodes') {
    if (n === 1) return api.nodes();
    if (n === 2) return api.node(b!);
    if (n === 3 && c === 'units') return api.nodeUnits(b!);
    if (n === 4 && c === 'units') return api.nodeUnit(b!, d!);
  }
  if (a === 'report' && (n === 1 || (n === 2 && b === 'download'))) return api.report();
  return undefined;
}
