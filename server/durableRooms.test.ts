// Rooms come back from their stored records (architecture.md §8), in one process for speed: server A runs rooms on a
// fake clock with DATA_DIR set and is then abandoned without closing (what a kill -9 leaves: only the writes done so
// far); server B starts on the same directory. The restored room replays the same events under the same (epoch, seq),
// and run on to the same moment it emits exactly what A emitted: a plain room with a fault, a room in the middle of a
// scenario (its player's cursor restored), a rewound room (its epoch kept), and a class room whose presenter key still
// works though only its digest was stored. server/durableRestart.test.ts does the same with real processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimEvent } from '../shared/engine/types.ts';
import { realDeps } from './engineDeps.ts';
import { silentLogger } from './log.ts';
import type { Room } from './room/room.ts';
import { startTestServer, type TestServer } from './testing/harness.ts';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-durable-'));
  dirs.push(dir);
  return dir;
}

/** A server on `dir` whose rooms tick only when the test says, on a clock the test moves. */
async function server(dir: string, clock: { ms: number }): Promise<TestServer> {
  const started = await startTestServer({ ...realDeps(silentLogger()), now: () => clock.ms, autoTick: false, dataDir: dir });
  servers.push(started);
  return started;
}

function room(s: TestServer, name: string): Room {
  const found = s.app.rooms.get(name);
  if (found === undefined) throw new Error(`no room ${name}; rooms: ${s.app.rooms.names().join(', ')}`);
  return found;
}

/** Ticks `r` on 1 s wall steps until its simulated time reaches `simMs`; a narration that waits is continued at once. */
function runTo(r: Room, clock: { ms: number }, simMs: number): void {
  while (r.engine.simTimeMs < simMs) {
    clock.ms += 1_000;
    r.tick();
    if (r.playback().waiting === true) r.control({ action: 'resume' });
  }
}

const bytes = (events: readonly SimEvent[]) => events.map((e) => JSON.stringify(e));

describe('durable rooms', () => {
  it('a room with a fault comes back with the same events, faults and time, and carries on identically', async () => {
    const dir = dataDir();
    const clockA = { ms: 1_000_000 };
    const a = await server(dir, clockA);
    const live = room(a, 'default');
    runTo(live, clockA, 60_000);
    expect(live.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }).ok).toBe(true);
    runTo(live, clockA, 200_000);
    const crashedAt = { simTimeMs: live.engine.simTimeMs, lastSeq: live.engine.lastSeq, log: bytes(live.eventLog()) };

    const clockB = { ms: 5_000_000 };
    const b = await server(dir, clockB);
    const back = room(b, 'default');
    expect(back.epoch).toBe(live.epoch);
    expect(Math.abs(back.engine.simTimeMs - crashedAt.simTimeMs)).toBeLessThanOrEqual(1_000);
    expect(back.engine.view().faults).toEqual(live.engine.view().faults);
    // Every event it has is the one A emitted under that seq, byte for byte.
    const restored = bytes(back.eventLog());
    expect(restored.length).toBeGreaterThan(100);
    expect(restored).toEqual(crashedAt.log.slice(0, restored.length));
    // And from there it carries on as A would have.
    runTo(back, clockB, 400_000);
    runTo(live, clockA, back.engine.simTimeMs);
    expect(bytes(back.eventLog())).toEqual(bytes(live.eventLog()));
  });

  it('a room in the middle of a scenario plays the rest of it after the restart', async () => {
    const dir = dataDir();
    const clockA = { ms: 0 };
    const a = await server(dir, clockA);
    const live = room(a, 'default');
    const loaded = realDeps(silentLogger()).scenarios.load('zk-quorum-loss');
    if (!loaded.ok) throw new Error(loaded.error);
    expect(live.loadScenario(loaded.scenario)).toBeNull();
    runTo(live, clockA, 425_000); // some steps fired (420 s, 421 s), some not yet (431 s, ...)

    const clockB = { ms: 0 };
    const b = await server(dir, clockB);
    const back = room(b, 'default');
    expect(back.scenario?.name).toBe('zk-quorum-loss');
    runTo(back, clockB, 700_000);
    runTo(live, clockA, back.engine.simTimeMs);
    expect(bytes(back.eventLog())).toEqual(bytes(live.eventLog()));
    expect(back.recording()).toEqual(live.recording());
  });

  it('a rewound room keeps its epoch, and a class room its presenter, policy and bookmarks', async () => {
    const dir = dataDir();
    const clockA = { ms: 0 };
    const a = await server(dir, clockA);
    const created = a.app.rooms.createClassRoom('10.0.0.7', 'lesson', {});
    if (!created.ok) throw new Error(created.error);
    const lesson = created.room;
    expect(lesson.control({ action: 'resume' }).ok).toBe(true);
    runTo(lesson, clockA, 120_000);
    expect(lesson.inject({ kind: 'crash', node: 'agent-1' }, { role: 'presenter', name: 'Ms Rivera' }).ok).toBe(true);
    runTo(lesson, clockA, 180_000);
    expect(lesson.rewind(150_000).ok).toBe(true);
    expect(lesson.addBookmark('before the crash', 100_000).ok).toBe(true);
    lesson.setPolicy({ studentsMayInject: true });
    clockA.ms += 2_000;
    lesson.tick();

    const b = await server(dir, { ms: 0 });
    const back = room(b, 'lesson');
    expect(back.epoch).toBe(1);
    expect(back.engine.simTimeMs).toBe(150_000);
    expect(back.playback().paused).toBe(true);
    expect(back.policy).toEqual({ mode: 'class', studentsMayInject: true });
    expect(back.access.presenterKeyMatches(created.key)).toBe(true);
    expect(back.access.presenterKeyMatches('not-the-key')).toBe(false);
    expect(back.bookmarks()).toEqual(lesson.bookmarks());
    expect(bytes(back.eventLog())).toEqual(bytes(lesson.eventLog()));
    // Only the key's digest is on disk.
    expect(fs.readFileSync(path.join(dir, 'lesson.json'), 'utf8')).not.toContain(created.key);
  });

  it('a room dropped for being idle is removed from the data directory too', async () => {
    const dir = dataDir();
    const clock = { ms: 0 };
    const a = await server(dir, clock);
    expect(a.app.rooms.getOrCreate('brief').ok).toBe(true);
    expect(fs.existsSync(path.join(dir, 'brief.json'))).toBe(true);
    clock.ms += a.app.limits.roomIdleMs + 1;
    expect(a.app.rooms.sweep()).toEqual(['brief']);
    expect(fs.existsSync(path.join(dir, 'brief.json'))).toBe(false);
  });
});
