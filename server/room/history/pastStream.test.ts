// Issue 18, item 2: a big room's event download is replayed in a worker thread and streamed (the same bytes as the
// in-place replay), under per-address and per-process budgets, and stops for a client that does not read.
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsToCsv, eventsToNdjson } from '../../../shared/protocol/eventExport.ts';
import { startManualClockServer, type ManualClockServer } from '../../testing/manualClockServer.ts';
import type { Room } from '../room.ts';
import { PastBudget, streamPast } from './pastStream.ts';

let server: ManualClockServer;
let room: Room;

beforeAll(async () => {
  server = await startManualClockServer();
  const made = server.app.rooms.getOrCreate('big');
  if (!made.ok) throw new Error(made.error);
  room = made.room;
  room.control({ action: 'reset', cluster: { masters: 3, agents: 1_000, publicAgents: 0 } });
  room.control({ action: 'speed', speed: 50 });
  server.drive(room, 30, (i) => {
    if (i === 10) room.inject({ kind: 'crash', node: 'agent-7' });
  });
  server.advanceWall(60_000);
}, 120_000);
// Closing waits for the HTTP keep-alive sockets of the downloads (seconds on a loaded machine).
afterAll(() => server.close(), 60_000);

describe('a big room\'s past, streamed from a worker', () => {
  it('is byte for byte the in-place replay, ndjson and csv, sent chunked', async () => {
    const events = room.tape.eventsUntil(room.engine.simTimeMs);
    const ndjson = await fetch(`${server.url}/api/rooms/big/events`);
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-length')).toBeNull();
    expect(ndjson.headers.get('content-disposition')).toContain('big-events-');
    const text = await ndjson.text();
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(text).toBe(eventsToNdjson(events));
    server.advanceWall(60_000);
    expect(await (await fetch(`${server.url}/api/rooms/big/events?format=csv`)).text()).toBe(eventsToCsv(events));
  }, 60_000);

  it('one address gets one replay at a time: a second at once is a 429', async () => {
    server.advanceWall(60_000);
    const first = fetch(`${server.url}/api/rooms/big/events`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await fetch(`${server.url}/api/rooms/big/events`);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: string }).error).toContain('at most 1 at once');
    expect(second.headers.get('retry-after')).toBe('5');
    expect((await (await first).text()).length).toBeGreaterThan(0);
    // The slot is free again.
    server.advanceWall(60_000);
    expect((await fetch(`${server.url}/api/rooms/big/events`, { method: 'HEAD' })).status).toBe(200);
  }, 60_000);

  it('a client that does not read holds the replay, not the whole download, and is cut after the bound', async () => {
    let written = 0;
    const sink = new Writable({ highWaterMark: 1024, write: (chunk: Buffer, _enc, _cb) => void (written += chunk.length) }); // never calls back: never drains
    const res = Object.assign(sink, { headersSent: false, writeHead(this: { headersSent: boolean }) { this.headersSent = true; return this; } }) as unknown as ServerResponse;
    let destroyed = false;
    const destroy = res.destroy.bind(res);
    (res as { destroy: () => void }).destroy = () => {
      destroyed = true;
      destroy();
    };
    await streamPast(room.recording(), 'ndjson', res, {}, { drainTimeoutMs: 500 });
    expect(destroyed).toBe(true);
    // One chunk was taken, none after it.
    expect(written).toBeLessThanOrEqual(2 << 20);
  }, 30_000);

  it('a client that goes away frees its slot', async () => {
    server.advanceWall(60_000);
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${server.url}/api/rooms/big/events`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.advanceWall(60_000);
    expect((await fetch(`${server.url}/api/rooms/big/events`)).status).toBe(200);
  }, 30_000);

  it('PastBudget bounds replays per process, address and room', () => {
    const budget = new PastBudget({ running: 2, perAddress: 1, perRoom: 1 });
    const a = budget.take('r1', 'x');
    expect(typeof a).toBe('function');
    expect(budget.take('r2', 'x')).toMatch(/your address/);
    expect(budget.take('r1', 'y')).toMatch(/already being replayed/);
    const b = budget.take('r2', 'y');
    expect(budget.take('r3', 'z')).toMatch(/at most 2 at once/);
    (a as () => void)();
    (b as () => void)();
    expect(budget.active).toBe(0);
  });
});
