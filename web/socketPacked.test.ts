// The socket client with packed snapshots against a fake socket: it asks for them on join, applies what
// arrives while one inflates after it, in order, and falls back to plain snapshots when one does not inflate.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../shared/protocol/types.ts';
import { EventScript, viewFor } from './store/timelineModel.fixture.ts';
import { createSocketClient, type SocketPort } from './socket.ts';
import { createBootStore } from './store/store.ts';
import { FakeSocket } from './testing/fakeSocket.ts';


function setup(room?: string) {
  const fake = new FakeSocket();
  const store = createBootStore();
  const client = createSocketClient(fake as unknown as SocketPort, store, { room, now: () => 0, packSnapshots: true });
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


async function pack(value: unknown) {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const data = new Uint8Array(await new Response(stream).arrayBuffer());
  return { encoding: 'deflate-raw', room: 'class-a', epoch: 4, lastSeq: 0, jsonBytes: json.length, data };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('socket client with packed snapshots', () => {
  it('asks for packed snapshots on join', () => {
    const { fake } = setup('class-a');
    fake.answers['sim:join'] = { ok: true, room: 'class-a', lastSeq: 0 };
    fake.fire('connect');
    expect(fake.sent).toEqual([{ event: 'sim:join', payload: { room: 'class-a', snapshotEncoding: 'deflate-raw' } }]);
  });

  it('applies a packed snapshot, and the batches that came while it inflated after it, in order', async () => {
    const { fake, store, client } = setup();
    const evts = events();
    fake.fire('sim:packedSnapshot', await pack(snapshotOf(evts.slice(0, 3))));
    fake.fire('sim:events', { epoch: 4, fromSeq: 4, toSeq: 4, simTimeMs: 300, events: [evts[3]] });
    fake.fire('sim:events', { epoch: 4, fromSeq: 5, toSeq: 5, simTimeMs: 400, events: [evts[4]] });
    expect(store.getState().log).toHaveLength(0);
    await settle();
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(client.stats).toMatchObject({ resync: 0, applied: 2 });
    // Once nothing inflates, batches apply at once again.
    fake.fire('sim:events', { epoch: 4, fromSeq: 6, toSeq: 6, simTimeMs: 500, events: [evts[5]] });
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a plain snapshot after a packed one waits for it, so the newest wins', async () => {
    const { fake, store } = setup();
    const evts = events();
    fake.fire('sim:packedSnapshot', await pack(snapshotOf(evts.slice(0, 2))));
    fake.fire('sim:snapshot', snapshotOf(evts.slice(0, 5)));
    await settle();
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a packed snapshot that does not inflate is a toast and a plain join, never a crash', async () => {
    const { fake, store } = setup('class-a');
    fake.answers['sim:join'] = { ok: true, room: 'class-a', lastSeq: 0 };
    for (const bad of [null, { encoding: 'deflate-raw', jsonBytes: 10, data: new Uint8Array([9, 9, 9]) }, { ...(await pack([1])), room: 'class-a' }]) {
      expect(() => fake.fire('sim:packedSnapshot', bad)).not.toThrow();
    }
    await settle();
    const joins = fake.sent.filter((s) => s.event === 'sim:join');
    expect(joins.length).toBeGreaterThanOrEqual(1);
    expect(joins.every((j) => !('snapshotEncoding' in (j.payload as object)))).toBe(true);
    expect(store.getState().toasts[0]?.text).toMatch(/uncompressed/);
    // The page still works on plain snapshots.
    fake.fire('sim:snapshot', snapshotOf(events().slice(0, 2)));
    expect(store.getState().log).toHaveLength(2);
  });
});
