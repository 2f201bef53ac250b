// Which browser origins may open a socket or POST to the API (the Origin gate; issue 9). Allowed:
// - loopback origins (localhost, 127.0.0.1, [::1], any port): only a page on this machine has one;
// - the configured public origins, ALLOWED_ORIGINS (or the older BOOTSCOPE_ORIGINS), comma-separated; '*' allows any;
// - same-origin pages reached by this machine's own name or an IP address (the Host header equals the Origin's host,
//   and that host is an IP literal or os.hostname(), with or without '.local'): what a class types from a projector's
//   address or a QR code.
// Not allowed: "the Origin's host equals the Host header" for any other name. That is DNS rebinding: a page on
// evil.example re-resolves its own name to this server, and its requests then carry Host: evil.example and
// Origin: http://evil.example, equal to each other. Requests without an Origin header (non-browser clients, tests)
// pass: the gate stops other web pages from driving a classroom, not scripts.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname } from 'node:os';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim().replace(/\/+$/, '')).filter((s) => s.length > 0);
}

/** ALLOWED_ORIGINS plus the older BOOTSCOPE_ORIGINS. */
export function configuredOrigins(env: NodeJS.ProcessEnv): string[] {
  return [...parseOrigins(env.ALLOWED_ORIGINS), ...parseOrigins(env.BOOTSCOPE_ORIGINS)];
}

/** Names of this machine a class may type: its hostname and hostname.local (mDNS), lower-case. */
export function machineNames(name: string = hostname()): Set<string> {
  const base = name.toLowerCase().replace(/\.local$/, '');
  return new Set(base === '' ? [] : [base, `${base}.local`]);
}

const MACHINE = machineNames();

function isIpLiteral(host: string): boolean {
  return isIP(host.replace(/^\[|\]$/g, '')) !== 0;
}

export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[], machine: ReadonlySet<string> = MACHINE): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  if (host === undefined || url.host.toLowerCase() !== host.toLowerCase()) return false;
  return isIpLiteral(url.hostname) || machine.has(url.hostname.toLowerCase());
}

export function originGate(allowed: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const ok = isOriginAllowed(req.headers.origin, req.headers.host, allowed);
    callback(ok ? null : 'this page\'s origin is not allowed to join; the server\'s operator can add it to ALLOWED_ORIGINS', ok);
  };
}
