// GET /api/rooms/<room>/journal and `npm run simulate -- --journal` (architecture.md §10): the same bytes for the same
// recording in both formats; 400 with a message for bad parameters, 404 for an unknown room or node; a flood of
// requests gets 429s while the server keeps answering.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../shared/protocol/recording.ts';
import { captureCli } from '../cli/capture.ts';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';

let server: ManualClockServer;
let recording: Recording;
let file: string;

beforeAll(async () => {
  server = await startManualClockServer();
  const made = server.app.rooms.getOrCreate('jr');
  if (!made.ok) throw new Error(made.error);
  made.room.control({ action: 'speed', speed: 100 });
  server.drive(made.room, 120, (i) => {
    if (i === 90) made.room.inject({ kind: 'kill', node: 'master-1', unit: 'dcos-mesos-master' });
    if (i === 100) made.room.inject({ kind: 'stop', node: 'master-2', unit: 'dcos-marathon' });
  });
  recording = made.room.recording();
  file = join(mkdtempSync(join(tmpdir(), 'bootscope-journal-')), 'rec.json');
  writeFileSync(file, JSON.stringify(recording));
  server.advanceWall(60_000);
});
afterAll(() => server.close());

const get = (query: string, room = 'jr') => fetch(`${server.url}/api/rooms/${room}/journal?${query}`);

describe('GET /api/rooms/<room>/journal', () => {
  it('serves short-iso by default and json on request, byte for byte what the CLI prints for the recording', async () => {
    for (const [query, argv] of [
      ['node=master-1', ['--journal', 'master-1']],
      ['node=master-2&unit=dcos-marathon&format=json', ['--journal', 'master-2/dcos-marathon', '--journal-format', 'json']],
      ['node=agent-1&format=json', ['--journal', 'agent-1', '--journal-format', 'json']],
    ] as const) {
      server.advanceWall(1_000);
      const res = await get(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(query.includes('json') ? /ndjson/ : /text\/plain/);
      const body = await res.text();
      const cli = await captureCli(['--scenario', file, ...argv]);
      expect(cli.code).toBe(0);
      expect(body.length).toBeGreaterThan(1000);
      expect(body).toBe(cli.stdout);
    }
  });

  it('cuts at until, and until defaults to now', async () => {
    const res = await get('node=master-1&until=60000&format=json');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.length).toBeGreaterThan(3);
    expect(Math.max(...lines.map((l) => Number(l.BOOTSCOPE_SIM_MS)))).toBeLessThanOrEqual(60_000);
  });

  it('refuses bad parameters with 400 and says what is allowed; unknown room or node is 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['', 400, /node is required/],
      ['node=master-1&format=cat', 400, /format must be short-iso or json/],
      ['node=master-1&unit=dcos-mesos-slave', 400, /unknown unit 'dcos-mesos-slave' on master-1; units there: dcos-exhibitor/],
      ['node=master-1&until=-5', 400, /until must be a whole number/],
      ['node=master-1&until=99999999999', 400, /after now/],
      ['node=%3Cscript%3E', 400, /node must be a node id/],
      ['node=master-7', 404, /unknown node 'master-7'/],
    ];
    for (const [query, status, error] of cases) {
      server.advanceWall(1_000);
      const res = await get(query);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
    }
    server.advanceWall(1_000);
    expect((await get('node=master-1', 'no-such-room')).status).toBe(404);
  });

  it('a flood from one address gets 429s and the server keeps serving', async () => {
    server.advanceWall(60_000);
    const statuses = await Promise.all(Array.from({ length: 80 }, () => get('node=agent-1&unit=dcos-net').then((r) => r.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    server.advanceWall(60_000);
    expect((await get('node=agent-1')).status).toBe(200);
  });
});

describe('npm run simulate -- --journal', () => {
  it('exits 2 with one line for bad flags', async () => {
    for (const [argv, error] of [
      [['--journal', 'master-1/'], /--journal must be <node>\[\/<unit>\]/],
      [['--journal-format', 'json'], /--journal-format needs --journal/],
      [['--journal', 'master-1', '--journal-format', 'xml'], /--journal-format must be short-iso or json/],
      [['--journal', 'agent-9'], /unknown node 'agent-9'/],
      [['--journal', 'agent-1/dcos-exhibitor'], /unknown unit 'dcos-exhibitor' on agent-1/],
    ] as const) {
      const run = await captureCli(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toHaveLength(1);
      expect(run.stderr[0]).toMatch(error);
      expect(run.stdout).toBe('');
    }
  });
});
