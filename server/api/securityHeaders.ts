// Headers every HTTP response carries (the review found none on API responses). Why each:
// - Content-Security-Policy: the built page (Vite's dist/) loads only its own module scripts, no inline script, so
//   script-src 'self' holds and an injected <script> cannot run. style-src allows 'unsafe-inline' because d3 and the
//   PNG export (html-to-image) set style attributes; styles cannot run code. img-src takes data:/blob: for that export.
//   connect-src 'self' covers the socket.io WebSocket to the same host. frame-ancestors 'none': no one frames the
//   dashboard (clickjacking a presenter's controls). In development Vite's page has an inline React-refresh preamble,
//   so the dev server (BOOTSCOPE_DEV) sends no CSP; everything else stays.
// - X-Frame-Options: DENY, for browsers older than frame-ancestors.
// - Referrer-Policy: no-referrer. Links out of a room page say nothing of which room it was.
// - X-Content-Type-Options: nosniff. A JSON error quoting a path is never run as a script or styled as CSS.
import type { ServerResponse } from 'node:http';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** Set before any route writes its head: writeHead merges these with the route's own headers. */
export function applySecurityHeaders(res: ServerResponse, options: { csp: boolean }): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (options.csp) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
}

/** The same for socket.io's own HTTP answers (long-polling, handshake), which never reach our router. */
export function addSecurityHeaders(headers: Record<string, string>): void {
  Object.assign(headers, SECURITY_HEADERS, { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" });
}
