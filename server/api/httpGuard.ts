// One gate in front of every HTTP request the server gets, our router's and socket.io's alike (issue 18, items 11
// and 12). socket.io attaches by taking over the http server's 'request' listeners (it answers /socket.io/ itself
// and hands everything else to ours), so its own error replies (400 unknown transport / bad handshake, 403 from
// allowRequest) never pass through our router. guardHttpServer, called once socket.io is attached, puts one listener
// in front of all of them: it sets the security headers on the response (writeHead merges them with a reply's own)
// and refuses a Host that is not allowed (421) before anything else runs. WebSocket upgrades do not come through
// 'request': their Host is checked in socket.io's allowRequest (app.ts), which answers 403.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { sendError } from './http.ts';
import { HOST_REFUSED, type HostAllowlist } from './hostAllowlist.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';

const SOCKET_IO_CSP = "default-src 'none'; frame-ancestors 'none'";

export function guardHttpServer(server: HttpServer, hosts: HostAllowlist, socketPath = '/socket.io/'): void {
  const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // Our router sets the page's CSP itself; socket.io's answers are never a page.
    if ((req.url ?? '').startsWith(socketPath)) res.setHeader('Content-Security-Policy', SOCKET_IO_CSP);
    if (!hosts.allows(req.headers.host)) {
      req.resume();
      return sendError(res, 421, HOST_REFUSED);
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
