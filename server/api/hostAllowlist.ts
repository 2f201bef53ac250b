// Which Host headers the server answers: DNS rebinding makes a page on evil.example re-resolve
// its own name to this server, so its GETs (including /healthz's room list, shown to loopback callers) arrive with
// Host: evil.example. The Origin gate (origins.ts) covers sockets and POSTs only; this covers every HTTP route and
// socket.io's handshake. Allowed: no Host at all (HTTP/1.0 scripts; a browser always sends one); loopback names
// (localhost, *.localhost); any IP literal (a rebinding page has a name, never an address: a page loaded from an IP
// is that IP's own origin); this machine's hostname and hostname.local; the hosts of ALLOWED_ORIGINS ('*' allows
// any Host); the bind HOST; and the names in extraHosts. Anything else: 421 Misdirected Request with one line.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { machineNames } from '../origins.ts';

/** The hostname of a Host header value, lower-case, without port or IPv6 brackets. */
export function hostOnly(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.lastIndexOf(':');
  return (colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value).replace(/\.$/, '');
}

export interface HostAllowlist {
  allows(host: string | undefined): boolean;
}

export function createHostAllowlist(origins: readonly string[], extraHosts: readonly (string | undefined)[] = [process.env.HOST]): HostAllowlist {
  const any = origins.includes('*');
  const names = new Set<string>([...machineNames(), 'localhost']);
  for (const origin of origins) {
    try {
      names.add(new URL(origin).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    } catch {
      // not a URL: ignored, as the Origin gate ignores it
    }
  }
  for (const host of extraHosts) if (host !== undefined && host !== '') names.add(hostOnly(host));
  return {
    allows(header) {
      if (any || header === undefined) return true;
      const host = hostOnly(header);
      return isIP(host) !== 0 || names.has(host) || host.endsWith('.localhost');
    },
  };
}

export const HOST_REFUSED = 'this server does not answer to that Host name (DNS rebinding guard); the server\'s operator can add its origin to ALLOWED_ORIGINS';

export function hostOf(req: IncomingMessage): string | undefined {
  return req.headers.host;
}
