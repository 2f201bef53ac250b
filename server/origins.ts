// Which browser origins may open a socket: same-origin, any localhost / 127.0.0.1 / [::1] port, plus the
// BOOTSCOPE_ORIGINS list ('*' allows all). Requests without an Origin header (non-browser clients, tests)
// are allowed: the check stops other web pages from driving a classroom's simulation, not scripts.
import type { IncomingMessage } from 'node:http';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && url.host === host) return true;
  return LOCAL_HOSTS.has(url.hostname);
}

export function originGate(allowed: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const ok = isOriginAllowed(req.headers.origin, req.headers.host, allowed);
    callback(ok ? null : `origin ${req.headers.origin} is not allowed; set BOOTSCOPE_ORIGINS to allow it`, ok);
  };
}
