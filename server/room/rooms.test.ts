// Rooms: bounded count, idle rooms dropped (never the default), capped history reported in the snapshot,
// one batch per tick carrying everything since the last one.
import { describe, expect, it } from 'vitest';
import type { EventBatch, PlaybackState, SimSnapshot } from '../../shared/protocol/messages.ts';
import { silentLogger } from '../log.ts';
import { RoomRegistry } from './rooms.ts';
import { createFakeEngine, restoreFakeEngine } from '../testing/fakeEngine.ts';

function registry(overrides: { maxRooms?: number; roomIdleMs?: number; maxHistoryEvents?: number } = {}) {
  let wallMs = 0;
  const batches: EventBatch[] = [];
  const snapshots: SimSnapshot[] = [];
  const playbacks: PlaybackState[] = [];
  const rooms = new RoomRegistry({
    createEngine: createFakeEngine,
    restoreEngine: restoreFakeEngine,
    now: () => wallMs,
    broadcast: { events: (_r, b) => batches.push(b), snapshot: (_r, s) => snapshots.push(s), playback: (_r, p) => playbacks.push(p) },
    logger: silentLogger(),
    maxRooms: 3,
    roomIdleMs: 60_000,
    maxHistoryEvents: 1_000,
    autoTick: false,
    ...overrides,
  });
  const run = (wallMsToRun: number) => {
    for (let t = 0; t < wallMsToRun; t += 50) {
      wallMs += 50;
      rooms.tickAll();
    }
  };
  return { rooms, batches, snapshots, playbacks, run, advance: (ms: number) => (wallMs += ms) };
}

describe('RoomRegistry', () => {
  it('starts with the default room and bounds the number of rooms', () => {
    const { rooms } = registry();
    expect(rooms.names()).toEqual(['default']);
    expect(rooms.getOrCreate('a')).toMatchObject({ ok: true, created: true });
    expect(rooms.getOrCreate('a')).toMatchObject({ ok: true, created: false });
    expect(rooms.getOrCreate('b').ok).toBe(true);
    const refused = rooms.getOrCreate('c');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/at most 3 rooms/);
  });

  it('drops rooms that stayed empty for the idle time, never the default room or an occupied one', () => {
    const { rooms, advance } = registry();
    const a = rooms.getOrCreate('a');
    const b = rooms.getOrCreate('b');
    if (!a.ok || !b.ok) throw new Error('rooms not created');
    b.room.presence.add();
    advance(30_000);
    expect(rooms.sweep()).toEqual([]);
    advance(31_000);
    expect(rooms.sweep()).toEqual(['a']);
    expect(rooms.names().sort()).toEqual(['b', 'default']);
    b.room.presence.remove();
    advance(61_000);
    expect(rooms.sweep()).toEqual(['b']);
    expect(rooms.names()).toEqual(['default']);
  });
});

describe('Room', () => {
  it('flushes one batch per tick with every event since the previous one', () => {
    const { rooms, batches, run } = registry();
    const room = rooms.get('default')!;
    room.control({ action: 'speed', speed: 100 });
    run(1_000);
    expect(batches.length).toBeGreaterThan(5);
    let next = 1;
    for (const b of batches) {
      expect(b.fromSeq).toBe(next);
      expect(b.events.length).toBe(b.toSeq - b.fromSeq + 1);
      next = b.toSeq + 1;
    }
    expect(next - 1).toBe(room.engine.lastSeq);
  });

  it('sends a playback heartbeat about once a second while someone watches, so clocks stay true when nothing happens', () => {
    const { rooms, playbacks, run } = registry();
    const room = rooms.get('default')!;
    run(3_000);
    expect(playbacks).toHaveLength(0);
    room.presence.add();
    run(3_000);
    expect(playbacks.length).toBeGreaterThanOrEqual(3);
    expect(playbacks.length).toBeLessThanOrEqual(4);
    const times = playbacks.map((p) => p.simTimeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)!).toBeGreaterThan(room.engine.simTimeMs - 1_000 * 4);
  });

  it('caps the history and says in the snapshot how many old events were trimmed', () => {
    const { rooms, run } = registry({ maxHistoryEvents: 100 });
    const room = rooms.get('default')!;
    room.control({ action: 'speed', speed: 100 });
    run(10_000);
    const snap = room.snapshot();
    expect(snap.lastSeq).toBeGreaterThan(300);
    expect(snap.events.length).toBeGreaterThanOrEqual(100);
    expect(snap.events.length).toBeLessThanOrEqual(110);
    expect(snap.historyTrimmed).toBe(snap.lastSeq - snap.events.length);
    expect(snap.events[0].seq).toBe(snap.historyTrimmed! + 1);
    expect(snap.events.at(-1)!.seq).toBe(snap.lastSeq);
  });

  it('a reset that the engine refuses leaves the room as it was', () => {
    let calls = 0;
    const rooms = new RoomRegistry({
      createEngine: (o) => {
        if (++calls > 1) throw new Error('no such cluster');
        return createFakeEngine(o);
      },
      restoreEngine: restoreFakeEngine,
      now: () => 0, broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined },
      logger: silentLogger(), maxRooms: 2, roomIdleMs: 1, maxHistoryEvents: 10, autoTick: false,
    });
    const room = rooms.get('default')!;
    const ack = room.control({ action: 'reset', seed: 9 });
    expect(ack).toEqual({ ok: false, error: 'could not start the simulation: no such cluster' });
    expect(room.seed).toBe(1);
    expect(room.epoch).toBe(0);
  });
});
