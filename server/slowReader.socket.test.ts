// The per-socket outgoing budget (handlers/outgoing.ts): a client that asks for snapshots and never reads is sent
// none past maxSocketBufferBytes and is disconnected (its WebSocket cut, so its buffers go), while a client that
// reads carries on; a snapshot asked for twice with nothing changed in between is the same object, encoded once.
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, request, startTestServer, until, Viewer, type ClientSocket, type TestServer } from './testing/harness.ts';
import { rawClient, type RawClient } from './testing/rawSocketClient.ts';
import { bufferedBytes } from './handlers/outgoing.ts';
import { realDeps } from './engineDeps.ts';
import { silentLogger } from './log.ts';

let server: TestServer | null = null;
const closers: Array<() => void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await server?.close();
  server = null;
});

describe('slow readers', () => {
  it('a client that never reads is dropped past its budget; a reading one is not', async () => {
    // A 3-master, 2,000-agent room: each snapshot is about 4 MB; the budget is 8 MB.
    server = await startTestServer({ ...realDeps(silentLogger()), limits: { maxSocketBufferBytes: 8 * 1024 * 1024, snapshotBurst: 50 } });
    const room = server.app.rooms.getOrCreate('big');
    if (!room.ok) throw new Error(room.error);
    room.room.control({ action: 'reset', cluster: { masters: 3, agents: 2_000, publicAgents: 0 } });

    const reader: ClientSocket = await connectClient(server.url);
    closers.push(() => reader.disconnect());
    const viewer = new Viewer(reader);
    expect((await request(reader, 'sim:join', { room: 'big' })).ok).toBe(true);

    const stalled: RawClient = await rawClient(server.url, { read: false });
    closers.push(() => stalled.destroy());
    stalled.emit('sim:join', { room: 'big' });
    for (let i = 0; i < 40; i++) stalled.emit('sim:resync', {});

    const app = server.app;
    const stalledSocket = () => [...app.io.sockets.sockets.values()].find((s) => s.id !== reader.id);
    await until(() => stalledSocket() === undefined, 20_000, 'the stalled reader to be dropped');
    // The reader still gets what it asks for.
    expect((await request(reader, 'sim:resync', {})).ok).toBe(true);
    await until(() => viewer.snapshots.length >= 2, 10_000, 'the reader\'s second snapshot');
    expect(reader.connected).toBe(true);
    for (const socket of app.io.sockets.sockets.values()) expect(bufferedBytes(socket)).toBeLessThan(8 * 1024 * 1024);
  }, 40_000);

  it('sockets of one address that never read share one budget: the fullest are dropped until the rest fit', async () => {
    // Each socket stays well under its own 64 MB; ten of them from one address would hold ~120 MB; the address may hold 24.
    const addressCap = 24 * 1024 * 1024;
    server = await startTestServer({ ...realDeps(silentLogger()), limits: { maxAddressBufferBytes: addressCap, snapshotBurst: 50 } });
    const room = server.app.rooms.getOrCreate('big');
    if (!room.ok) throw new Error(room.error);
    room.room.control({ action: 'reset', cluster: { masters: 3, agents: 2_000, publicAgents: 0 } });
    const app = server.app;
    for (let n = 0; n < 10; n++) {
      const stalled: RawClient = await rawClient(server.url, { read: false });
      closers.push(() => stalled.destroy());
      stalled.emit('sim:join', { room: 'big' });
      for (let i = 0; i < 2; i++) stalled.emit('sim:resync', {});
    }
    const total = () => [...app.io.sockets.sockets.values()].reduce((sum, s) => sum + bufferedBytes(s), 0);
    await until(() => app.io.sockets.sockets.size < 10, 20_000, 'the address\'s fullest sockets to be dropped');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // One sweep's worth of slack: a snapshot in flight when the sweep ran.
    await until(() => total() <= addressCap + 8 * 1024 * 1024, 10_000, 'the address to fit its budget');
    expect(app.io.sockets.sockets.size).toBeGreaterThan(0);
  }, 40_000);

  it('a snapshot is built once per room version', async () => {
    server = await startTestServer({ autoTick: false });
    const room = server.app.rooms.get('default')!;
    const first = room.snapshot();
    expect(room.snapshot()).toBe(first);
    room.inject({ kind: 'stop', node: 'master-1', unit: 'tick' });
    const second = room.snapshot();
    expect(second).not.toBe(first);
    expect(second.lastSeq).toBeGreaterThan(first.lastSeq);
    room.setPolicy({});
    expect(room.snapshot()).not.toBe(second);
  });
});
