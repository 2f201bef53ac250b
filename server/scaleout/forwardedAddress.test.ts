// Issue 18, item 9: in Redis mode a request B passes to the room's owner A is counted at A by its client's address
// (signed by B with the processes' shared secret), so an attacker flooding a room's routes through B does not
// make another user of B get 429s; a client that sends the signing headers itself is counted by its own address.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, request, until, type ClientSocket } from '../testing/harness.ts';
import { redisAvailable, startRedis } from '../testing/redisServer.ts';
import { startServerProcess, type ServerProcess } from '../testing/serverProcess.ts';
import { CLIENT_HEADER, CLIENT_SIGNATURE_HEADER, CLIENT_TIME_HEADER } from './peerAuth.ts';
import { PROXIED_HEADER } from './httpProxy.ts';

const skip = !redisAvailable() && process.env.CI !== 'true';
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

/** GET from a given loopback source address (Linux answers all of 127/8). */
function get(url: string, from: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port, pathname } = new URL(url);
    const req = httpRequest({ host: hostname, port, path: pathname, localAddress: from, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function flood(url: string, from: string, count: number, headers: (i: number) => Record<string, string> = () => ({})): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 25) statuses.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => get(url, from, headers(i + j))))));
  return statuses;
}

function started(server: ServerProcess): ServerProcess {
  cleanup.push(() => server.child.kill('SIGKILL'));
  return server;
}

describe.skipIf(skip)('forwarded requests keep their client address', () => {
  it('an attacker through B gets 429s; another user through B does not; forged headers count for nothing', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const a = started(startServerProcess({ REDIS_URL: redis.url }));
    const urlA = await a.url;
    const starter: ClientSocket = await connectClient(urlA);
    cleanup.push(() => starter.disconnect());
    expect((await request(starter, 'sim:join', { room: 'lab' })).ok).toBe(true);
    await until(() => a.logs().some((l) => l.msg === 'this process now runs the room' && l.room === 'lab'), 10_000, 'A to run lab');
    const b = started(startServerProcess({ REDIS_URL: redis.url }));
    const urlB = await b.url;
    expect(await get(`${urlB}/api/rooms/lab/recording`, '127.0.0.3')).toBe(200);

    const attacker = await flood(`${urlB}/api/rooms/lab/recording`, '127.0.0.2', 200);
    expect(attacker.filter((s) => s === 429).length).toBeGreaterThan(0);
    // Right after the flood, five of five requests of another user of B are answered.
    const user = await Promise.all(Array.from({ length: 5 }, () => get(`${urlB}/api/rooms/lab/recording`, '127.0.0.3')));
    expect(user).toEqual([200, 200, 200, 200, 200]);

    // Straight to A, claiming a new address each time with a made-up signature: still one address, still limited.
    const forged = await flood(`${urlA}/api/rooms/lab/recording`, '127.0.0.4', 200, (i) => ({
      [PROXIED_HEADER]: '1',
      [CLIENT_HEADER]: `10.0.0.${i % 250}`,
      [CLIENT_TIME_HEADER]: String(Date.now()),
      [CLIENT_SIGNATURE_HEADER]: '0'.repeat(64),
    }));
    expect(forged.filter((s) => s === 429).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('PeerAuth', () => {
  it('takes a signed address only for the same method, path and a fresh time', async () => {
    const { PeerAuth } = await import('./peerAuth.ts');
    let now = 1_000_000;
    const auth = PeerAuth.fromSecret('s3cret', () => now);
    const signed = auth.sign('10.1.2.3', 'GET', '/api/rooms/lab/view?at=0');
    const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as never;
    expect(auth.verify(req('GET', '/api/rooms/lab/view?at=0', signed))).toBe('10.1.2.3');
    expect(auth.verify(req('GET', '/api/rooms/lab/events', signed))).toBeNull();
    expect(auth.verify(req('POST', '/api/rooms/lab/view?at=0', signed))).toBeNull();
    expect(auth.verify(req('GET', '/api/rooms/lab/view?at=0', { ...signed, [CLIENT_HEADER]: '10.9.9.9' }))).toBeNull();
    expect(PeerAuth.fromSecret('other', () => now).verify(req('GET', '/api/rooms/lab/view?at=0', signed))).toBeNull();
    now += 120_000;
    expect(auth.verify(req('GET', '/api/rooms/lab/view?at=0', signed))).toBeNull();
  });
});
