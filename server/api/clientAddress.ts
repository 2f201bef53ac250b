// The client address a request is counted by: its socket's, or, for a request another process passed on to this one
// (REDIS_URL), the address that process signed for (scaleout/peerAuth.ts). Set once per request by the router.
import type { IncomingMessage } from 'node:http';

const addresses = new WeakMap<IncomingMessage, string>();

export function setClientAddress(req: IncomingMessage, address: string): void {
  addresses.set(req, address);
}

export function addressOf(req: IncomingMessage): string {
  return addresses.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}
