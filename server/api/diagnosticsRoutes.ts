// Routes under /system/health/v1 onto DiagnosticsApi for one room's current view. Lookup misses answer
// HTTP 500 with dcos-diagnostics' plain text; an unknown route under the base answers 404.
import type { ServerResponse } from 'node:http';
import type { Room } from '../room.ts';
import { DiagnosticsApi, DiagnosticsMiss, LOCAL_NODE, type LabelFn } from './diagnostics.ts';
import { sendError, sendJson, sendText } from './http.ts';

export const HEALTH_BASE = '/system/health/v1';

export function serveDiagnostics(room: Room, label: LabelFn, segments: string[], res: ServerResponse): void {
  const api = new DiagnosticsApi(room.engine.view(), room.seed, label);
  const headers = { 'Last-Modified-3DT': api.lastModified() };
  const [a, b, c, d] = segments;
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
