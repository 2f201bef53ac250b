// The time-travel HTTP routes as a teacher's browser meets them: the recording downloads under a readable name, a
// past view comes back, every bad `at` gets a 400 that says what is allowed, unknown rooms a 404, and a flood of
// requests gets 400s and 429s while the server keeps answering (never a 500).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../shared/engine/types.ts';
import { recordingSchema, type Recording } from '../../shared/protocol/recording.ts';
import { startServerWithCrashedAgent, type ManualClockServer } from '../testing/manualClockServer.ts';
import { freshReplay } from '../testing/realRoom.ts';

let server: ManualClockServer;

beforeAll(async () => {
  server = await startServerWithCrashedAgent();
});
afterAll(() => server.close());

const get = (path: string) => fetch(`${server.url}${path}`);
const nowMs = () => server.defaultRoom().engine.simTimeMs;

describe('GET /api/rooms/<room>/recording', () => {
  it('downloads the recording of the current epoch as <room>-<mm-ss>.json', async () => {
    const res = await get('/api/rooms/default/recording');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="default-04-10.json"');
    const recording = recordingSchema.parse(await res.json());
    expect(recording).toMatchObject({ version: 1, name: 'default', cluster: { masters: 3, agents: 2, publicAgents: 1 }, seed: 1, untilMs: nowMs() });
    // An open room's click is an anonymous viewer's (architecture.md §7; README: open rooms have no roles).
    expect(recording.steps).toEqual([{ atMs: 152_500, fault: { kind: 'crash', node: 'agent-1' }, by: { role: 'viewer' } }]);
  });

  it('404s an unknown room and an unknown route', async () => {
    expect((await get('/api/rooms/nope/recording')).status).toBe(404);
    const res = await get('/api/rooms/default/tape');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/\/api\/rooms\/<room>\/view\?at=/);
  });
});

describe('GET /api/rooms/<room>/view', () => {
  it('answers the cluster as it was, and its healthy twin with baseline=1', async () => {
    const recording = (await (await get('/api/rooms/default/recording')).json()) as Recording;
    for (const at of [0, 152_499, 152_500, nowMs()]) {
      const res = await get(`/api/rooms/default/view?at=${at}`);
      expect(res.status).toBe(200);
      const { view } = (await res.json()) as { view: ClusterView };
      expect(view).toEqual(JSON.parse(JSON.stringify(freshReplay(recording, at).view())));
    }
    const base = (await (await get(`/api/rooms/default/view?at=${nowMs()}&baseline=1`)).json()) as { view: ClusterView };
    expect(base.view.faults).toEqual([]);
    expect(base.view.nodes.find((n) => n.id === 'agent-1')).toBeDefined();
  });

  it('bad at values get clear errors', async () => {
    const cases: [string, RegExp][] = [
      ['', /at is required/],
      ['?at=', /whole number of simulated milliseconds/],
      ['?at=abc', /whole number/],
      ['?at=1.5', /whole number/],
      ['?at=-1', /whole number/],
      ['?at=1e3', /whole number/],
      ['?at=0x10', /whole number/],
      ['?at=%201', /whole number/],
      ['?at=99999999999999999999', /whole number/],
      [`?at=${nowMs() + 1}`, new RegExp(`is after now in room 'default' \\(04:10, ${nowMs()} ms\\); allowed: at from 0 to ${nowMs()}`)],
      ['?at=999999999999999', /is after now/],
      ['?at=10&baseline=yes', /baseline must be 1/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/api/rooms/default/view${query}`);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as { error: string };
      expect(error, query).toMatch(message);
      if (!/baseline/.test(query)) expect(error, query).toMatch(/from 0 to \d+/);
    }
    expect((await get('/api/rooms/ghost/view?at=0')).status).toBe(404);
    expect((await get('/api/rooms/NOT%20A%20ROOM/view?at=0')).status).toBe(404);
  });

  it('random at and baseline values get a 200 or a 400 with a message, never anything else', async () => {
    const value = fc.oneof(fc.string({ maxLength: 24 }), fc.integer().map(String), fc.double().map(String), fc.constantFrom('0', '1', '120000', ''));
    await fc.assert(
      fc.asyncProperty(value, fc.option(value), async (at, baseline) => {
        server.advanceWall(1_000);
        const query = `at=${encodeURIComponent(at)}${baseline === null ? '' : `&baseline=${encodeURIComponent(baseline)}`}`;
        const res = await get(`/api/rooms/default/view?${query}`);
        expect([200, 400], query).toContain(res.status);
        const body = (await res.json()) as { view?: ClusterView; error?: string };
        if (res.status === 400) expect(body.error, query).toMatch(/^(bad query|at \d+ is after now)/);
        else expect(body.view?.simTimeMs, query).toBe(Number(at));
      }),
      { numRuns: 150 },
    );
  });

  it('a flood of view requests with bad values gets 400s and 429s, never a 500, and the server keeps answering', async () => {
    server.advanceWall(60_000);
    const ats = ['0', String(nowMs()), 'abc', '-5', '1.5', String(2 ** 60), '', '120000&baseline=1', '%', String(nowMs() + 1)];
    const statuses = await Promise.all(Array.from({ length: 400 }, (_, i) => get(`/api/rooms/default/view?at=${ats[i % ats.length]}`).then(async (r) => (await r.arrayBuffer(), r.status))));
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect([...counts.keys()].every((s) => s === 200 || s === 400 || s === 429), JSON.stringify([...counts])).toBe(true);
    expect(counts.get(429) ?? 0).toBeGreaterThan(300); // the burst is 60
    expect(counts.get(400) ?? 0).toBeGreaterThan(0);
    const limited = await get('/api/rooms/default/view?at=0');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Other routes are not starved, and the rooms' bucket refills with time.
    expect((await get('/healthz')).status).toBe(200);
    server.advanceWall(2_000);
    expect((await get('/api/rooms/default/view?at=0')).status).toBe(200);
  });
});
