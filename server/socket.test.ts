// The live protocol end to end: a real server on port 0, real socket.io-client connections.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaybackState, SimSnapshot } from '../shared/protocol/messages.ts';
import { DEFAULT_SPEED } from './driver.ts';
import { DEFAULT_CLUSTER } from './room/room.ts';
import { connectClient, request, startTestServer, until, Viewer, type ClientSocket, type TestServer } from './testing/harness.ts';

let server: TestServer;
const sockets: ClientSocket[] = [];

async function client(): Promise<ClientSocket> {
  const socket = await connectClient(server.url);
  sockets.push(socket);
  return socket;
}

async function joinedViewer(room?: string): Promise<Viewer> {
  const viewer = new Viewer(await client());
  const ack = await request(viewer.socket, 'sim:join', room === undefined ? {} : { room });
  expect(ack.ok).toBe(true);
  return viewer;
}

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

describe('joining a room', () => {
  it('sends a snapshot of the default room: cluster, speed, full history and lastSeq, then acks', async () => {
    const socket = await client();
    const snapshots: SimSnapshot[] = [];
    socket.on('sim:snapshot', (s) => snapshots.push(s));
    const ack = await request<{ room: string; lastSeq: number }>(socket, 'sim:join', {});
    expect(ack).toMatchObject({ ok: true, room: 'default' });
    expect(snapshots).toHaveLength(1);
    const snap = snapshots[0];
    expect(snap).toMatchObject({ room: 'default', cluster: DEFAULT_CLUSTER, seed: 1, speed: DEFAULT_SPEED, paused: false, scenario: null, epoch: 0 });
    if (ack.ok) expect(snap.lastSeq).toBe(ack.lastSeq);
    expect(snap.events.length === 0 ? 0 : snap.events[snap.events.length - 1].seq).toBe(snap.lastSeq);
  });

  it('creates a named room on demand, and refuses invalid names and rooms beyond the limit', async () => {
    await server.close();
    server = await startTestServer({ limits: { maxRooms: 2 } });
    const socket = await client();
    expect(await request(socket, 'sim:join', { room: 'lab-1' })).toMatchObject({ ok: true, room: 'lab-1' });
    expect(server.app.rooms.names().sort()).toEqual(['default', 'lab-1']);
    const full = await request(socket, 'sim:join', { room: 'lab-2' });
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.error).toMatch(/room limit/);
    const bad = await request(socket, 'sim:join', { room: '../etc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/room names/);
  });

  it('answers commands sent before sim:join with a readable error', async () => {
    const socket = await client();
    const ack = await request(socket, 'fault:inject', { kind: 'clear' });
    expect(ack).toEqual({ ok: false, error: expect.stringMatching(/join a room first/) });
  });
});

describe('event batches', () => {
  it('arrive in seq order without gaps or duplicates across many batches, matching the server history', async () => {
    const viewer = await joinedViewer();
    expect((await request(viewer.socket, 'sim:control', { action: 'speed', speed: 100 })).ok).toBe(true);
    await until(() => viewer.batches.length >= 15, 10_000, '15 batches');
    expect(viewer.gaps).toBe(0);
    expect(viewer.duplicates).toBe(0);
    viewer.log.forEach((e, i) => expect(e.seq).toBe(i + 1));
    // Batches are coalesced: never one emit per event.
    expect(viewer.batches.some((b) => b.events.length > 1)).toBe(true);
    for (const b of viewer.batches) {
      expect(b.toSeq - b.fromSeq + 1).toBe(b.events.length);
      expect(b.events[0].seq).toBe(b.fromSeq);
    }
    const room = server.app.rooms.get('default')!;
    const serverLog = room.snapshot().events;
    expect(serverLog.slice(0, viewer.log.length)).toEqual(viewer.log);
  });

  it('a fault injected by one client reaches every client of the room in the next batch', async () => {
    const a = await joinedViewer();
    const b = await joinedViewer();
    const ack = await request<{ lastSeq: number }>(a.socket, 'fault:inject', { kind: 'stop', node: 'master-1', unit: 'tick' });
    expect(ack.ok).toBe(true);
    const seq = ack.ok ? ack.lastSeq : -1;
    await until(() => b.log.some((e) => e.seq === seq), 2_000, 'the fault event at the other client');
    const event = b.log.find((e) => e.seq === seq)!;
    expect(event).toMatchObject({ type: 'fault', fault: { kind: 'stop', node: 'master-1', unit: 'tick' }, active: true });
    await until(() => a.log.some((e) => e.seq === seq), 2_000, 'the fault event at the sender');
  });

  it('a late joiner gets the current state and the full history so far', async () => {
    const early = await joinedViewer();
    await request(early.socket, 'sim:control', { action: 'speed', speed: 100 });
    await until(() => early.log.length >= 30, 10_000, '30 events');
    const late = await joinedViewer();
    const snap = late.snapshots[0];
    expect(snap.events.length).toBeGreaterThanOrEqual(30);
    expect(snap.events[0].seq).toBe(1);
    await until(() => early.lastSeq >= snap.lastSeq, 2_000, 'the early viewer to catch up');
    expect(early.log.slice(0, snap.events.length)).toEqual(snap.events);
  });
});

describe('playback control', () => {
  it('pause freezes the simulation, step advances it by one event time, speed and resume are broadcast', async () => {
    const a = await joinedViewer();
    const b = await joinedViewer();
    const playbacks: PlaybackState[] = [];
    b.socket.on('sim:playback', (p) => playbacks.push(p));
    const paused = await request<PlaybackState>(a.socket, 'sim:control', { action: 'pause' });
    expect(paused).toMatchObject({ ok: true, paused: true });
    const room = server.app.rooms.get('default')!;
    const frozenAt = room.engine.simTimeMs;
    await new Promise((r) => setTimeout(r, 200));
    expect(room.engine.simTimeMs).toBe(frozenAt);

    const before = room.engine.lastSeq;
    const stepped = await request<PlaybackState>(a.socket, 'sim:control', { action: 'step' });
    expect(stepped.ok).toBe(true);
    expect(room.engine.lastSeq).toBeGreaterThan(before);
    expect(room.engine.simTimeMs).toBeGreaterThan(frozenAt);
    await until(() => b.lastSeq === room.engine.lastSeq, 2_000, 'the stepped events at the other client');

    expect(await request(a.socket, 'sim:control', { action: 'speed', speed: 42 })).toMatchObject({ ok: true, speed: 42, paused: true });
    expect(await request(a.socket, 'sim:control', { action: 'resume' })).toMatchObject({ ok: true, speed: 42, paused: false });
    await until(() => playbacks.some((p) => !p.paused && p.speed === 42), 2_000, 'the resume broadcast');
    // In order (heartbeats may repeat a state in between): paused at the default speed, paused at 42, running at 42.
    const states = playbacks.map((p) => `${p.paused ? 'paused' : 'running'}@${p.speed}`);
    const at = (state: string) => states.indexOf(state);
    expect(at(`paused@${DEFAULT_SPEED}`)).toBeGreaterThanOrEqual(0);
    expect(at(`paused@${DEFAULT_SPEED}`)).toBeLessThan(at('paused@42'));
    expect(at('paused@42')).toBeLessThan(at('running@42'));
  });

  it('reset starts a new simulation (new seed/cluster, epoch + 1) and sends every client a fresh snapshot', async () => {
    const a = await joinedViewer();
    const b = await joinedViewer();
    await until(() => a.log.length > 0, 5_000, 'some events');
    const cluster = { masters: 1, agents: 3, publicAgents: 0 };
    const ack = await request(a.socket, 'sim:control', { action: 'reset', seed: 7, cluster });
    expect(ack.ok).toBe(true);
    await until(() => b.snapshots.length === 2, 2_000, 'the reset snapshot');
    const snap = b.snapshots[1];
    expect(snap).toMatchObject({ epoch: 1, seed: 7, cluster });
    expect(snap.lastSeq).toBeLessThan(5);
    await until(() => b.log.length > 3, 5_000, 'events of the new epoch');
    b.log.forEach((e, i) => expect(e.seq).toBe(i + 1));
    expect(b.batches.filter((x) => x.epoch === 1).length).toBeGreaterThan(0);
  });
});

describe('reconnecting', () => {
  it('a client whose transport dies resyncs with no lost or duplicated events', async () => {
    const viewer = await joinedViewer();
    await request(viewer.socket, 'sim:control', { action: 'speed', speed: 100 });
    await until(() => viewer.log.length >= 20, 10_000, '20 events');
    // Kill the transport under the client, as a Wi-Fi drop would.
    viewer.socket.io.engine.close();
    await until(() => viewer.socket.disconnected, 2_000, 'the disconnect');
    await new Promise((r) => setTimeout(r, 150)); // events happen while it is away
    viewer.listen(await client());
    expect((await request(viewer.socket, 'sim:join', {})).ok).toBe(true);
    await until(() => viewer.batches.length > 0 && viewer.lastSeq > viewer.snapshots.at(-1)!.lastSeq + 5, 5_000, 'batches after the reconnect');
    const room = server.app.rooms.get('default')!;
    await request(viewer.socket, 'sim:control', { action: 'pause' });
    await until(() => viewer.lastSeq === room.engine.lastSeq, 2_000, 'the viewer to catch up');
    const serverLog = room.snapshot().events;
    expect(viewer.log).toEqual(serverLog);
    expect(viewer.gaps).toBe(0);
  });

  it('sim:resync sends a snapshot consistent with the next batch', async () => {
    const viewer = await joinedViewer();
    await request(viewer.socket, 'sim:control', { action: 'speed', speed: 100 });
    await until(() => viewer.log.length >= 10, 10_000, '10 events');
    const ack = await request<{ lastSeq: number }>(viewer.socket, 'sim:resync', {});
    expect(ack.ok).toBe(true);
    const count = viewer.batches.length;
    await until(() => viewer.batches.length > count + 2, 5_000, 'more batches');
    expect(viewer.gaps).toBe(0);
    viewer.log.forEach((e, i) => expect(e.seq).toBe(i + 1));
  });
});
