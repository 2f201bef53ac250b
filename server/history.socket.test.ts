// sim:history over a real socket (issue 10): a late joiner of a big room pages the older events in front of its
// snapshot's window: consecutive seqs, bounded pages (count and weight), viewer-slim pulls over 1,000 nodes, `done`
// where the room's kept history ends (it trimmed the rest), clear errors for bad input, its own rate limit, and the
// epoch of the history a page belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import type { ClusterConfig, SimEvent } from '../shared/engine/types.ts';
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import { HISTORY_PAGE_MAX, type HistoryPage } from '../shared/protocol/history.ts';
import { MAX_BATCH_EVENTS, eventWeight } from './room/history/eventWeight.ts';
import { HISTORY_PAGE_BURST } from './handlers/history.ts';
import { viewerEvents } from './room/history/snapshotView.ts';
import { connectClient, request, startTestServer, until, Viewer, type ClientSocket, type TestServer } from './testing/harness.ts';

const KEPT = 30_000;
const BIG: ClusterConfig = { masters: 3, agents: 1_000, publicAgents: 0 };
let server: TestServer;
let wallMs = 0;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ createEngine, restoreEngine, now: () => wallMs, autoTick: false, limits: { maxHistoryEvents: KEPT } });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

async function viewer(room: string): Promise<Viewer> {
  const socket = await connectClient(server.url);
  sockets.push(socket);
  const v = new Viewer(socket);
  expect((await request(socket, 'sim:join', { room })).ok).toBe(true);
  await until(() => v.snapshots.length > 0, 5_000, 'the snapshot');
  return v;
}

/** Runs `room` for `ticks` 50 ms ticks of (fake) wall time at speed 100. */
function run(room: string, ticks: number): void {
  const r = server.app.rooms.get(room)!;
  r.control({ action: 'speed', speed: 100 });
  for (let i = 0; i < ticks; i++) {
    wallMs += 50;
    r.tick();
  }
}

/** Pages back from `beforeSeq` until done; the socket's budget refills between pages (a second of wall time). */
async function pageAll(socket: ClientSocket, beforeSeq: number): Promise<HistoryPage[]> {
  const pages: HistoryPage[] = [];
  for (;;) {
    wallMs += 1_000;
    const ack = await request<HistoryPage>(socket, 'sim:history', { beforeSeq });
    if (!ack.ok) throw new Error(ack.error);
    pages.push(ack);
    if (ack.done || ack.events.length === 0) return pages;
    beforeSeq = ack.events[0]!.seq;
  }
}

describe('sim:history', () => {
  let late: Viewer;
  let snap: SimSnapshot;

  beforeAll(async () => {
    const starter = await viewer('big');
    expect((await request(starter.socket, 'sim:control', { action: 'reset', cluster: BIG })).ok).toBe(true);
    run('big', 120); // 600 simulated seconds: ~55,000 events, more than the room keeps
    late = await viewer('big');
    snap = late.snapshots[0]!;
  }, 60_000);

  it('pages a big room back to where its kept history starts: consecutive, bounded, slim, then done', async () => {
    expect(snap.historyTrimmed).toBeGreaterThan(0);
    const pages = await pageAll(late.socket, snap.events[0]!.seq);
    let next = snap.events[0]!.seq;
    for (const page of pages) {
      expect(page.epoch).toBe(snap.epoch);
      expect(page.events.length).toBeLessThanOrEqual(HISTORY_PAGE_MAX);
      expect(page.events.length === 1 || page.events.reduce((a, e) => a + eventWeight(e), 0) <= MAX_BATCH_EVENTS).toBe(true);
      expect(page.events.map((e) => e.seq)).toEqual(page.events.map((_, i) => next - page.events.length + i));
      next -= page.events.length;
      for (const e of page.events) if (e.type === 'diagnostics' && e.changed !== undefined) expect(e.changed.every((r) => r.role === 'master')).toBe(true);
    }
    const last = pages[pages.length - 1]!;
    expect(last.done).toBe(true);
    // The room trimmed its oldest events: the pages stop at the oldest it keeps, not at t=0.
    expect(last.oldestKeptSeq).toBeGreaterThan(1);
    expect(last.events[0]!.seq).toBe(last.oldestKeptSeq);
    // Pages + window = the room's log from the oldest kept event, as a viewer gets it.
    const paged: SimEvent[] = pages.slice().reverse().flatMap((p) => p.events).concat(snap.events);
    const log = viewerEvents(server.app.rooms.get('big')!.eventLog(), BIG);
    expect(paged).toEqual(log.slice(last.oldestKeptSeq - 1, snap.lastSeq));
  }, 60_000);

  it('answers at most `limit` events, and none (done) before the oldest kept one', async () => {
    wallMs += 5_000;
    const ten = await request<HistoryPage>(late.socket, 'sim:history', { beforeSeq: snap.events[0]!.seq, limit: 10 });
    expect(ten).toMatchObject({ ok: true, done: false });
    expect((ten as HistoryPage).events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => snap.events[0]!.seq - 10 + i));
    const none = await request<HistoryPage>(late.socket, 'sim:history', { beforeSeq: 1 });
    expect(none).toMatchObject({ ok: true, events: [], done: true });
  });

  it.each([
    [{ beforeSeq: 0 }, /beforeSeq must be at least 1/],
    [{ beforeSeq: 2.5 }, /beforeSeq must be a whole number/],
    [{ beforeSeq: '9' }, /beforeSeq/],
    [{ beforeSeq: 9, limit: HISTORY_PAGE_MAX + 1 }, /limit must be at most 5000/],
    [{ beforeSeq: 9, limit: 0 }, /limit must be at least 1/],
    [{ beforeSeq: 9, extra: true }, /extra/],
    [undefined, /invalid 'sim:history' payload/],
  ])('refuses %j with a clear error', async (payload, error) => {
    wallMs += 5_000;
    expect(await request(late.socket, 'sim:history', payload)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('needs a room, and has its own rate limit per socket', async () => {
    const socket = await connectClient(server.url);
    sockets.push(socket);
    expect(await request(socket, 'sim:history', { beforeSeq: 5 })).toMatchObject({ ok: false, error: expect.stringMatching(/join a room first/) });
    wallMs += 10_000;
    const answers = [];
    for (let i = 0; i < HISTORY_PAGE_BURST + 2; i++) answers.push(await request(late.socket, 'sim:history', { beforeSeq: snap.events[0]!.seq, limit: 1 }));
    expect(answers.slice(0, HISTORY_PAGE_BURST).every((a) => a.ok)).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: expect.stringMatching(/rate limit: at most 2 history pages per second/) });
  });

  it('says which epoch a page belongs to (a reset replaces the history)', async () => {
    wallMs += 5_000;
    const before = await request<HistoryPage>(late.socket, 'sim:history', { beforeSeq: 100, limit: 5 });
    expect((await request(late.socket, 'sim:control', { action: 'reset', cluster: { masters: 1, agents: 2, publicAgents: 0 } })).ok).toBe(true);
    await until(() => late.snapshots.length >= 2, 5_000, 'the snapshot of the reset');
    run('big', 20);
    wallMs += 5_000;
    const after = await request<HistoryPage>(late.socket, 'sim:history', { beforeSeq: 100, limit: 5 });
    expect(after.ok && before.ok && after.epoch).toBe(late.snapshots.at(-1)!.epoch);
    expect(before.ok && before.epoch).toBe(snap.epoch);
    // A small room (up to 1,000 nodes) keeps everything from t=0 and sends its pulls whole.
    expect(after).toMatchObject({ ok: true, oldestKeptSeq: 1 });
  });
});
