// The classroom (architecture.md §7) over real sockets and the real engine, as a teacher sees it: the default room
// is a class room (PRESENTER_KEY), the presenter drives it, viewers watch and may only do what the policy allows,
// every fault says who did it, and a recording with names still replays byte for byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../shared/engine/types.ts';
import type { RoomPolicy } from '../shared/protocol/messages.ts';
import { captureCli } from './cli/capture.ts';
import { ndjsonLine } from './cli/run.ts';
import { request, type ClientSocket } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const KEY = 'teacher-secret-0123456789abcdef';
const STOP = { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' } as const;
const env = useRealSocketRoom({ presenterKey: KEY });

async function joinAs(payload: object): Promise<ClientSocket> {
  const socket = await env.connected();
  const ack = await request<{ role: string; policy: RoomPolicy }>(socket, 'sim:join', payload);
  if (!ack.ok) throw new Error(ack.error);
  return socket;
}

function faultEvents(): Extract<SimEvent, { type: 'fault' }>[] {
  return env.defaultRoom().eventLog().filter((e): e is Extract<SimEvent, { type: 'fault' }> => e.type === 'fault');
}

describe('class room: presenter and audience', () => {
  it('waits at 0:00, paused, until the presenter presses play', async () => {
    const viewer = await env.connected();
    const snapshot = new Promise<{ paused: boolean; simTimeMs: number; policy?: RoomPolicy }>((resolve) => viewer.once('sim:snapshot', resolve));
    const ack = await request<{ role: string; policy: RoomPolicy }>(viewer, 'sim:join', {});
    expect(ack).toMatchObject({ ok: true, room: 'default', role: 'viewer', policy: { mode: 'class', studentsMayInject: false } });
    expect(await snapshot).toMatchObject({ paused: true, simTimeMs: 0, policy: { mode: 'class' } });
    env.runRoom(env.defaultRoom(), 0);
    env.clock += 60_000;
    env.defaultRoom().tick();
    expect(env.defaultRoom().engine.simTimeMs).toBe(0);
    const presenter = await joinAs({ key: KEY });
    expect((await request(presenter, 'sim:control', { action: 'resume' })).ok).toBe(true);
    env.runRoom(env.defaultRoom(), 5_000);
    expect(env.defaultRoom().engine.simTimeMs).toBeGreaterThanOrEqual(5_000);
  });

  it('a viewer cannot break the class room', async () => {
    const presenter = await joinAs({ key: KEY });
    await request(presenter, 'sim:control', { action: 'resume' });
    env.runRoom(env.defaultRoom(), 60_000);
    await request(presenter, 'bookmark:add', { name: 'before' });
    const viewer = await joinAs({ name: 'Ana' });
    const before = env.defaultRoom().engine.lastSeq;
    const refused: [string, object][] = [
      ['fault:inject', STOP],
      ['sim:control', { action: 'pause' }],
      ['sim:control', { action: 'reset' }],
      ['scenario:load', { name: 'zk-quorum-loss' }],
      ['sim:rewind', { simTimeMs: 1_000 }],
      ['bookmark:add', { name: 'mine' }],
      ['room:policy', { studentsMayInject: true }],
    ];
    for (const [command, payload] of refused) {
      const ack = await request(viewer, command, payload);
      expect(ack, command).toMatchObject({ ok: false });
      if (!ack.ok) expect(ack.error, command).toMatch(/only the presenter may .*room 'default' is a class room/);
    }
    expect(env.defaultRoom().engine.lastSeq).toBe(before);
    expect(env.defaultRoom().playback().paused).toBe(false);
    expect(env.defaultRoom().policy.studentsMayInject).toBe(false);
    expect(env.defaultRoom().bookmarks().map((b) => b.name)).toEqual(['before']);
    // Looking, explaining, previewing, resyncing and forking a sandbox of one's own stay open to all.
    expect((await request(viewer, 'sim:explain', { node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);
    expect((await request(viewer, 'sim:preview', { fault: STOP })).ok).toBe(true);
    expect((await request(viewer, 'sim:resync', {})).ok).toBe(true);
    const fork = await request<{ room: string; key: string }>(viewer, 'sim:fork', {});
    expect(fork.ok).toBe(true);
    if (!fork.ok) return;
    // The fork's key makes the viewer its presenter; the class room is untouched.
    const sandbox = await request<{ role: string }>(viewer, 'sim:join', { room: fork.room, key: fork.key });
    expect(sandbox).toMatchObject({ ok: true, role: 'presenter' });
    expect((await request(viewer, 'fault:inject', STOP)).ok).toBe(true);
    expect(env.defaultRoom().engine.lastSeq).toBe(before);
  });

  it("the presenter's fault carries by presenter", async () => {
    const presenter = await env.connected();
    const ack = await request(presenter, 'sim:join', { key: KEY, name: 'Ms Rivera' });
    expect(ack).toMatchObject({ ok: true, role: 'presenter' });
    await request(presenter, 'sim:control', { action: 'resume' });
    env.runRoom(env.defaultRoom(), 120_000);
    expect((await request(presenter, 'fault:inject', STOP)).ok).toBe(true);
    expect(faultEvents().at(-1)).toMatchObject({ active: true, fault: STOP, by: { role: 'presenter', name: 'Ms Rivera' } });
  });

  it('a wrong key is refused', async () => {
    const socket = await env.connected();
    const ack = await request(socket, 'sim:join', { key: 'not-the-key' });
    expect(ack).toMatchObject({ ok: false });
    if (!ack.ok) {
      expect(ack.error).toMatch(/wrong presenter key/);
      expect(ack.error).not.toContain(KEY);
    }
    // Same length, one character off: refused too.
    expect((await request(socket, 'sim:join', { key: `${KEY.slice(0, -1)}x` })).ok).toBe(false);
    // Not joined: commands are refused as before.
    expect((await request(socket, 'fault:inject', STOP)).ok).toBe(false);
  });

  it('studentsMayInject opens the floor for injects only', async () => {
    const presenter = await joinAs({ key: KEY });
    const viewer = await joinAs({});
    await request(presenter, 'sim:control', { action: 'resume' });
    env.runRoom(env.defaultRoom(), 120_000);
    const policies: RoomPolicy[] = [];
    viewer.on('sim:policy', (p) => policies.push(p));
    expect(await request(presenter, 'room:policy', { studentsMayInject: true })).toMatchObject({ ok: true, policy: { mode: 'class', studentsMayInject: true } });
    expect((await request(viewer, 'viewer:name', { name: '  Ana  ' }))).toMatchObject({ ok: true, name: 'Ana' });
    expect((await request(viewer, 'fault:inject', STOP)).ok).toBe(true);
    expect(faultEvents().at(-1)).toMatchObject({ by: { role: 'viewer', name: 'Ana' } });
    expect((await request(viewer, 'sim:control', { action: 'pause' })).ok).toBe(false);
    expect((await request(viewer, 'sim:rewind', { simTimeMs: 1_000 })).ok).toBe(false);
    expect((await request(viewer, 'room:policy', { studentsMayInject: false })).ok).toBe(false);
    await request(presenter, 'room:policy', { studentsMayInject: false });
    expect((await request(viewer, 'fault:inject', { kind: 'clear' })).ok).toBe(false);
    expect(policies.map((p) => p.studentsMayInject)).toEqual([true, false]);
  });

  it('display names are validated: 1-32 characters, no control characters', async () => {
    const viewer = await joinAs({});
    for (const name of ['', '   ', 'x'.repeat(33), 'Ana\u0007', 'Ana\nBob']) {
      expect((await request(viewer, 'viewer:name', { name })).ok, JSON.stringify(name)).toBe(false);
    }
    expect((await request(viewer, 'viewer:name', { name: '<b>Ana</b> ✓' })).ok).toBe(true);
    expect((await (await env.connected()).emitWithAck('sim:join', { name: 'x'.repeat(40) })).ok).toBe(false);
  });

  it('a flood of joins with wrong keys is refused quietly and the right key still works', async () => {
    const acks = [];
    for (let i = 0; i < 30; i++) {
      const socket = await env.connected();
      acks.push(await request(socket, 'sim:join', { key: `guess-${i}` }));
    }
    expect(acks.every((a) => !a.ok)).toBe(true);
    expect(acks.some((a) => !a.ok && /too many wrong presenter keys/.test(a.error))).toBe(true);
    expect(await request(await env.connected(), 'sim:join', { key: KEY })).toMatchObject({ ok: true, role: 'presenter' });
  });

  it('a flood of policy toggles and renames is rate-limited: the class gets a bounded number of broadcasts', async () => {
    const presenter = await joinAs({ key: KEY });
    const viewer = await joinAs({});
    let broadcasts = 0;
    viewer.on('sim:policy', () => void (broadcasts += 1));
    const acks = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 2 === 0
          ? request(presenter, 'room:policy', { studentsMayInject: i % 4 === 0 })
          : request(viewer, 'viewer:name', { name: `student ${i}` }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && /rate limit/.test(a.error));
    expect(limited.length).toBeGreaterThan(200);
    expect(acks.every((a) => a.ok || /rate limit/.test(a.error))).toBe(true);
    // The room is intact and answers again once the buckets refill; the viewer's ack comes after every broadcast
    // the server sent it before, so the count below is final.
    env.clock += 60_000;
    expect(await request(viewer, 'viewer:name', { name: 'Ana' })).toMatchObject({ ok: true, name: 'Ana' });
    expect(broadcasts).toBeGreaterThan(0);
    expect(broadcasts).toBeLessThan(60);
    expect(await request(presenter, 'room:policy', { studentsMayInject: false })).toMatchObject({ ok: true, policy: { mode: 'class', studentsMayInject: false } });
    expect(env.defaultRoom().policy.mode).toBe('class');
  });

  it('the recording still replays byte for byte with by', async () => {
    const presenter = await joinAs({ key: KEY, name: 'Ms Rivera' });
    const viewer = await joinAs({ name: 'Ana' });
    await request(presenter, 'sim:control', { action: 'resume' });
    env.runRoom(env.defaultRoom(), 120_000);
    expect((await request(presenter, 'fault:inject', STOP)).ok).toBe(true);
    await request(presenter, 'room:policy', { studentsMayInject: true });
    env.runRoom(env.defaultRoom(), 150_000);
    expect((await request(viewer, 'fault:inject', { kind: 'crash', node: 'agent-1' })).ok).toBe(true);
    env.runRoom(env.defaultRoom(), 200_000);
    const room = env.defaultRoom();
    const recording = room.recording();
    expect(recording.steps.map((s) => s.by)).toEqual([{ role: 'presenter', name: 'Ms Rivera' }, { role: 'viewer', name: 'Ana' }]);
    const path = join(mkdtempSync(join(tmpdir(), 'bootscope-class-')), 'rec.json');
    writeFileSync(path, JSON.stringify(recording));
    const run = await captureCli(['--scenario', path, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l.length > 0).slice(0, -1);
    expect(lines).toEqual(room.snapshot().events.map(ndjsonLine));
  });
});
