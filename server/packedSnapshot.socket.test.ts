// Packed snapshots over a real socket (issue 19): a socket that joins with snapshotEncoding 'deflate-raw' gets
// `sim:packedSnapshot` (on join, resync and a reset broadcast), which inflates to exactly the snapshot a plain socket
// gets as `sim:snapshot`; plain sockets see no change; the batches stay plain; a bad encoding is refused.
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import type { PackedSnapshot } from '../shared/protocol/packedSnapshot.ts';
import { connectClient, request, startTestServer, until, type ClientSocket, type TestServer } from './testing/harness.ts';

let server: TestServer;
let wallMs = 0;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ createEngine, restoreEngine, now: () => wallMs, autoTick: false });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

interface Received {
  plain: SimSnapshot[];
  packed: PackedSnapshot[];
  batches: number;
}

async function client(room: string, join: object): Promise<{ socket: ClientSocket; got: Received }> {
  const socket = await connectClient(server.url);
  sockets.push(socket);
  const got: Received = { plain: [], packed: [], batches: 0 };
  socket.on('sim:snapshot', (s) => got.plain.push(s));
  socket.on('sim:packedSnapshot', (p) => got.packed.push(p));
  socket.on('sim:events', () => (got.batches += 1));
  const ack = await request(socket, 'sim:join', { room, ...join });
  expect(ack.ok).toBe(true);
  await until(() => got.plain.length + got.packed.length > 0, 5_000, 'the snapshot');
  return { socket, got };
}

function inflate(p: PackedSnapshot): unknown {
  const text = inflateRawSync(p.data).toString('utf8');
  expect(Buffer.byteLength(text)).toBe(p.jsonBytes);
  return JSON.parse(text);
}

function run(room: string, ticks: number): void {
  const r = server.app.rooms.get(room)!;
  r.control({ action: 'speed', speed: 100 });
  for (let i = 0; i < ticks; i++) {
    wallMs += 50;
    r.tick();
  }
}

describe('sim:packedSnapshot', () => {
  it('inflates to the snapshot a plain socket gets, on join, on resync and on a reset; batches stay plain', async () => {
    const room = 'packed-a';
    const plain = await client(room, {});
    const packed = await client(room, { snapshotEncoding: 'deflate-raw' });
    run(room, 40);
    expect(plain.got.packed).toHaveLength(0);
    expect(packed.got.plain).toHaveLength(0);
    const header = packed.got.packed[0]!;
    expect(header).toMatchObject({ encoding: 'deflate-raw', room, epoch: plain.got.plain[0]!.epoch, lastSeq: plain.got.plain[0]!.lastSeq });
    expect(header.data.byteLength).toBeLessThan(header.jsonBytes);
    expect(inflate(header)).toEqual(plain.got.plain[0]);
    await until(() => packed.got.batches > 0 && plain.got.batches > 0, 5_000, 'batches');

    // Resync: both ask, each gets its own form of the same snapshot.
    expect((await request(plain.socket, 'sim:resync', {})).ok).toBe(true);
    expect((await request(packed.socket, 'sim:resync', {})).ok).toBe(true);
    await until(() => plain.got.plain.length === 2 && packed.got.packed.length === 2, 5_000, 'the resync snapshots');
    expect(inflate(packed.got.packed[1]!)).toEqual(plain.got.plain[1]);

    // A reset is broadcast: packed to the one, plain to the other, the same state.
    expect((await request(plain.socket, 'sim:control', { action: 'reset', seed: 7 })).ok).toBe(true);
    await until(() => plain.got.plain.length === 3 && packed.got.packed.length === 3, 5_000, 'the reset snapshots');
    expect(inflate(packed.got.packed[2]!)).toEqual(plain.got.plain[2]);
    expect(plain.got.plain[2]!.seed).toBe(7);
  });

  it('a later join without the encoding gets plain snapshots again', async () => {
    const room = 'packed-b';
    const c = await client(room, { snapshotEncoding: 'deflate-raw' });
    expect(c.got.packed).toHaveLength(1);
    expect((await request(c.socket, 'sim:join', { room, snapshotEncoding: 'json' })).ok).toBe(true);
    await until(() => c.got.plain.length === 1, 5_000, 'the plain snapshot');
  });

  it('refuses an unknown encoding with a readable error and sends nothing', async () => {
    const socket = await connectClient(server.url);
    sockets.push(socket);
    let snapshots = 0;
    socket.on('sim:snapshot', () => (snapshots += 1));
    socket.on('sim:packedSnapshot', () => (snapshots += 1));
    for (const bad of ['gzip', 1, null, { x: 1 }]) {
      const ack = await request(socket, 'sim:join', { room: 'packed-c', snapshotEncoding: bad });
      expect(ack.ok).toBe(false);
      expect(ack.ok ? '' : ack.error).toMatch(/snapshotEncoding/);
    }
    expect(snapshots).toBe(0);
  });
});
