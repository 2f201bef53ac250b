// POST /api/rooms and the presenter key over HTTP, as a teacher meets them: a new class room comes back with a
// presenter link and a viewer link (the viewer link never carries the key); bad input is a 400 that says why; a
// flood of creations from one address gets 429s, a huge body a 413; only the presenter may load a recording into a
// class room; and no key ever reaches the log.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { realDeps } from '../engineDeps.ts';
import { LOG_REDACT } from '../log.ts';
import { request, type TestServer } from '../testing/harness.ts';
import { useServerPerTest } from '../testing/serverPerTest.ts';

const t = useServerPerTest();

async function start(overrides: Parameters<typeof t.start>[0] = {}): Promise<TestServer> {
  await t.start({ autoTick: false, staticDir: null, ...overrides });
  return t.server;
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${t.server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

interface Created {
  room: string;
  presenterKey: string;
  presenterUrl: string;
  viewerUrl: string;
}

describe('POST /api/rooms', () => {
  it('POST /api/rooms returns a viewer URL without the key', async () => {
    await start();
    const res = await post('/api/rooms', JSON.stringify({ name: 'lesson-1', cluster: { masters: 1, agents: 1, publicAgents: 0 }, seed: 7 }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.room).toBe('lesson-1');
    expect(created.presenterKey).toMatch(/^[0-9a-f]{32,}$/); // at least 128 bits
    expect(created.viewerUrl).not.toContain(created.presenterKey);
    expect(new URL(created.viewerUrl).searchParams.get('room')).toBe('lesson-1');
    expect(new URL(created.presenterUrl).hash).toBe(`#key=${created.presenterKey}`);
    const room = t.server.app.rooms.get('lesson-1')!;
    expect(room.policy.mode).toBe('class');
    expect(room.cluster).toEqual({ masters: 1, agents: 1, publicAgents: 0 });
    expect(room.playback()).toMatchObject({ paused: true, simTimeMs: 0 });
    // Its key makes a socket the presenter; no key, a viewer.
    const socket = await t.connect();
    expect(await request(socket, 'sim:join', { room: 'lesson-1', key: created.presenterKey })).toMatchObject({ ok: true, role: 'presenter' });
    const other = await t.connect();
    expect(await request(other, 'sim:join', { room: 'lesson-1' })).toMatchObject({ ok: true, role: 'viewer' });
    // Two rooms never share a key; a generated name when none is given.
    const second = (await (await post('/api/rooms', '{}')).json()) as Created;
    expect(second.room).toMatch(/^class-[0-9a-f]{6}$/);
    expect(second.presenterKey).not.toBe(created.presenterKey);
  });

  it('loads a built-in scenario', async () => {
    await start({ ...realDeps(pino({ level: 'silent' })), autoTick: false, staticDir: null });
    const res = await post('/api/rooms', JSON.stringify({ scenario: 'zk-quorum-loss' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(t.server.app.rooms.get(created.room)?.scenario?.name).toBe('zk-quorum-loss');
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['an unknown field', '{"colour":"red"}', /colour/],
    ['a bad room name', '{"name":"Lesson One"}', /room names/],
    ['a bad cluster', '{"cluster":{"masters":2,"agents":1,"publicAgents":0}}', /cluster/],
    ['a bad seed', '{"seed":-1}', /seed/],
    ['an unknown scenario', '{"scenario":"no-such"}', /unknown scenario/],
    ['a scenario and a cluster', '{"scenario":"x","seed":3}', /not both/],
  ])('answers 400 with a message for %s', async (_, body, message) => {
    await start();
    const res = await post('/api/rooms', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('a taken name is a 409', async () => {
    await start();
    expect((await post('/api/rooms', '{"name":"default"}')).status).toBe(409);
  });

  it('a flood of POST /api/rooms from one address gets 429s and the server keeps answering', async () => {
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post('/api/rooms', '{}')).status);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    expect(t.server.app.rooms.size).toBe(4);
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
  });

  it('the total room limit still applies', async () => {
    await start({ limits: { maxRooms: 2, roomsPerAddress: 10 } });
    expect((await post('/api/rooms', '{}')).status).toBe(201);
    const res = await post('/api/rooms', '{}');
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toMatch(/room limit reached/);
  });

  it('a big body gets 413', async () => {
    await start();
    const res = await post('/api/rooms', JSON.stringify({ name: 'x', pad: 'y'.repeat(100_000) }));
    expect(res.status).toBe(413);
    expect(t.server.app.rooms.size).toBe(1);
  });
});

describe('presenter keys over HTTP and in the log', () => {
  it('only the presenter may load a recording into a class room', async () => {
    await start();
    const created = (await (await post('/api/rooms', '{}')).json()) as Created;
    const recording = JSON.stringify(t.server.app.rooms.get('default')!.recording());
    const path = `/api/rooms/${created.room}/recording`;
    expect((await post(path, recording)).status).toBe(403);
    expect((await post(path, recording, { 'x-presenter-key': 'wrong' })).status).toBe(403);
    expect((await post(path, recording, { 'x-presenter-key': created.presenterKey })).status).toBe(200);
    // An open room takes an upload from anyone, as before.
    expect((await post('/api/rooms/default/recording', recording)).status).toBe(200);
  });

  it('keys never appear in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });
    const KEY = 'the-default-room-key-0123456789';
    await start({ logger: pino({ level: 'trace', redact: LOG_REDACT }, sink), presenterKey: KEY });
    const created = (await (await post('/api/rooms', '{}')).json()) as Created;
    const socket = await t.connect();
    await request(socket, 'sim:join', { key: 'a-wrong-key-xyz' });
    await request(socket, 'sim:join', { room: created.room, key: created.presenterKey, name: 'Ms Rivera' });
    await request(socket, 'sim:control', { action: 'resume' });
    await request(socket, 'sim:join', { key: KEY });
    await request(socket, 'sim:control', { action: 'bogus', key: KEY });
    await request(socket, 'fault:inject', { kind: 'clear', key: KEY });
    await request(socket, 'sim:fork', {});
    await post(`/api/rooms/${created.room}/recording`, '{}', { 'x-presenter-key': created.presenterKey });
    await post(`/api/rooms/${created.room}/recording`, '{}', { 'x-presenter-key': 'a-wrong-key-xyz' });
    const log = lines.join('');
    expect(log).toContain('client joined');
    for (const key of [KEY, created.presenterKey, 'a-wrong-key-xyz']) expect(log).not.toContain(key);
  });
});
