// kill -9, then restart (architecture.md §8), with real processes: `node --import tsx server/main.ts` on a temp
// DATA_DIR and a fixed free port. A running room with a fault and a paused one are driven over socket.io, the server
// is killed with SIGKILL (no shutdown hook runs: only what was written as it went is there) and started again on the
// same directory and port. The rooms come back with the same epoch and active faults, the paused one at exactly its
// moment and the running one within a second of where it died; every event A emitted is emitted again by B under
// the same seq, byte for byte; a client that reconnects on its own gets a snapshot without reloading anything; and a
// class room's presenter gets back in with the key only its digest was stored for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import { connectClient, request, until, Viewer, type ClientSocket } from './testing/harness.ts';
import { freePort, startServerProcess, type ServerProcess } from './testing/serverProcess.ts';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventLines(url: string, room: string): Promise<string[]> {
  const response = await fetch(`${url}/api/rooms/${room}/events?format=ndjson`);
  expect(response.status).toBe(200);
  return (await response.text()).split('\n').filter((line) => line.length > 0);
}

function started(server: ServerProcess): ServerProcess {
  cleanup.push(() => server.child.kill('SIGKILL'));
  return server;
}

function restoredLine(server: ServerProcess, room: string): { simTimeMs: number; lastSeq: number; epoch: number } | undefined {
  return server.logs().find((l) => l.msg === 'room restored from its recording' && l.room === room) as { simTimeMs: number; lastSeq: number; epoch: number } | undefined;
}

describe('durable rooms across kill -9', () => {
  it('comes back with the same events under the same seq, the same faults and time, and clients resync on their own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-restart-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const env = { DATA_DIR: dir, PORT: String(port) };

    const a = started(startServerProcess(env));
    const url = await a.url;
    // A viewer that, like web/socket.ts, joins again on every (re)connect.
    const watcher = connect(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 300 }) as ClientSocket;
    cleanup.push(() => watcher.disconnect());
    const viewer = new Viewer(watcher);
    watcher.on('connect', () => void request(watcher, 'sim:join', { room: 'running' }));
    await until(() => viewer.snapshots.length === 1, 10_000, 'the first snapshot');
    await sleep(1_000);
    expect((await request(watcher, 'fault:inject', { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);

    // A class room: only its key's digest is stored, yet its presenter must get back in after the restart.
    const created = (await (await fetch(`${url}/api/rooms`, { method: 'POST', body: JSON.stringify({ name: 'lesson' }) })).json()) as { presenterKey: string };
    expect(created.presenterKey).toMatch(/^[0-9a-f]{32}$/);

    const pauser: ClientSocket = await connectClient(url);
    cleanup.push(() => pauser.disconnect());
    expect((await request(pauser, 'sim:join', { room: 'frozen' })).ok).toBe(true);
    expect((await request(pauser, 'sim:control', { action: 'speed', speed: 20 })).ok).toBe(true);
    expect((await request(pauser, 'fault:inject', { kind: 'crash', node: 'agent-1' })).ok).toBe(true);
    await sleep(800);
    const paused = await request<{ simTimeMs: number }>(pauser, 'sim:control', { action: 'pause' });
    if (!paused.ok) throw new Error(paused.error);
    await sleep(1_000);

    // What A has emitted, just before it dies.
    expect((await request(watcher, 'sim:resync', {})).ok).toBe(true);
    await until(() => viewer.snapshots.length === 2, 5_000, 'the resync snapshot');
    const lastSnapshot = viewer.snapshots[1] as SimSnapshot;
    const frozenBefore = await eventLines(url, 'frozen');
    const runningBefore = await eventLines(url, 'running');
    const health = (await (await fetch(`${url}/healthz`)).json()) as { rooms: Array<{ name: string; simTimeMs: number }> };
    const runningSeenMs = health.rooms.find((r) => r.name === 'running')!.simTimeMs;
    a.child.kill('SIGKILL');
    expect(await a.exit).toBe(null);

    const b = started(startServerProcess(env));
    expect(await b.url).toBe(url);
    // The paused room: exactly where it was paused, every event identical.
    expect(restoredLine(b, 'frozen')).toMatchObject({ simTimeMs: paused.simTimeMs, epoch: 0 });
    expect(await eventLines(url, 'frozen')).toEqual(frozenBefore);
    // The running room: within a second of simulated time of where A was last seen (at 4x one 50 ms tick adds 200 ms,
    // and a tick late by 75 ms on a busy machine 300 more).
    const running = restoredLine(b, 'running');
    expect(running).toBeDefined();
    expect(runningSeenMs - running!.simTimeMs).toBeLessThanOrEqual(1_500);
    // The viewer reconnected on its own and has a snapshot of the same epoch, with the same active faults.
    await until(() => viewer.snapshots.length === 3, 10_000, 'the snapshot after the restart');
    const again = viewer.snapshots[2] as SimSnapshot;
    expect(again.epoch).toBe(lastSnapshot.epoch);
    expect(again.view.faults).toEqual(lastSnapshot.view.faults);
    expect(again.view.faults.length).toBe(1);
    // Once B has run past where A died, every event A emitted is B's event of that seq, byte for byte.
    const lastSeqBefore = JSON.parse(runningBefore.at(-1)!).seq as number;
    await until(() => viewer.lastSeq >= lastSeqBefore, 10_000, 'B to catch up with A');
    expect((await eventLines(url, 'running')).slice(0, runningBefore.length)).toEqual(runningBefore);
    expect(viewer.gaps).toBe(0);

    // The class room's presenter logs in with the same key; a wrong key is still refused; the key is not on disk.
    const presenter = await connectClient(url);
    cleanup.push(() => presenter.disconnect());
    expect(await request(presenter, 'sim:join', { room: 'lesson', key: created.presenterKey })).toMatchObject({ ok: true, role: 'presenter', policy: { mode: 'class' } });
    expect((await request(presenter, 'sim:join', { room: 'lesson', key: 'f'.repeat(32) })).ok).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'lesson.json'), 'utf8')).not.toContain(created.presenterKey);
  }, 60_000);
});
