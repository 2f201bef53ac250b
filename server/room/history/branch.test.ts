// Rewind and fork as a teacher uses them: go back to just before the quorum broke (for everyone) and try again, or
// branch a what-if into a new room. Both start from the room's recording; the parent of a fork is never touched.
// Real engine, fake wall clock, no sockets (server/branch.socket.test.ts floods the commands).
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../../shared/engine/index.ts';
import { createScriptPlayer } from '../../../shared/engine/script.ts';
import type { SimEvent } from '../../../shared/engine/types.ts';
import { ndjsonLine } from '../../cli/run.ts';
import { silentLogger } from '../../log.ts';
import { RoomRegistry } from '../rooms.ts';
import type { Room } from '../room.ts';
import { freshReplay } from '../../testing/realRoom.ts';

const MIN = 60_000;

function setup() {
  let wallMs = 0;
  const rooms = new RoomRegistry({
    createEngine, restoreEngine, now: () => wallMs, logger: silentLogger(), maxRooms: 4, roomIdleMs: 60_000,
    maxHistoryEvents: 200_000, autoTick: false, broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined },
  });
  const room = rooms.get('default')!;
  room.control({ action: 'speed', speed: 100 });
  const runTo = (r: Room, simMs: number) => {
    while (r.engine.simTimeMs < simMs) {
      wallMs += 50;
      r.tick();
    }
  };
  return { rooms, room, runTo };
}

/** A room that boots, loses quorum at ~8:00 (two Exhibitors stopped) and runs to ~11:00. */
function brokenRoom() {
  const s = setup();
  s.runTo(s.room, 8 * MIN);
  for (const node of ['master-2', 'master-3']) expect(s.room.inject({ kind: 'stop', node, unit: 'dcos-exhibitor' }).ok).toBe(true);
  s.runTo(s.room, 11 * MIN);
  return s;
}

const lines = (events: readonly SimEvent[]) => events.map(ndjsonLine);

describe('sim:rewind', () => {
  it('goes back to just before the quorum broke, for everyone, paused, with later history dropped', () => {
    const { room } = brokenRoom();
    const before = room.snapshot();
    const faultAt = before.events.find((e) => e.type === 'fault')!.simTimeMs;
    const ack = room.rewind(faultAt - 1_000);
    expect(ack).toEqual({ ok: true, epoch: before.epoch + 1, simTimeMs: faultAt - 1_000 });
    const after = room.snapshot();
    expect(after.paused).toBe(true);
    expect(after.simTimeMs).toBe(faultAt - 1_000);
    expect(after.view.quorum.have).toBe(3);
    expect(after.view.faults).toEqual([]);
    expect(after.events.every((e) => e.simTimeMs <= faultAt - 1_000)).toBe(true);
    expect(lines(after.events)).toEqual(lines(before.events.filter((e) => e.seq <= after.lastSeq)));
    expect(room.recording().steps.some((s) => s.fault !== undefined)).toBe(false);
  });

  it('rewound, then given the same commands, produces the same log', () => {
    const { room } = brokenRoom();
    const original = room.snapshot();
    const recording = room.recording();
    const t0 = 7 * MIN;
    expect(room.rewind(t0).ok).toBe(true);
    const kept = room.snapshot().events;
    // The same commands after t0, at their times, on the rewound room's own engine.
    const later = createScriptPlayer(recording.steps.filter((s) => s.atMs > t0)).advanceTo(room.engine, original.simTimeMs).events;
    expect(lines([...kept, ...later])).toEqual(lines(original.events));
  });

  it('equals a fresh replay of the recording to that moment, and keeps recording from there', () => {
    const { room, runTo } = brokenRoom();
    expect(room.rewind(9 * MIN).ok).toBe(true);
    expect(JSON.stringify(room.engine.view())).toBe(JSON.stringify(freshReplay(room.recording(), 9 * MIN).view()));
    room.control({ action: 'resume' });
    expect(room.inject({ kind: 'start', node: 'master-2', unit: 'dcos-exhibitor' }).ok).toBe(true);
    runTo(room, 12 * MIN);
    expect(JSON.stringify(room.engine.view())).toBe(JSON.stringify(freshReplay(room.recording(), room.engine.simTimeMs).view()));
  });

  it('refuses moments that are not in this epoch, with the allowed range, and changes nothing', () => {
    const { room } = brokenRoom();
    const before = room.snapshot();
    for (const bad of [-1, 1.5, before.simTimeMs + 1, Number.MAX_SAFE_INTEGER]) {
      const ack = room.rewind(bad);
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error).toMatch(/allowed a whole number from 0 to \d+/);
    }
    expect(room.snapshot().lastSeq).toBe(before.lastSeq);
    expect(room.epoch).toBe(before.epoch);
  });
});

describe('sim:fork', () => {
  it('starts a new, paused room from a past moment and leaves the parent untouched', () => {
    const { rooms, room } = brokenRoom();
    const parent = room.snapshot();
    const parentRecording = JSON.stringify(room.recording());
    const t0 = 7 * MIN + 30_000;
    const forked = rooms.fork('default', t0);
    expect(forked.ok).toBe(true);
    if (!forked.ok) return;
    expect(forked.key).toMatch(/^[0-9a-f]{32}$/);
    const child = forked.room.snapshot();
    expect(child.room).toBe('default-fork-1');
    expect(child.forkOf).toEqual({ room: 'default', atMs: t0 });
    expect(child.paused).toBe(true);
    expect(child.simTimeMs).toBe(t0);
    expect(lines(child.events)).toEqual(lines(parent.events.filter((e) => e.seq <= child.lastSeq)));
    // The parent: same log, same recording, same time.
    const again = room.snapshot();
    expect(again.lastSeq).toBe(parent.lastSeq);
    expect(JSON.stringify(again.view)).toBe(JSON.stringify(parent.view));
    expect(JSON.stringify(room.recording())).toBe(parentRecording);
    // What the fork does from now on stays in the fork.
    expect(forked.room.inject({ kind: 'crash', node: 'master-1' }).ok).toBe(true);
    expect(room.snapshot().lastSeq).toBe(parent.lastSeq);
  });

  it('defaults to now, names forks uniquely, and counts against the room limit', () => {
    const { rooms, room } = brokenRoom();
    const a = rooms.fork('default');
    const b = rooms.fork('default');
    expect(a.ok && a.room.engine.simTimeMs).toBe(room.engine.simTimeMs);
    expect(b.ok && b.room.name).toBe('default-fork-2');
    rooms.fork('default');
    const over = rooms.fork('default');
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).toMatch(/room limit/);
    expect(rooms.fork('nowhere').ok).toBe(false);
  });
});
