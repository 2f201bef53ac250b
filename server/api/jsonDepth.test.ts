// Issue 18, item 6: a deeply nested upload is refused by a scan of its bytes before JSON.parse runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startManualClockServer, type ManualClockServer } from '../testing/manualClockServer.ts';
import { MAX_UPLOAD_DEPTH, nestingOverAt } from './jsonDepth.ts';
import { MAX_UPLOAD_BYTES } from './recordingUpload.ts';

describe('nestingOverAt', () => {
  it('counts brackets outside strings only', () => {
    expect(nestingOverAt('{"a":[1,{"b":2}]}', 3)).toBe(-1);
    expect(nestingOverAt('{"a":[1,{"b":[2]}]}', 3)).toBe(13);
    expect(nestingOverAt('{"a":"[[[[[[[[[[[[[[[["}', 2)).toBe(-1);
    expect(nestingOverAt('{"a":"\\"[[[[[[["}', 2)).toBe(-1);
    expect(nestingOverAt('[[[', 2)).toBe(2);
    expect(nestingOverAt('"\\\\"[[[', 2)).toBe(6);
  });
});

describe('deeply nested uploads', () => {
  let server: ManualClockServer;
  beforeAll(async () => {
    server = await startManualClockServer();
    server.app.rooms.getOrCreate('target');
  });
  afterAll(() => server.close());

  it('a 4 MiB upload nested two million deep is a 400 naming the depth, and the room is untouched', async () => {
    const half = Math.floor((MAX_UPLOAD_BYTES - 64) / 2);
    const body = `${'['.repeat(half)}${']'.repeat(half)}`;
    const before = server.app.rooms.get('target')!.epoch;
    const res = await fetch(`${server.url}/api/rooms/target/recording`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(`more than ${MAX_UPLOAD_DEPTH} levels deep`);
    expect(server.app.rooms.get('target')!.epoch).toBe(before);
  });

  it('POST /api/rooms refuses a nested body the same way', async () => {
    const res = await fetch(`${server.url}/api/rooms`, { method: 'POST', body: `{"name":${'['.repeat(1000)}${']'.repeat(1000)}}`, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('levels deep');
  });
});
