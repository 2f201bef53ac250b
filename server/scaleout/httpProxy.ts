// The HTTP routes of a room run where the room runs (REDIS_URL): a request that reaches another process is passed to
// the owner's own address as it came (method, path, headers, body) and its answer passed back, so any process answers
// any room's /system/health/v1, /api/explain and /api/rooms/<room>/... routes. Invariants: a request is passed at most
// once (PROXIED_HEADER), so two processes that disagree about an owner cannot bounce it between them; an owner that
// does not answer is a 502 with a reason.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendError } from '../api/http.ts';
import { ROOM_NAME_PATTERN } from '../../shared/protocol/schemas.ts';
import { DEFAULT_ROOM } from '../room/rooms.ts';

export const PROXIED_HEADER = 'x-bootscope-proxied';

/** The room a request is about, when it is a room route; null for everything else (static files, /healthz, ...). */
export function roomOfRequest(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://localhost');
  } catch {
    return null;
  }
  const path = url.pathname;
  if (path === '/system/health/v1' || path.startsWith('/system/health/v1/') || path === '/api/explain') {
    const room = url.searchParams.get('room') ?? DEFAULT_ROOM;
    return ROOM_NAME_PATTERN.test(room) ? room : null;
  }
  const match = /^\/api\/rooms\/([^/]+)\//.exec(path);
  return match !== null && ROOM_NAME_PATTERN.test(match[1]!) ? match[1]! : null;
}

export function proxyRequest(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(target);
    const headers = { ...req.headers, [PROXIED_HEADER]: '1', 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const upstream = httpRequest({ host: hostname, port, method: req.method, path: req.url, headers }, (answer) => {
      // Our own security headers are already set on `res`; the owner's answer brings the same ones.
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', () => resolve());
    });
    upstream.setTimeout(10_000, () => upstream.destroy(new Error('timed out')));
    upstream.on('error', (error) => {
      if (!res.headersSent) sendError(res, 502, `the process running this room did not answer (${error.message.slice(0, 80)}); try again in a moment`);
      else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}
