// Requests a process passes to a room's owner keep their client's address (issue 18, item 9: through process B,
// every client shared B's one address at the owner, so an attacker on B made every other user on B get 429s).
// The forwarding process names the client in CLIENT_HEADER and signs it: an HMAC-SHA256, keyed with a secret the
// processes share through Redis (generated once by whichever process comes first, SET NX), over the address, the
// method, the path and a timestamp. The owner takes the header only when the signature is right and the timestamp
// is within MAX_SKEW_MS; anything else (a client that sends the headers itself) is counted by its socket's address.
// Anyone who can read the Redis can sign; they can already rewrite every room, so they are a peer in any case.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CLIENT_HEADER = 'x-bootscope-client';
export const CLIENT_TIME_HEADER = 'x-bootscope-client-time';
export const CLIENT_SIGNATURE_HEADER = 'x-bootscope-client-signature';
export const PEER_SECRET_KEY = 'bootscope:peer-secret';
export const MAX_SKEW_MS = 60_000;

interface SecretStore {
  set(key: string, value: string, nx: 'NX'): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

export class PeerAuth {
  private constructor(private readonly secret: Buffer, private readonly now: () => number) {}

  static fromSecret(secret: string, now: () => number = Date.now): PeerAuth {
    return new PeerAuth(Buffer.from(secret, 'utf8'), now);
  }

  /** The shared secret from Redis, made by the first process that asks. */
  static async shared(redis: SecretStore, now: () => number = Date.now): Promise<PeerAuth> {
    await redis.set(PEER_SECRET_KEY, randomBytes(32).toString('hex'), 'NX');
    const secret = await redis.get(PEER_SECRET_KEY);
    if (secret === null) throw new Error('the peer secret vanished from Redis');
    return PeerAuth.fromSecret(secret, now);
  }

  private mac(address: string, method: string, path: string, time: string): Buffer {
    return createHmac('sha256', this.secret).update(`${address}\n${method}\n${path}\n${time}`).digest();
  }

  /** The headers that name `address` as the client of a request passed on. */
  sign(address: string, method: string, path: string): Record<string, string> {
    const time = String(this.now());
    return { [CLIENT_HEADER]: address, [CLIENT_TIME_HEADER]: time, [CLIENT_SIGNATURE_HEADER]: this.mac(address, method, path, time).toString('hex') };
  }

  /** The client address a peer signed for, or null (no headers, a bad signature, a stale timestamp). */
  verify(req: IncomingMessage): string | null {
    const address = req.headers[CLIENT_HEADER];
    const time = req.headers[CLIENT_TIME_HEADER];
    const signature = req.headers[CLIENT_SIGNATURE_HEADER];
    if (typeof address !== 'string' || typeof time !== 'string' || typeof signature !== 'string') return null;
    if (address.length > 64 || !/^\d{1,16}$/.test(time) || !/^[0-9a-f]{64}$/.test(signature)) return null;
    if (Math.abs(this.now() - Number(time)) > MAX_SKEW_MS) return null;
    const expected = this.mac(address, req.method ?? '', req.url ?? '', time);
    return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? address : null;
  }
}

/** Headers a client must never get to pass on as if a peer had set them. */
export function withoutPeerHeaders(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  const copy = { ...headers };
  delete copy[CLIENT_HEADER];
  delete copy[CLIENT_TIME_HEADER];
  delete copy[CLIENT_SIGNATURE_HEADER];
  return copy;
}
