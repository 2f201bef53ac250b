// Named bookmarks over a real socket.io connection, as a class uses them: the presenter marks "quorum lost here",
// every viewer gets the list (and a late joiner finds it in the snapshot); a flood of bookmarks, bad payloads,
// long names and the 101st bookmark get error acks while the server keeps answering and the simulation is
// untouched. The clock is fake, so token buckets refill only when we say.
import { describe, expect, it } from 'vitest';
import type { Bookmark } from '../shared/protocol/messages.ts';
import { BOOKMARK_BURST } from './handlers/bookmark.ts';
import { MAX_BOOKMARKS } from './room/bookmarks.ts';
import { request, until } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const env = useRealSocketRoom();
const { joined, defaultRoom, runRoom } = env;


describe('bookmark:add', () => {
  it('a named bookmark reaches every viewer, and a late joiner sees it in the snapshot', async () => {
    const presenter = await joined();
    const viewer = await joined();
    const room = defaultRoom();
    runRoom(room, 60_000);
    const seen: Bookmark[][] = [];
    viewer.on('sim:bookmarks', (list) => seen.push(list));
    const ack = await request<{ bookmark: Bookmark }>(presenter, 'bookmark:add', { name: '  Quorum lost here  ', atMs: 40_000 });
    expect(ack).toEqual({ ok: true, bookmark: { id: 1, name: 'Quorum lost here', atMs: 40_000 } });
    const now = await request<{ bookmark: Bookmark }>(presenter, 'bookmark:add', { name: 'now' });
    expect(now.ok && now.bookmark.atMs).toBe(room.engine.simTimeMs);
    await until(() => seen.length === 2, 5_000, 'two bookmark lists');
    expect(seen[1].map((b) => b.name)).toEqual(['Quorum lost here', 'now']);
    const late = await env.connected();
    const snapshot = new Promise<Bookmark[] | undefined>((resolve) => late.once('sim:snapshot', (s) => resolve(s.bookmarks)));
    await request(late, 'sim:join', {});
    expect((await snapshot)?.map((b) => b.name)).toEqual(['Quorum lost here', 'now']);
  });

  it('a name with markup is stored as plain text (the web escapes it when drawing)', async () => {
    const socket = await joined();
    const ack = await request<{ bookmark: Bookmark }>(socket, 'bookmark:add', { name: '<img src=x onerror=alert(1)>' });
    expect(ack.ok && ack.bookmark.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('a rewind keeps the bookmarks before the moment it goes back to; a reset drops them all', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 60_000);
    await request(socket, 'bookmark:add', { name: 'early', atMs: 10_000 });
    await request(socket, 'bookmark:add', { name: 'late', atMs: 50_000 });
    expect((await request(socket, 'sim:rewind', { simTimeMs: 30_000 })).ok).toBe(true);
    expect(room.bookmarks().map((b) => b.name)).toEqual(['early']);
    expect((await request(socket, 'sim:control', { action: 'reset' })).ok).toBe(true);
    expect(room.bookmarks()).toEqual([]);
  });

  it('answers a flood of bad payloads, long names, future moments and bursts with errors; the room is untouched', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 60_000);
    const lastSeq = room.engine.lastSeq;
    const recording = JSON.stringify(room.recording());
    const bad = [
      null, [], 'x', 42, {}, { name: '' }, { name: '    ' }, { name: 'x'.repeat(61) }, { name: 'x'.repeat(10_000) },
      { name: 'bell\u0007' }, { name: 'a\nb' }, { name: 5 }, { name: 'ok', atMs: -1 }, { name: 'ok', atMs: 1.5 },
      { name: 'ok', atMs: 'now' }, { name: 'ok', extra: true },
    ];
    for (const payload of bad) {
      const ack = await request(socket, 'bookmark:add', payload);
      expect(ack.ok, JSON.stringify(payload).slice(0, 60)).toBe(false);
    }
    const long = await request(socket, 'bookmark:add', { name: 'x'.repeat(61) });
    expect(!long.ok && long.error).toMatch(/at most 60 characters/);
    const future = await request(socket, 'bookmark:add', { name: 'later', atMs: 10 * 60_000 });
    expect(!future.ok && future.error).toMatch(/atMs 600000 is not a moment .*from 0 to 60000/);
    // A burst past the socket's bookmark budget is refused, not queued.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => request(socket, 'bookmark:add', { name: `b${i}` })));
    expect(burst.filter((a) => a.ok).length).toBeLessThanOrEqual(BOOKMARK_BURST);
    expect(burst.some((a) => !a.ok && /rate limit/.test(a.error))).toBe(true);
    expect(room.engine.lastSeq).toBe(lastSeq);
    expect(JSON.stringify(room.recording())).toBe(recording);
    expect(room.bookmarks().length).toBeLessThanOrEqual(BOOKMARK_BURST);
    expect((await request(socket, 'sim:resync', {})).ok).toBe(true);
  });

  it('a message bigger than the payload limit closes only that connection; the room keeps its bookmarks', async () => {
    const other = await joined();
    await request(other, 'bookmark:add', { name: 'kept' });
    const flooder = await joined();
    const closed = new Promise<void>((resolve) => flooder.once('disconnect', () => resolve()));
    flooder.emit('bookmark:add', { name: 'x'.repeat(100_000) }, () => undefined);
    await closed;
    expect(defaultRoom().bookmarks().map((b) => b.name)).toEqual(['kept']);
    expect((await request(other, 'sim:resync', {})).ok).toBe(true);
  });

  it('refuses the 101st bookmark of a run with a clear error', async () => {
    const socket = await joined();
    for (let i = 0; i < MAX_BOOKMARKS; i++) {
      env.clock += 1_000; // refill the budget as a patient presenter would
      const ack = await request(socket, 'bookmark:add', { name: `mark ${i}` });
      expect(ack.ok).toBe(true);
    }
    env.clock += 10_000;
    const over = await request(socket, 'bookmark:add', { name: 'one too many' });
    expect(!over.ok && over.error).toMatch(/already has 100 bookmarks/);
    expect(defaultRoom().bookmarks()).toHaveLength(MAX_BOOKMARKS);
  });
});
