// POST /api/rooms/<room>/recording as a teacher's upload meets it: a room's downloaded recording loaded into another
// room replays there exactly as the CLI replays the same file (same ndjson bytes up to untilMs) and then runs on; an
// oversized body (declared or streamed), invalid JSON, a non-recording or a recording the engine would refuse get a
// 413/400 that says why and leave the room untouched; an unknown room is a 404, a foreign Origin a 403; a flood of
// uploads gets 429s while the server keeps answering.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventNdjsonLine } from '../../shared/protocol/eventExport.ts';
import type { Recording } from '../../shared/protocol/recording.ts';
import { captureCli } from '../cli/capture.ts';
import type { Room } from '../room/room.ts';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';
import { MAX_UPLOAD_BYTES } from './recordingUpload.ts';

let server: ManualClockServer;
let recording: Recording;

beforeAll(async () => {
  server = await startManualClockServer();
  const source = server.app.rooms.getOrCreate('source');
  if (!source.ok) throw new Error(source.error);
  source.room.control({ action: 'speed', speed: 50 });
  server.drive(source.room, 100, (i) => {
    if (i === 40) source.room.inject({ kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' });
    if (i === 70) source.room.inject({ kind: 'crash', node: 'agent-1' });
  });
  recording = source.room.recording();
  server.app.rooms.getOrCreate('target');
  server.advanceWall(60_000); // every test starts with the address's whole burst
});
afterAll(() => server.close());

const target = () => server.app.rooms.get('target')!;
const post = (body: string, room = 'target', headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/rooms/${room}/recording`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });

/** What must not change when an upload is refused. */
const fingerprint = (room: Room) => JSON.stringify({ epoch: room.epoch, simTimeMs: room.engine.simTimeMs, recording: room.recording() });

describe('POST /api/rooms/<room>/recording', () => {
  it('replays an uploaded recording in the room exactly as the CLI replays the file, then keeps running', async () => {
    expect(recording.steps.map((s) => s.fault?.kind)).toEqual(['stop', 'crash']);
    const epoch = target().epoch;
    const res = await post(JSON.stringify(recording));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, room: 'target', epoch: epoch + 1, steps: 2, untilMs: recording.untilMs });

    const room = target();
    room.control({ action: 'speed', speed: 50 });
    server.drive(room, 130);
    expect(room.engine.simTimeMs).toBeGreaterThan(recording.untilMs);
    const roomLines = room.eventLog().filter((e) => e.simTimeMs <= recording.untilMs).map(eventNdjsonLine);

    const file = join(mkdtempSync(join(tmpdir(), 'bootscope-upload-')), 'rec.json');
    writeFileSync(file, JSON.stringify(recording));
    const cli = await captureCli(['--scenario', file, '--format', 'ndjson']);
    expect(cli.code).toBe(0);
    const cliLines = cli.stdout.split('\n').filter((l) => l.length > 0).slice(0, -1); // the last line is the summary
    expect(roomLines.length).toBeGreaterThan(100);
    expect(roomLines.join('\n')).toBe(cliLines.join('\n'));
    // The room's own recording now starts with the uploaded firings.
    expect(room.recording().steps).toEqual(recording.steps);
  });

  it.each([
    ['invalid JSON', '{"version": 1,', 400, /not valid JSON/],
    ['a plain scenario', JSON.stringify({ name: 'x', title: 'x', description: '', cluster: { masters: 1, agents: 0, publicAgents: 0 }, seed: 1, steps: [] }), 400, /not a recording: it has no "version"/],
    ['a JSON array', '[1,2]', 400, /not a recording/],
    ['a wrong version', () => JSON.stringify({ ...recording, version: 2 }), 400, /not a valid recording: version: version must be 1/],
    ['an unknown key', () => JSON.stringify({ ...recording, cursor: 1 }), 400, /not a valid recording: .*cursor/],
    ['a step after untilMs', () => JSON.stringify({ ...recording, untilMs: 1 }), 400, /step 1: atMs \d+ is after untilMs 1/],
    ['an unknown node', () => JSON.stringify({ ...recording, steps: [{ atMs: 0, fault: { kind: 'crash', node: 'agent-9' } }] }), 400, /step 1 \(atMs 0\): .*agent-9/],
    ['a declared body over 4 MiB', () => 'x'.repeat(MAX_UPLOAD_BYTES + 1), 413, /over 4194304 bytes/],
  ])('refuses %s and leaves the room untouched', async (_what, body, status, message) => {
    const before = fingerprint(target());
    const res = await post(typeof body === 'function' ? body() : body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(fingerprint(target())).toBe(before);
  });

  it('counts a streamed (chunked) body as it arrives: 413 past the cap, room untouched', async () => {
    const before = fingerprint(target());
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/rooms/target/recording`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(256 * 1024);
      for (let i = 0; i < 20; i += 1) req.write(chunk); // 5 MiB, no Content-Length
      req.end();
    });
    expect(status).toBe(413);
    expect(body).toMatch(/over 4194304 bytes/);
    expect(fingerprint(target())).toBe(before);
  });

  it('404s an unknown room and 403s another web page', async () => {
    const res = await post(JSON.stringify(recording), 'nowhere');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/unknown room 'nowhere'/);
    const before = fingerprint(target());
    const foreign = await post(JSON.stringify(recording), 'target', { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(fingerprint(target())).toBe(before);
    // Other methods are still refused on every other path.
    expect((await fetch(`${server.url}/api/rooms/target/view?at=0`, { method: 'POST', body: '{}' })).status).toBe(405);
    expect((await fetch(`${server.url}/healthz`, { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('a flood of uploads gets 429s, never a 500, and the server keeps answering', async () => {
    server.advanceWall(60_000);
    const before = fingerprint(target());
    const statuses = await Promise.all(Array.from({ length: 300 }, () => post('{"version":1}').then(async (r) => (await r.arrayBuffer(), r.status))));
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect([...counts.keys()].every((s) => s === 400 || s === 429), JSON.stringify([...counts])).toBe(true);
    expect(counts.get(429) ?? 0).toBeGreaterThan(200); // the burst is 60
    expect(fingerprint(target())).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.advanceWall(2_000);
    expect((await post(JSON.stringify(recording))).status).toBe(200);
  });
});
