// Leases against a real redis-server (scaleout/leases.ts): one holder at a time; renew and release only by the holder;
// an expired lease goes to whoever asks next. Plus which room an HTTP request is about (scaleout/httpProxy.ts).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis } from '../testing/redisServer.ts';
import { roomOfRequest } from './httpProxy.ts';
import { Leases } from './leases.ts';

const skip = !redisAvailable() && process.env.CI !== 'true';

describe.skipIf(skip)('Leases', () => {
  let stop = () => undefined as void;
  let redis: Redis;
  beforeAll(async () => {
    const server = await startRedis();
    stop = server.stop;
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    await redis.quit();
    stop();
  });

  it('has one holder at a time; only the holder renews or releases it', async () => {
    const a = new Leases(redis, { id: 'a', url: 'http://a' });
    const b = new Leases(redis, { id: 'b', url: 'http://b' });
    expect(await a.acquire('lab')).toBe(true);
    expect(await a.acquire('lab')).toBe(true); // already ours
    expect(await b.acquire('lab')).toBe(false);
    expect(await b.holder('lab')).toEqual({ id: 'a', url: 'http://a' });
    expect(await b.renew('lab')).toBe(false);
    await b.release('lab');
    expect(await a.renew('lab')).toBe(true);
    await a.release('lab');
    expect(await b.holder('lab')).toBeNull();
    expect(await b.acquire('lab')).toBe(true);
  });

  it('an expired lease goes to the next process that asks, and the old holder cannot renew it', async () => {
    const a = new Leases(redis, { id: 'a', url: 'http://a' });
    const b = new Leases(redis, { id: 'b', url: 'http://b' });
    expect(await a.acquire('gone')).toBe(true);
    await redis.pexpire('bootscope:lease:gone', 1); // what LEASE_MS without renewal does, faster
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.acquire('gone')).toBe(true);
    expect(await a.renew('gone')).toBe(false);
    expect((await a.holder('gone'))?.id).toBe('b');
  });
});

describe('roomOfRequest', () => {
  it.each([
    ['/system/health/v1/nodes', 'default'],
    ['/system/health/v1?room=lab-1', 'lab-1'],
    ['/api/explain?node=master-1&unit=x&room=lab', 'lab'],
    ['/api/rooms/lab/recording', 'lab'],
    ['/api/rooms/lab/view?at=0', 'lab'],
    ['/api/rooms', null],
    ['/api/rooms/', null],
    ['/api/rooms/NOPE!/view', null],
    ['/system/health/v1?room=..%2F', null],
    ['/healthz', null],
    ['/', null],
    ['/assets/app.js', null],
  ])('%s -> %s', (url, room) => {
    expect(roomOfRequest(url)).toBe(room);
  });
});
