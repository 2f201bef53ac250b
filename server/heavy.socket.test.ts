// Heavy commands over a real socket (handlers/heavy.ts): resets sent in one turn coalesce (only the last runs, the
// others are told they were replaced), a room's heavy budget refuses the rest at once without touching the room, the
// per-address budget spans sockets and rooms, and a refused heavy command still costs its sender more than one token.
import { describe, expect, it } from 'vitest';
import type { Ack } from '../shared/protocol/messages.ts';
import type { DEFAULT_LIMITS } from './deps.ts';
import { request, type ClientSocket, type TestServer } from './testing/harness.ts';
import { useServerPerTest } from './testing/serverPerTest.ts';

const t = useServerPerTest();

let clock = 0;
async function start(limits: Partial<typeof DEFAULT_LIMITS> = {}): Promise<TestServer> {
  clock = 1_000_000;
  await t.start({ now: () => clock, autoTick: false, limits });
  return t.server;
}

async function joined(room = 'default'): Promise<ClientSocket> {
  const socket = await t.connect();
  expect((await request(socket, 'sim:join', { room })).ok).toBe(true);
  return socket;
}

/** Emits without waiting, so several commands leave in the same turn; resolves to their answers in order. */
function burst(socket: ClientSocket, count: number, payload: (i: number) => object): Promise<Ack[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => request(socket, 'sim:control', payload(i))));
}

describe('heavy commands', () => {
  it('resets sent in the same turn coalesce: the last one runs, the others are told they were replaced', async () => {
    await start();
    const socket = await joined();
    const before = t.server.app.rooms.get('default')!.epoch;
    const answers = await burst(socket, 3, (i) => ({ action: 'reset', seed: 10 + i }));
    expect(answers.map((a) => a.ok)).toEqual([false, false, true]);
    expect(answers[0]).toMatchObject({ error: expect.stringMatching(/replaced by a reset/) });
    const room = t.server.app.rooms.get('default')!;
    expect(room.seed).toBe(12);
    expect(room.epoch).toBe(before + 1);
  });

  it("a room's heavy budget refuses the rest at once, leaving the room as it was", async () => {
    await start({ heavyPerRoomPerSecond: 1, heavyRoomBurst: 2, commandBurst: 1_000, heavyPerAddressPerSecond: 100, heavyAddressBurst: 100 });
    const a = await joined();
    const b = await joined();
    expect((await request(a, 'sim:control', { action: 'reset', seed: 2 })).ok).toBe(true);
    expect((await request(b, 'sim:control', { action: 'reset', seed: 3 })).ok).toBe(true);
    const epoch = t.server.app.rooms.get('default')!.epoch;
    const refused = await request(a, 'sim:control', { action: 'reset', seed: 4 });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/room 'default' takes at most 1 resets/) });
    expect(t.server.app.rooms.get('default')!.epoch).toBe(epoch);
    clock += 1_000;
    expect((await request(b, 'sim:control', { action: 'reset', seed: 5 })).ok).toBe(true);
    // Other commands are not heavy: pausing still works.
    expect((await request(a, 'sim:control', { action: 'pause' })).ok).toBe(true);
  });

  it('the per-address budget spans sockets and rooms', async () => {
    await start({ heavyPerAddressPerSecond: 1, heavyAddressBurst: 2, commandBurst: 1_000 });
    const answers: Ack[] = [];
    for (const room of ['r1', 'r2', 'r3']) answers.push(await request(await joined(room), 'sim:control', { action: 'reset', seed: 7 }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, false]);
    expect(answers[2]).toMatchObject({ error: expect.stringMatching(/your address may send at most 1/) });
  });

  it('a recording upload counts against the same room budget (429 past it)', async () => {
    await start({ heavyPerRoomPerSecond: 1, heavyRoomBurst: 2 });
    const recording = await (await fetch(`${t.server.url}/api/rooms/default/recording`)).text();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${t.server.url}/api/rooms/default/recording`, { method: 'POST', body: recording })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a heavy command costs its sender several command tokens', async () => {
    await start({ commandsPerSecond: 1, commandBurst: 8, heavyCommandTokens: 4, heavyPerAddressPerSecond: 100, heavyAddressBurst: 100, heavyRoomBurst: 100, heavyPerRoomPerSecond: 100 });
    const socket = await t.connect();
    // The join took one token: 7 left, enough for one reset (4), not two.
    expect((await request(socket, 'sim:join', {})).ok).toBe(true);
    expect((await request(socket, 'sim:control', { action: 'reset', seed: 2 })).ok).toBe(true);
    expect(await request(socket, 'sim:control', { action: 'reset', seed: 3 })).toMatchObject({ ok: false, error: expect.stringMatching(/costs 4 commands/) });
  });
});
