// The socket client against a fake socket: it joins the room from the URL, asks for a snapshot on a gap,
// turns refused commands into toasts the teacher can read, and never hangs on a silent server.
import { describe, expect, it, vi } from 'vitest';
import type { SimEvent } from '../shared/protocol/types.ts';
import { EventScript, viewFor } from './store/timelineModel.fixture.ts';
import { createSocketClient, type SocketPort } from './socket.ts';
import { createBootStore } from './store/store.ts';
import { FakeSocket } from './testing/fakeSocket.ts';


function setup(room?: string) {
  const fake = new FakeSocket();
  const store = createBootStore();
  const client = createSocketClient(fake as unknown as SocketPort, store, { room, now: () => 0 });
  return { fake, store, client };
}

function events(): SimEvent[] {
  const s = new EventScript();
  for (let i = 0; i < 6; i++) s.unit(i * 100, 'master-1', 'dcos-exhibitor', 'pending', 'waiting');
  return s.events;
}

function snapshotOf(evts: SimEvent[]) {
  return {
    room: 'class-a', lastSeq: evts.at(-1)!.seq, simTimeMs: 0, seed: 1, cluster: { masters: 3, agents: 2, publicAgents: 0 },
    speed: 1, paused: false, scenario: null, view: viewFor(3, 2), events: evts, epoch: 4,
  };
}

describe('socket client', () => {
  it('joins the requested room on connect and marks the connection live', () => {
    const { fake, store } = setup('class-a');
    fake.answers['sim:join'] = { ok: true, room: 'class-a', lastSeq: 0 };
    fake.fire('connect');
    expect(fake.sent).toEqual([{ event: 'sim:join', payload: { room: 'class-a' } }]);
    expect(store.getState().connection).toBe('connected');
  });

  it('asks for a snapshot (once) when it sees a gap, then continues from the snapshot', () => {
    const { fake, store, client } = setup();
    const evts = events();
    fake.fire('sim:snapshot', snapshotOf(evts.slice(0, 2)));
    fake.fire('sim:events', { epoch: 4, fromSeq: 4, toSeq: 4, simTimeMs: 300, events: [evts[3]] });
    fake.fire('sim:events', { epoch: 4, fromSeq: 5, toSeq: 5, simTimeMs: 400, events: [evts[4]] });
    expect(fake.sent.filter((s) => s.event === 'sim:resync')).toHaveLength(1);
    expect(client.stats).toMatchObject({ resync: 1, ignored: 1 });
    fake.fire('sim:snapshot', snapshotOf(evts.slice(0, 5)));
    fake.fire('sim:events', { epoch: 4, fromSeq: 6, toSeq: 6, simTimeMs: 500, events: [evts[5]] });
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('shows a refused command as a toast with the server message and resolves the promise', async () => {
    const { fake, store, client } = setup();
    fake.answers['fault:inject'] = { ok: false, error: "unknown unit 'dcos-foo' on master-1" };
    const result = await client.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-foo' });
    expect(result.ok).toBe(false);
    expect(store.getState().toasts.map((t) => t.text)).toEqual(["unknown unit 'dcos-foo' on master-1"]);
  });

  it('turns an unanswered command into a readable timeout error', async () => {
    const { fake, store, client } = setup();
    fake.answers['sim:control'] = 'timeout';
    const result = await client.control({ action: 'pause' });
    expect(result).toEqual({ ok: false, error: 'the server did not answer within 5 s' });
    expect(store.getState().toasts).toHaveLength(1);
  });

  it('reports reconnecting on a dropped connection and offline when the server is unreachable', () => {
    const { fake, store } = setup();
    fake.fire('disconnect', 'transport close');
    expect(store.getState().connection).toBe('reconnecting');
    fake.fire('connect_error', new Error('refused'));
    expect(store.getState().connection).toBe('offline');
    fake.ioHandlers.get('reconnect_attempt')!();
    expect(store.getState().connection).toBe('reconnecting');
  });

  it('keeps trying after the server closed the connection itself (restart), where socket.io would give up', () => {
    vi.useFakeTimers();
    try {
      const { fake, store } = setup();
      fake.fire('disconnect', 'io server disconnect');
      expect(store.getState().connection).toBe('reconnecting');
      expect(fake.connects).toBe(0);
      vi.advanceTimersByTime(1_000);
      expect(fake.connects).toBe(1);
      fake.fire('disconnect', 'transport close');
      vi.advanceTimersByTime(10_000);
      expect(fake.connects).toBe(1); // socket.io reconnects by itself after a transport loss
    } finally {
      vi.useRealTimers();
    }
  });

  it('a batch that cannot be applied leads to a resync instead of a half-updated view', () => {
    const { fake, store, client } = setup();
    const evts = events();
    fake.fire('sim:snapshot', snapshotOf(evts.slice(0, 2)));
    const before = store.getState();
    // A malformed payload (null where an event should be) makes the reducer throw.
    fake.fire('sim:events', { epoch: 4, fromSeq: 3, toSeq: 4, simTimeMs: 300, events: [evts[2], null] });
    expect(store.getState().view).toBe(before.view);
    expect(store.getState().log).toBe(before.log);
    expect(store.getState().awaitingSnapshot).toBe(true);
    expect(client.stats.resync).toBe(1);
    expect(fake.sent.map((s) => s.event)).toContain('sim:resync');
  });
});

describe('presenter and audience', () => {
  it('sends the key, keeps the role and the policy, and locks a viewer of a class room', () => {
    const fake = new FakeSocket();
    const store = createBootStore();
    createSocketClient(fake as unknown as SocketPort, store, { room: 'lesson', key: 'k', now: () => 0 });
    fake.answers['sim:join'] = { ok: true, room: 'lesson', lastSeq: 0, role: 'presenter', policy: { mode: 'class', studentsMayInject: false } };
    fake.fire('connect');
    expect(fake.sent[0]).toEqual({ event: 'sim:join', payload: { room: 'lesson', key: 'k' } });
    expect(store.getState().role).toBe('presenter');
    fake.fire('sim:policy', { mode: 'class', studentsMayInject: true });
    expect(store.getState().policy.studentsMayInject).toBe(true);
  });

  it('room:storage: a room the server cannot store shows why until it can again (and a new join starts clean)', () => {
    const { fake, store } = setup('lab');
    fake.fire('room:storage', { ok: false, reason: 'EROFS: read-only file system' });
    expect(store.getState().roomStorage).toBe('EROFS: read-only file system');
    fake.fire('room:storage', { ok: true });
    expect(store.getState().roomStorage).toBeNull();
    fake.fire('room:storage', { ok: false, reason: 'ENOSPC' });
    fake.fire('connect');
    expect(store.getState().roomStorage).toBeNull();
  });

  it('a refused key is forgotten and the page joins as a viewer', () => {
    const fake = new FakeSocket();
    const store = createBootStore();
    const onWrongKey = vi.fn();
    createSocketClient(fake as unknown as SocketPort, store, { key: 'stale', onWrongKey, now: () => 0 });
    fake.answers['sim:join'] = { ok: false, error: "wrong presenter key for room 'default'" };
    fake.fire('connect');
    expect(onWrongKey).toHaveBeenCalledOnce();
    expect(fake.sent.map((s) => s.payload)).toEqual([{ key: 'stale' }, {}]);
    expect(store.getState().toasts.some((t) => /joining as a viewer/.test(t.text))).toBe(true);
  });

  it("a student's name goes with every join, the one set later too, so a reconnect keeps who did what", async () => {
    const fake = new FakeSocket();
    const store = createBootStore();
    const client = createSocketClient(fake as unknown as SocketPort, store, { room: 'lesson', name: 'Ana', now: () => 0 });
    fake.answers['sim:join'] = { ok: true, room: 'lesson', lastSeq: 0, role: 'viewer', policy: { mode: 'class', studentsMayInject: false } };
    fake.fire('connect');
    fake.answers['viewer:name'] = { ok: true, name: 'Ana B' };
    expect(await client.setName('  Ana B ')).toEqual({ ok: true, name: 'Ana B' });
    fake.answers['viewer:name'] = { ok: false, error: 'name must not be empty' };
    expect(await client.setName('')).toEqual({ ok: false, error: 'name must not be empty' });
    fake.fire('disconnect', 'transport close');
    fake.fire('connect');
    expect(fake.sent.filter((s) => s.event === 'sim:join').map((s) => s.payload)).toEqual([{ room: 'lesson', name: 'Ana' }, { room: 'lesson', name: 'Ana B' }]);
    // A refused name is the field's business, not a toast.
    expect(store.getState().toasts).toEqual([]);
  });

  it("an injected fault resolves once the store holds its events up to the ack's lastSeq", async () => {
    const { fake, store, client } = setup();
    const evts = events();
    fake.fire('sim:snapshot', snapshotOf(evts.slice(0, 4)));
    fake.answers['fault:inject'] = { ok: true, lastSeq: 6 };
    let settled = false;
    const injected = client.inject({ kind: 'kill', node: 'master-1', unit: 'dcos-exhibitor' }).then((r) => ((settled = true), r));
    await Promise.resolve();
    expect(settled).toBe(false);
    fake.fire('sim:events', { epoch: 4, fromSeq: 5, toSeq: 6, simTimeMs: 500, events: evts.slice(4, 6) });
    expect(await injected).toEqual({ ok: true, lastSeq: 6 });
    expect(store.getState().lastSeq).toBe(6);
    expect(fake.sent.filter((s) => s.event === 'sim:resync')).toHaveLength(0);
  });

  it('resyncs when the events an ack promised never come (a lost last batch in a paused room shows no gap)', async () => {
    vi.useFakeTimers();
    try {
      const { fake, client } = setup();
      fake.fire('sim:snapshot', snapshotOf(events().slice(0, 4)));
      fake.answers['fault:inject'] = { ok: true, lastSeq: 6 };
      const injected = client.inject({ kind: 'kill', node: 'master-1', unit: 'dcos-exhibitor' });
      await vi.runAllTimersAsync();
      expect(await injected).toEqual({ ok: true, lastSeq: 6 });
      expect(fake.sent.filter((s) => s.event === 'sim:resync')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
