// When a room's record is written (roomSaver.ts): a fault is on disk before any batch carrying its events leaves the
// room; a flood of commands in one tick costs one write; a running room's record keeps up with simulated time a tick
// at a time, a paused one is not rewritten; a failing disk is logged once, not once per tick, and retried.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/protocol/messages.ts';
import { silentLogger } from '../../log.ts';
import { RoomRegistry } from '../rooms.ts';
import { RoomSaver } from './roomSaver.ts';
import { RoomFileStore } from './roomStore.ts';
import type { Room } from '../room.ts';
import { createFakeEngine, restoreFakeEngine } from '../../testing/fakeEngine.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-saver-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(onBatch: (batch: EventBatch) => void = () => undefined, logger = silentLogger()) {
  const clock = { ms: 0 };
  const store = new RoomFileStore(dir, logger);
  store.open();
  const saver = new RoomSaver(store, logger, () => clock.ms);
  const rooms = new RoomRegistry({
    createEngine: createFakeEngine,
    restoreEngine: restoreFakeEngine,
    now: () => clock.ms,
    broadcast: { events: (_r, b) => onBatch(b), snapshot: () => undefined, playback: () => undefined },
    logger,
    maxRooms: 3,
    roomIdleMs: 60_000,
    maxHistoryEvents: 1_000,
    autoTick: false,
    durability: saver,
  });
  const room = rooms.get('default') as Room;
  const tick = (ms = 50) => {
    clock.ms += ms;
    room.tick();
  };
  return { clock, saver, rooms, room, tick };
}

const storedSteps = () => (JSON.parse(fs.readFileSync(path.join(dir, 'default.json'), 'utf8')) as { recording: { steps: unknown[] } }).recording.steps;

describe('RoomSaver', () => {
  it('stores a fault before the batch that carries its events leaves the room', () => {
    const seen: number[] = [];
    const env = setup((batch) => {
      const faults = batch.events.filter((e) => e.type === 'fault').length;
      if (faults > 0) seen.push(storedSteps().length);
    });
    env.tick();
    expect(env.room.inject({ kind: 'stop', node: 'master-1', unit: 'tick' }).ok).toBe(true);
    env.tick();
    expect(env.room.inject({ kind: 'stop', node: 'master-2', unit: 'tick' }).ok).toBe(true);
    env.tick();
    expect(seen).toEqual([1, 2]);
  });

  it('a flood of commands within one tick costs one write', () => {
    const env = setup();
    env.tick();
    const before = env.saver.writes;
    for (let i = 0; i < 500; i++) env.room.inject({ kind: 'stop', node: 'master-1', unit: 'tick' });
    for (let i = 0; i < 500; i++) env.room.control({ action: i % 2 === 0 ? 'pause' : 'resume' });
    env.tick();
    expect(env.saver.writes - before).toBe(1);
  });

  it('keeps a running room current a tick at a time and leaves a paused one alone', () => {
    const env = setup();
    for (let i = 0; i < 20; i++) env.tick(250); // 4x: a second of simulated time per tick
    const running = env.saver.writes;
    expect(running).toBeGreaterThanOrEqual(19);
    env.room.control({ action: 'pause' });
    env.tick();
    const paused = env.saver.writes;
    for (let i = 0; i < 20; i++) env.tick(1_000);
    expect(env.saver.writes).toBe(paused);
  });

  it('logs a failing disk once and tries again on the next tick', () => {
    const lines: string[] = [];
    const env = setup(undefined, pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }));
    env.tick();
    fs.rmSync(dir, { recursive: true, force: true }); // writes now fail: the directory is gone
    env.room.inject({ kind: 'stop', node: 'master-1', unit: 'tick' });
    for (let i = 0; i < 10; i++) env.tick();
    expect(lines.filter((l) => l.includes('could not store the room')).length).toBe(1);
    fs.mkdirSync(dir);
    env.tick();
    expect(lines.filter((l) => l.includes('storing the room works again')).length).toBe(1);
    expect(storedSteps().length).toBe(1);
  });

  it('write before ack: durable() settles once the record holding the change is fsynced; the commands of one turn share one write', async () => {
    const env = setup();
    env.tick();
    const before = env.saver.writes;
    const waits = [];
    for (let i = 1; i <= 3; i++) {
      expect(env.room.inject({ kind: 'stop', node: `master-${i}`, unit: 'tick' }).ok).toBe(true);
      waits.push(env.room.persisted());
    }
    expect(storedSteps().length).toBe(0); // nothing written yet: the acks wait
    await Promise.all(waits);
    expect(storedSteps().length).toBe(3);
    expect(env.saver.writes).toBe(before + 1);
  });

  it('a room that cannot be stored: durable() rejects, problem() says why until a write works again', async () => {
    const env = setup();
    env.tick();
    fs.rmSync(dir, { recursive: true, force: true });
    env.room.inject({ kind: 'stop', node: 'master-1', unit: 'tick' });
    await expect(env.room.persisted()).rejects.toThrow();
    expect(env.room.storageProblem).toMatch(/ENOENT/);
    fs.mkdirSync(dir);
    env.tick();
    expect(env.room.storageProblem).toBeNull();
    expect(storedSteps().length).toBe(1);
  });
});
