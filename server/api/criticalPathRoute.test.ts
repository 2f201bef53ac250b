// GET /api/rooms/<room>/critical-path as a teacher's browser asks it: before the cluster is healthy there is no chain,
// after it the chain of units and facts that decided when it became healthy, oldest first, ending at that moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';

let server: ManualClockServer;

beforeAll(async () => {
  server = await startManualClockServer();
});
afterAll(() => server.close());

type Chain = { healthyAtMs: number | null; chain: { ref: string; atMs: number; durationMs: number; text: string }[] };
const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Chain & { error?: string } };
};

describe('GET /api/rooms/<room>/critical-path', () => {
  it('is empty before the cluster is healthy, then names the chain that decided when it became healthy', async () => {
    const early = await get('/api/rooms/default/critical-path');
    expect(early).toEqual({ status: 200, body: { healthyAtMs: null, chain: [] } });
    const room = server.defaultRoom();
    room.control({ action: 'speed', speed: 100 });
    while (room.engine.view().clusterHealth !== 'healthy') {
      server.advanceWall(1_000);
      room.tick();
    }
    const { status, body } = await get('/api/rooms/default/critical-path');
    expect(status).toBe(200);
    expect(body.healthyAtMs).toBeGreaterThan(0);
    expect(body.chain.length).toBeGreaterThan(3);
    expect(body.chain[0].ref).toMatch(/dcos-exhibitor|fact:quorum/);
    const times = body.chain.map((l) => l.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.at(-1)).toBe(body.healthyAtMs);
    for (const link of body.chain) expect(link.text.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown room', async () => {
    expect((await get('/api/rooms/nowhere/critical-path')).status).toBe(404);
  });
});
