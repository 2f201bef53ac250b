// Explain at a past moment and "skip quiet" over a real socket.io connection, as a class uses them: a viewer
// looking back at a stopped unit's moment gets the explanation as it was then (not now); bad moments, bad payloads
// and floods get clear error acks while the server keeps answering and the room is untouched; one click on
// "skip quiet" runs the room to the next mark and acks the new playback state. The clock is fake.
import { describe, expect, it } from 'vitest';
import type { ExplainStep } from '../shared/engine/types.ts';
import type { PlaybackState } from '../shared/protocol/messages.ts';
import { EXPLAIN_AT_BURST } from './handlers/pastExplain.ts';
import { request } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const env = useRealSocketRoom();
const { joined, defaultRoom, runRoom } = env;

type Explained = { chain: ExplainStep[] };
const EXHIBITOR = { node: 'master-1', unit: 'dcos-exhibitor' };


describe('sim:explain at a past moment', () => {
  it('explains a unit as it was before it was stopped, while now it is explained by the stop', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 400_000);
    expect((await request(socket, 'fault:inject', { kind: 'stop', ...EXHIBITOR })).ok).toBe(true);
    runRoom(room, 420_000);
    const now = await request<Explained>(socket, 'sim:explain', EXHIBITOR);
    const before = await request<Explained>(socket, 'sim:explain', { ...EXHIBITOR, at: 380_000 });
    expect(now.ok && before.ok).toBe(true);
    if (!now.ok || !before.ok) return;
    expect(now.chain.some((s) => s.ref.startsWith('fault:'))).toBe(true);
    expect(before.chain.some((s) => s.ref.startsWith('fault:'))).toBe(false);
    // Same answer as an engine rebuilt at that moment by hand.
    expect(before.chain).toEqual(room.tape.engineAt(380_000).explain(EXHIBITOR.node, EXHIBITOR.unit));
  });

  it('answers bad moments and a flood with clear errors; the server answers and the room is untouched', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 120_000);
    const lastSeq = room.engine.lastSeq;
    const bad = [{ at: -1 }, { at: 1.5 }, { at: 'then' }, { at: 1e300 }, { at: null }];
    for (const extra of bad) {
      const ack = await request(socket, 'sim:explain', { ...EXHIBITOR, ...extra });
      expect(ack.ok, JSON.stringify(extra)).toBe(false);
    }
    const future = await request(socket, 'sim:explain', { ...EXHIBITOR, at: 200_000 });
    expect(!future.ok && future.error).toMatch(/^at 200000 is not a moment of room 'default': allowed a whole number from 0 to 120000/);
    const unknown = await request(socket, 'sim:explain', { node: 'master-9', unit: 'dcos-exhibitor', at: 1_000 });
    expect(!unknown.ok && unknown.error).toMatch(/unknown node 'master-9'/);
    // Every distinct moment rebuilds an engine: past the socket's budget they are refused, not queued.
    const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => request(socket, 'sim:explain', { ...EXHIBITOR, at: 1_000 * (i + 1) })));
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(EXPLAIN_AT_BURST);
    expect(acks.some((a) => !a.ok && /rate limit/.test(a.error))).toBe(true);
    // Another unit at the moment just explained needs no rebuild, so it is answered even with the budget spent.
    const lastOk = acks.findLastIndex((a) => a.ok);
    expect((await request(socket, 'sim:explain', { node: 'master-1', unit: 'dcos-mesos-master', at: 1_000 * (lastOk + 1) })).ok).toBe(true);
    expect(room.engine.lastSeq).toBe(lastSeq);
    expect(room.engine.simTimeMs).toBe(120_000);
    expect((await request(socket, 'sim:resync', {})).ok).toBe(true);
  });
});

describe("sim:control {action: 'skip'}", () => {
  it('runs a paused healthy boot from 0:30 to the quorum forming and acks the new playback state', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 30_000);
    expect((await request(socket, 'sim:control', { action: 'pause' })).ok).toBe(true);
    const lastSeq = room.engine.lastSeq;
    const ack = await request<PlaybackState>(socket, 'sim:control', { action: 'skip' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.paused).toBe(true);
    expect(ack.simTimeMs).toBe(room.engine.simTimeMs);
    expect(room.eventLog().filter((e) => e.seq > lastSeq && e.simTimeMs === ack.simTimeMs).map((e) => e.type)).toContain('quorum');
  });

  it('a flood of skips is rate limited like any command and the server keeps answering', async () => {
    const socket = await joined();
    const acks = await Promise.all(Array.from({ length: 80 }, () => request(socket, 'sim:control', { action: 'skip' })));
    expect(acks.some((a) => !a.ok && /rate limit/.test(a.error))).toBe(true);
    expect((await request(socket, 'sim:control', { action: 'skip', extra: 1 })).ok).toBe(false);
    env.clock += 10_000;
    expect((await request(socket, 'sim:resync', {})).ok).toBe(true);
  });
});
