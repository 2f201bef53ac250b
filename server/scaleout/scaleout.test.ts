// Two server processes and a real redis-server (REDIS_URL, architecture.md §8): a viewer connected to B watches and
// steers a room that runs in A (its join and its commands are forwarded to A and acked; A's events reach it through
// the Redis adapter; it pages A's older history with sim:history; B answers the room's HTTP routes by passing them to
// A). Then A is killed with SIGKILL: its lease runs out, B takes the room over from its record in Redis, and the same
// viewer, without reconnecting, gets a snapshot of the same epoch with the same active fault and steers the room on B.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimSnapshot } from '../../shared/protocol/messages.ts';
import { connectClient, request, until, Viewer, type ClientSocket } from '../testing/harness.ts';
import { redisAvailable, startRedis } from '../testing/redisServer.ts';
import { startServerProcess, type ServerProcess } from '../testing/serverProcess.ts';

const skip = !redisAvailable() && process.env.CI !== 'true';
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

function started(server: ServerProcess): ServerProcess {
  cleanup.push(() => server.child.kill('SIGKILL'));
  return server;
}

describe.skipIf(skip)('two processes on Redis', () => {
  it('a viewer on B steers a room run by A, and keeps watching when A dies and B takes the room over', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-cluster-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const env = (name: string) => ({ REDIS_URL: redis.url, DATA_DIR: path.join(dir, name) });

    const a = started(startServerProcess(env('a')));
    const urlA = await a.url;
    const starter: ClientSocket = await connectClient(urlA);
    cleanup.push(() => starter.disconnect());
    expect((await request(starter, 'sim:join', { room: 'lab' })).ok).toBe(true);
    await until(() => a.logs().some((l) => l.msg === 'this process now runs the room' && l.room === 'lab'), 10_000, 'A to run lab');

    const b = started(startServerProcess(env('b')));
    const urlB = await b.url;
    const socket = connect(urlB, { transports: ['websocket'], forceNew: true, reconnection: false }) as ClientSocket;
    cleanup.push(() => socket.disconnect());
    const viewer = new Viewer(socket);
    await until(() => socket.connected, 5_000, 'the viewer to connect to B');
    const joinedB = await request(socket, 'sim:join', { room: 'lab' });
    if (!joinedB.ok) console.log('JOIN', joinedB, b.output().slice(-3000));
    expect(joinedB).toMatchObject({ ok: true, room: 'lab', role: 'viewer' });
    await until(() => viewer.snapshots.length === 1, 5_000, 'the snapshot from A');
    expect(b.logs().some((l) => l.msg === 'this process now runs the room' && l.room === 'lab')).toBe(false);

    // Steer it from B: the command runs in A, and A's events come back through Redis.
    expect((await request(socket, 'fault:inject', { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);
    await until(() => viewer.log.some((e) => e.type === 'fault'), 10_000, 'the fault event from A');
    expect(await request(socket, 'fault:inject', { kind: 'stop', node: 'master-9', unit: 'dcos-exhibitor' })).toMatchObject({ ok: false, error: expect.stringMatching(/master-9/) });
    // Pages of older history come from A's history too (sim:history is forwarded like every command).
    const page = await request<{ epoch: number; events: Array<{ seq: number }>; done: boolean }>(socket, 'sim:history', { beforeSeq: 3, limit: 2 });
    expect(page).toMatchObject({ ok: true, epoch: viewer.epoch, events: [{ seq: 1 }, { seq: 2 }], oldestKeptSeq: 1, done: true });
    expect(await request(socket, 'sim:history', { beforeSeq: -1 })).toMatchObject({ ok: false, error: expect.stringMatching(/beforeSeq/) });
    // B answers the room's HTTP routes by passing them to A.
    const recording = (await (await fetch(`${urlB}/api/rooms/lab/recording`)).json()) as { steps: unknown[] };
    expect(recording.steps).toHaveLength(1);
    // The default room runs in A too (it started first); B passes its routes along (diagnostics answer as A's do).
    expect(((await (await fetch(`${urlB}/api/rooms/default/recording`)).json()) as { name: string }).name).toBe('default');
    expect((await fetch(`${urlB}/system/health/v1/nodes`)).status).toBe((await fetch(`${urlA}/system/health/v1/nodes`)).status);
    expect(await (await fetch(`${urlB}/api/rooms/nope/view?at=0`)).json()).toEqual({ error: "unknown room 'nope'" });
    const epoch = viewer.epoch;
    const faults = (viewer.snapshots[0] as SimSnapshot).view.faults.length;
    expect(faults).toBe(0);

    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await a.exit;
    await until(() => viewer.snapshots.length >= 2, 20_000, 'B to take the room over');
    const takeoverMs = Date.now() - killedAt;
    const after = viewer.snapshots.at(-1) as SimSnapshot;
    expect(after.epoch).toBe(epoch);
    expect(after.view.faults).toHaveLength(1);
    expect(after.view.faults[0]).toMatchObject({ fault: { kind: 'stop', node: 'master-1' } });
    // (B's log line may come through its stdout pipe a moment after the snapshot came through the socket.)
    await until(() => b.logs().some((l) => l.msg === 'this process now runs the room' && l.room === 'lab' && l.restored === true), 5_000, "B's log of the takeover");
    // And it is steered on B now.
    expect((await request(socket, 'fault:inject', { kind: 'crash', node: 'agent-1' })).ok).toBe(true);
    await until(() => viewer.log.filter((e) => e.type === 'fault').length >= 2, 10_000, 'the second fault, from B');
    console.log(`takeover: ${takeoverMs} ms from kill -9 of the owner to the viewer's new snapshot`);
    expect(takeoverMs).toBeLessThan(15_000);
  }, 60_000);
});
