// GET /api/rooms/<room>/baseline?until= and critical-path?baseline=1 as the teacher's browser asks them: the healthy
// twin's unit changes come back compact and fault-free even after a fault in the room, the twin's critical path ends
// earlier than the faulted room's, bad `until` values are 400s that say what is allowed, unknown rooms 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineTrack } from '../../shared/protocol/baseline.ts';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';

let server: ManualClockServer;

beforeAll(async () => {
  server = await startManualClockServer();
  const room = server.defaultRoom();
  room.control({ action: 'speed', speed: 50 });
  // master-1's Exhibitor stopped from boot until 6:15: the room becomes healthy later than its twin.
  room.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
  server.drive(room, 300, (i) => {
    if (i === 150) room.inject({ kind: 'clear' });
  });
  server.advanceWall(60_000); // refill the address's rate-limit bucket
});
afterAll(() => server.close());

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const nowMs = () => server.defaultRoom().engine.simTimeMs;

describe('GET /api/rooms/<room>/baseline?until=', () => {
  it('answers the twin\'s unit state changes, compact, with no trace of the room\'s fault', async () => {
    const { status, body } = await get(`/api/rooms/default/baseline?until=${nowMs()}`);
    expect(status).toBe(200);
    const track = body as unknown as BaselineTrack;
    expect(track.untilMs).toBe(nowMs());
    expect(track.healthyAtMs).toBeGreaterThan(0);
    const dns = track.nodes['master-1']!['dcos-exhibitor']!;
    // Never stopped in the twin: every state it went through is a boot state.
    const states = dns.filter((_, i) => i % 2 === 1).map((k) => track.states[k]);
    expect(states).not.toContain('stopped');
    expect(states.at(-1)).toBe('healthy');
    expect(Object.keys(track.nodes)).toEqual(expect.arrayContaining(['master-1', 'agent-1']));
  });

  it('stops at until: nothing after it', async () => {
    const { body } = await get('/api/rooms/default/baseline?until=30000');
    const track = body as unknown as BaselineTrack;
    for (const units of Object.values(track.nodes)) {
      for (const changes of Object.values(units)) for (let i = 0; i < changes.length; i += 2) expect(changes[i]).toBeLessThanOrEqual(30_000);
    }
    expect(track.healthyAtMs).toBeNull();
  });

  it.each([
    ['', /until is required/],
    ['?until=-5', /whole number/],
    ['?until=1e5', /whole number/],
    ['?until=abc', /whole number/],
    ['?until=99999999999', /after now/],
  ])('refuses %s with a 400 that says what is allowed', async (query, message) => {
    const { status, body } = await get(`/api/rooms/default/baseline${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(body.error).toMatch(/allowed: until from 0 to \d+/);
  });

  it('answers 404 for an unknown room', async () => {
    expect((await get('/api/rooms/nowhere/baseline?until=0')).status).toBe(404);
  });
});

describe('GET /api/rooms/<room>/critical-path?baseline=1', () => {
  it('is the twin\'s chain, healthy earlier than the faulted room', async () => {
    const run = await get('/api/rooms/default/critical-path');
    const twin = await get('/api/rooms/default/critical-path?baseline=1');
    expect(twin.status).toBe(200);
    expect(twin.body.healthyAtMs).toBeGreaterThan(0);
    expect(run.body.healthyAtMs).toBeGreaterThan(twin.body.healthyAtMs as number);
  });

  it('refuses a bad baseline flag with a 400', async () => {
    const { status, body } = await get('/api/rooms/default/critical-path?baseline=yes');
    expect(status).toBe(400);
    expect(body.error).toMatch(/baseline must be 1/);
  });
});
