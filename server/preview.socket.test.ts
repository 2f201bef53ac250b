// sim:preview over a real socket.io connection with the real engine: the answer equals what the room then does,
// and a flood (bursts, huge horizons, malformed payloads, many sockets) gets error acks while the server stays up
// and the room's simulation is untouched. The clock is fake, so the token buckets refill only when we say.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../shared/engine/types.ts';
import type { PreviewOutcome } from '../shared/engine/preview.ts';
import { PREVIEW_MAX_HORIZON_MS as ENGINE_MAX_HORIZON_MS } from '../shared/engine/preview.ts';
import { restoreEngine } from '../shared/engine/index.ts';
import { PREVIEW_MAX_HORIZON_MS } from '../shared/protocol/schemas.ts';
import { PREVIEW_BURST, PREVIEW_ROOM_BURST } from './handlers/preview.ts';
import { request } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const env = useRealSocketRoom();
const { joined, defaultRoom, runRoom } = env;


it('uses the same horizon bound in the protocol schema and the engine', () => {
  expect(PREVIEW_MAX_HORIZON_MS).toBe(ENGINE_MAX_HORIZON_MS);
});

describe('sim:preview', () => {
  it('answers the first change of every unit and the cluster rule, and the room then does exactly that', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 7 * 60_000);
    const fault: Fault = { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' };
    const lastSeq = room.engine.lastSeq;
    const answer = await request<PreviewOutcome>(socket, 'sim:preview', { fault });
    if (!answer.ok) throw new Error(answer.error);
    expect(room.engine.lastSeq).toBe(lastSeq);
    expect(answer.affected.length).toBeGreaterThan(0);
    expect(answer.summary).toMatch(/^\d+ units? fails?, cluster Unhealthy after \d+ s, API /);

    expect((await request(socket, 'fault:inject', fault)).ok).toBe(true);
    runRoom(room, answer.untilMs);
    const events = room.snapshot().events.filter((e) => e.seq > lastSeq && e.simTimeMs <= answer.untilMs);
    const first = new Map<string, { node: string; unit: string; to: string; atMs: number }>();
    for (const e of events) if (e.type === 'unit' && !first.has(`${e.node}/${e.unit}`)) first.set(`${e.node}/${e.unit}`, { node: e.node, unit: e.unit, to: e.to, atMs: e.simTimeMs });
    expect(answer.affected).toEqual([...first.values()]);
    const lastChange = events.filter((e) => e.type === 'cluster').reduce<{ health: string; atMs: number } | null>(
      (acc, e) => (e.type === 'cluster' && e.health !== (acc?.health ?? 'healthy') ? { health: e.health, atMs: e.simTimeMs } : acc), null);
    expect(answer.cluster).toEqual(lastChange ?? { health: 'healthy', atMs: answer.fromMs });
  });

  it('rejects a fault the engine would reject, with the same error, and asks for a joined room', async () => {
    const lonely = await env.connected();
    expect(await request(lonely, 'sim:preview', { fault: { kind: 'clear' } })).toEqual({ ok: false, error: expect.stringMatching(/join a room first/) });
    const socket = await joined();
    const bad = await request(socket, 'sim:preview', { fault: { kind: 'kill', node: 'master-1', unit: 'dcos-nope' } });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/unknown unit 'dcos-nope'/) });
    // Applicability is checked against the room's state now: agent-1 is not partitioned, so it cannot be healed.
    const expected = restoreEngine(defaultRoom().engine.snapshot()).inject({ kind: 'heal', node: 'agent-1' });
    expect(expected.ok).toBe(false);
    expect(await request(socket, 'sim:preview', { fault: { kind: 'heal', node: 'agent-1' } })).toEqual(expected);
  });
});

describe('a flood of sim:preview', () => {
  it('gets error acks (rate limit, bad horizon, malformed payloads); the server stays up and the room untouched', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 7 * 60_000);
    const before = { lastSeq: room.engine.lastSeq, simTimeMs: room.engine.simTimeMs, view: JSON.stringify(room.engine.view()) };

    const fault: Fault = { kind: 'crash', node: 'master-2' };
    const malformed: unknown[][] = [
      [{ fault, horizonMs: 1e12 }], [{ fault, horizonMs: PREVIEW_MAX_HORIZON_MS + 1 }], [{ fault, horizonMs: 0 }], [{ fault, horizonMs: 2.5 }],
      [{ fault, horizonMs: 'forever' }], [null], ['crash'], [[fault]], [{ fault: { kind: 'explode' } }], [{ fault, extra: true }],
      [{ fault: { ...fault, node: 'x'.repeat(10_000) } }], [{ fault }, { fault }], [],
    ];
    const valid = Array.from({ length: 20 }, (_, i) => [{ fault: i % 2 ? fault : { kind: 'kill', node: 'master-3', unit: 'dcos-marathon' }, horizonMs: PREVIEW_MAX_HORIZON_MS }]);
    const acks = await Promise.all([...malformed, ...valid].map((payload) => request(socket, 'sim:preview', ...payload)));

    const errors = acks.flatMap((a) => (a.ok ? [] : [a.error]));
    for (const a of acks.slice(0, malformed.length)) expect(a.ok).toBe(false);
    expect(acks.filter((a) => a.ok)).toHaveLength(PREVIEW_BURST);
    expect(errors.filter((e) => /^invalid 'sim:preview' payload|takes one payload/.test(e))).toHaveLength(malformed.length);
    expect(errors.filter((e) => /^rate limit: at most 2 previews per second/.test(e))).toHaveLength(valid.length - PREVIEW_BURST);
    expect(errors.find((e) => /horizonMs/.test(e))).toMatch(/horizonMs must be at most 1800000 ms/);

    // Past the general command burst too: still one error ack each, nothing computed.
    const more = await Promise.all(Array.from({ length: 30 }, () => request(socket, 'sim:preview', { fault })));
    expect(more.every((a) => !a.ok && /^rate limit/.test(a.error))).toBe(true);

    expect(room.engine.lastSeq).toBe(before.lastSeq);
    expect(room.engine.simTimeMs).toBe(before.simTimeMs);
    expect(JSON.stringify(room.engine.view())).toBe(before.view);

    env.clock += 10_000; // the buckets refill: the server answers again
    expect((await request(socket, 'sim:preview', { fault })).ok).toBe(true);
    expect((await request(socket, 'sim:explain', { node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);
  });

  it('many sockets share one room budget; answers for the same moment come from the cache', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => joined()));
    runRoom(defaultRoom(), 7 * 60_000);
    const units = ['dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-history', 'dcos-signal', 'dcos-adminrouter'];
    const acks = [];
    for (const [i, c] of clients.entries()) {
      acks.push(...(await Promise.all(units.map((unit) => request(c, 'sim:preview', { fault: { kind: 'kill', node: `master-${1 + (i % 3)}`, unit } })))));
    }
    const roomLimited = acks.filter((a) => !a.ok && /this room computes at most/.test(a.error));
    // 4 sockets x 6 previews: 18 distinct (the 4th socket repeats the 1st's, served from the cache).
    expect(acks.filter((a) => a.ok).length).toBe(PREVIEW_ROOM_BURST + units.length);
    expect(roomLimited).toHaveLength(18 - PREVIEW_ROOM_BURST);
  });
});
