// POST /api/rooms/<room>/real-boot (architecture.md §10): a real journal in the real formats becomes facts and
// divergences; the room's own json journal posted back diverges nowhere; viewers get it as sim:realBoot, late joiners
// on join; presenter-only in a class room; 413 past 8 MiB (declared or streamed), 400 for no journal, 404 unknown
// room; a flood gets 429/503 while the server keeps answering.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REAL_BOOT_BYTES } from '../../shared/journal/importer.ts';
import type { RealBootRun } from '../../shared/protocol/realBoot.ts';
import { connectClient, request, until } from '../testing/harness.ts';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';

let server: ManualClockServer;
const fixture = readFileSync(join(import.meta.dirname, '../../shared/journal/fixtures/dcos-master.journal.ndjson'), 'utf8');

beforeAll(async () => {
  server = await startManualClockServer();
  const made = server.app.rooms.getOrCreate('rb');
  if (!made.ok) throw new Error(made.error);
  made.room.control({ action: 'speed', speed: 100 });
  server.drive(made.room, 100);
  server.advanceWall(60_000);
});
afterAll(() => server.close());

const post = (body: string | Buffer, room = 'rb', headers: Record<string, string> = {}) => fetch(`${server.url}/api/rooms/${room}/real-boot`, { method: 'POST', body, headers });

describe('POST /api/rooms/<room>/real-boot', () => {
  it('turns a real master journal into facts and divergences, counting what it does not know', async () => {
    const res = await post(fixture);
    expect(res.status).toBe(200);
    const run = (await res.json()) as RealBootRun;
    expect(run.format).toBe('json');
    expect(run.facts.map((f) => `${f.kind}/${f.unit}/${f.to}`)).toContain('leader/dcos-mesos-master/mesos');
    expect(run.unrecognised).toBe(7);
    const dns = run.divergences.find((d) => d.key === 'unit:dcos-mesos-dns');
    expect(dns?.text).toMatch(/^real Mesos DNS became ready \d\d:\d\d (later|earlier) than the model$/);
    expect(dns?.realAtMs).toBe(410_000);
  });

  it('the room\'s own json journal posted back diverges from the model nowhere', async () => {
    server.advanceWall(5_000);
    const own = await (await fetch(`${server.url}/api/rooms/rb/journal?node=master-1&format=json`)).text();
    server.advanceWall(5_000);
    const run = (await (await post(own)).json()) as RealBootRun;
    expect(run.nodes).toEqual(['master-1']);
    expect(run.unrecognised).toBe(0);
    expect(run.facts.length).toBeGreaterThan(30);
    expect(run.divergences).toEqual([]);
  });

  it('reaches every viewer as sim:realBoot, and a late joiner on join', async () => {
    server.advanceWall(5_000);
    const early = await connectClient(server.url);
    const seen: (RealBootRun | null)[] = [];
    early.on('sim:realBoot', (run) => seen.push(run));
    expect((await request(early, 'sim:join', { room: 'rb' })).ok).toBe(true);
    await until(() => seen.length === 1, 5_000, 'the run on join');
    const res = await post(fixture.split('\n').slice(0, 6).join('\n'));
    expect(res.status).toBe(200);
    await until(() => seen.length === 2, 5_000, 'the broadcast');
    expect(seen[1]?.facts.map((f) => f.unit)).toEqual(['dcos-exhibitor', 'dcos-exhibitor', 'dcos-exhibitor']);
    const late = await connectClient(server.url);
    const got: (RealBootRun | null)[] = [];
    late.on('sim:realBoot', (run) => got.push(run));
    await request(late, 'sim:join', { room: 'rb' });
    await until(() => got.length === 1, 5_000, 'the late joiner');
    expect(got[0]?.facts).toEqual(seen[1]?.facts);
    early.close();
    late.close();
  });

  it('refuses what is no journal (400), an unknown room (404), more than 8 MiB declared or streamed (413)', async () => {
    server.advanceWall(10_000);
    const none = await post('hello\nworld\n');
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toMatch(/that is no journal/);
    expect((await post('', 'rb')).status).toBe(400);
    expect((await post(fixture, 'nowhere')).status).toBe(404);
    server.advanceWall(10_000);
    expect((await post(Buffer.alloc(MAX_REAL_BOOT_BYTES + 10, 0x61))).status).toBe(413);
    // Chunked, no Content-Length: counted as it arrives.
    const status = await new Promise<number>((resolve) => {
      const url = new URL(`${server.url}/api/rooms/rb/real-boot`);
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      const line = Buffer.from(`${fixture.split('\n')[1]}\n`);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REAL_BOOT_BYTES + line.length) {
          sent += line.length;
          if (!req.write(line)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    server.advanceWall(5_000);
    expect((await post(fixture)).status).toBe(200);
  });

  it('a journal just under 8 MiB is read whole with bounded facts and a bounded answer', async () => {
    server.advanceWall(10_000);
    const own = await (await fetch(`${server.url}/api/rooms/rb/journal?node=master-2&format=json`)).text();
    const body = own.repeat(Math.floor((MAX_REAL_BOOT_BYTES - 1024) / Buffer.byteLength(own)));
    server.advanceWall(10_000);
    const res = await post(body);
    expect(res.status).toBe(200);
    const text = await res.text();
    const run = JSON.parse(text) as RealBootRun;
    expect(run.journalLines).toBeGreaterThan(10_000);
    expect(run.facts.length).toBeLessThanOrEqual(5_000);
    expect(text.length).toBeLessThan(3_000_000);
  });

  it('another web page (a foreign Origin) may not post', async () => {
    server.advanceWall(5_000);
    const res = await post(fixture, 'rb', { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('in a class room only the presenter may', async () => {
    server.advanceWall(10_000);
    const created = (await (await fetch(`${server.url}/api/rooms`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).json()) as { room: string; presenterKey: string };
    server.advanceWall(5_000);
    expect((await post(fixture, created.room)).status).toBe(403);
    expect((await post(fixture, created.room, { 'X-Presenter-Key': 'wrong' })).status).toBe(403);
    server.advanceWall(5_000);
    expect((await post(fixture, created.room, { 'X-Presenter-Key': created.presenterKey })).status).toBe(200);
  });

  it('a flood from one address gets 429s (or 503 while others parse) and the server keeps answering', async () => {
    server.advanceWall(60_000);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => post(fixture).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 200 || s === 429 || s === 503)).toBe(true);
    server.advanceWall(60_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await post(fixture)).status).toBe(200);
  });
});
