// GET /api/rooms/<room>/events: the room's whole log of this epoch as ndjson (the CLI's bytes for the room's recording)
// or CSV (a header, one record per event), complete from t=0 even after the room trimmed its own history.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../shared/protocol/eventExport.ts';
import { parseCsv } from '../../shared/protocol/parseCsv.testing.ts';
import { captureCli } from '../cli/capture.ts';
import { startServerWithCrashedAgent, type ManualClockServer } from '../testing/manualClockServer.ts';

let server: ManualClockServer;

beforeAll(async () => {
  // A history of 300 events: the room trims long before 04:10, so the route must replay the recording.
  server = await startServerWithCrashedAgent({ maxHistoryEvents: 300 });
});
afterAll(() => server.close());

const get = (path: string) => fetch(`${server.url}${path}`);

describe('GET /api/rooms/<room>/events', () => {
  it('serves the whole log as the ndjson the CLI prints for the room recording, even after trimming', async () => {
    const room = server.defaultRoom();
    expect(room.snapshot().historyTrimmed).toBeGreaterThan(0);
    const res = await get('/api/rooms/default/events?format=ndjson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="default-events-04-10.ndjson"');
    const text = await res.text();
    const file = join(mkdtempSync(join(tmpdir(), 'bootscope-events-')), 'rec.json');
    writeFileSync(file, JSON.stringify(room.recording()));
    const cli = await captureCli(['--scenario', file, '--format', 'ndjson']);
    const cliLines = cli.stdout.split('\n').filter((l) => l.length > 0).slice(0, -1);
    expect(text).toBe(`${cliLines.join('\n')}\n`);
    expect((JSON.parse(text.split('\n')[0]) as { seq: number }).seq).toBe(1);
  });

  it('serves CSV: a header and one record per event', async () => {
    const ndjson = (await (await get('/api/rooms/default/events')).text()).split('\n').filter((l) => l.length > 0);
    const res = await get('/api/rooms/default/events?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const records = parseCsv(await res.text());
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(ndjson.length + 1);
    expect(records.slice(1).map((r) => JSON.parse(r[CSV_COLUMNS.indexOf('event')]) as object)).toEqual(ndjson.map((l) => JSON.parse(l) as object));
  });

  it('bad formats get a 400 that says what is allowed, unknown rooms a 404', async () => {
    const res = await get('/api/rooms/default/events?format=xml');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/format must be ndjson or csv/);
    expect((await get('/api/rooms/ghost/events')).status).toBe(404);
  });
});
