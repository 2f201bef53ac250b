// sim:rewind and sim:fork over a real socket.io connection: the acks of the contract, clear errors for bad
// moments, and a flood (bad payloads, bursts, forks past the room limit) that gets error acks while the server
// stays up and the parent room is untouched. The clock is fake, so token buckets refill only when we say.
import { describe, expect, it } from 'vitest';
import { request } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const env = useRealSocketRoom();
const { joined, defaultRoom, runRoom } = env;


describe('sim:rewind and sim:fork over the socket', () => {
  it('acks {ok, epoch, simTimeMs} for a rewind and {ok, room, key} for a fork', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 60_000);
    const rewind = await request<{ epoch: number; simTimeMs: number }>(socket, 'sim:rewind', { simTimeMs: 30_000 });
    expect(rewind).toEqual({ ok: true, epoch: 1, simTimeMs: 30_000 });
    const fork = await request<{ room: string; key: string }>(socket, 'sim:fork', { simTimeMs: 10_000 });
    expect(fork.ok).toBe(true);
    if (fork.ok) {
      expect(fork.room).toBe('default-fork-1');
      expect(fork.key).toMatch(/^[0-9a-f]{32}$/);
      expect(env.server.app.rooms.get(fork.room)?.engine.simTimeMs).toBe(10_000);
    }
  });

  it('answers a flood of bad moments, bad payloads and too many forks with errors; the room is untouched', async () => {
    const socket = await joined();
    const room = defaultRoom();
    runRoom(room, 120_000);
    const lastSeq = room.engine.lastSeq;
    const bad = [{ simTimeMs: -5 }, { simTimeMs: 1.5 }, { simTimeMs: 'now' }, { simTimeMs: 1e300 }, { extra: 1 }, null, [], 'x'];
    for (const payload of bad) {
      const ack = await request(socket, 'sim:rewind', payload);
      expect(ack.ok).toBe(false);
    }
    const future = await request(socket, 'sim:rewind', { simTimeMs: 10 * 60 * 60_000 });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatch(/allowed a whole number from 0 to 120000/);
    // Bursts past the per-socket branch budget are refused, not queued.
    const acks = await Promise.all(Array.from({ length: 12 }, () => request(socket, 'sim:fork', {})));
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(9);
    expect(refused.some((a) => !a.ok && /rate limit/.test(a.error))).toBe(true);
    expect(room.engine.lastSeq).toBe(lastSeq);
    expect(room.epoch).toBe(0);
    // Still answering.
    expect((await request(socket, 'sim:resync', {})).ok).toBe(true);
  });
});
