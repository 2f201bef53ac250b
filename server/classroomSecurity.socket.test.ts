// The classroom's security over real sockets (issue 9): the Origin gate refuses a DNS-rebinding page, one address
// cannot make rooms without end nor out-send the per-address budget with many sockets, and a room nobody has changed
// for hours is closed with a notice to the viewers still connected (never the default room).
import { connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { request, until, type ClientSocket } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';

const INACTIVE_MS = 3_600_000;
const env = useRealSocketRoom({ limits: { openRoomsPerAddress: 3, addressCommandsPerSecond: 5, addressCommandBurst: 10, roomInactiveMs: INACTIVE_MS } });

function connectWithOrigin(origin: string): Promise<'connected' | string> {
  const socket = connect(env.server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { Origin: origin } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('origin gate', () => {
  it('lets a page on this machine in and refuses a rebinding page whose name equals the Host header', async () => {
    expect(await connectWithOrigin('http://localhost:5173')).toBe('connected');
    const host = new URL(env.server.url).host;
    expect(await connectWithOrigin(`http://${host}`)).toBe('connected'); // the server's IP, same origin
    expect(await connectWithOrigin('http://evil.example')).not.toBe('connected');
  });
});

describe('per-address limits', () => {
  it('one address makes at most openRoomsPerAddress rooms by joining new names or forking', async () => {
    const socket = await env.connected();
    for (const name of ['lab-1', 'lab-2', 'lab-3']) expect((await request(socket, 'sim:join', { room: name })).ok, name).toBe(true);
    const refused = await request(socket, 'sim:join', { room: 'lab-4' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/room limit per address reached: your address already made 3 rooms \(at most 3\)/);
    const fork = await request(socket, 'sim:fork', {});
    expect(fork.ok).toBe(false);
    // Existing rooms stay open to the address.
    expect((await request(socket, 'sim:join', { room: 'lab-1' })).ok).toBe(true);
    expect((await request(socket, 'sim:join', {})).ok).toBe(true);
  });

  it('many sockets of one address share one command budget', async () => {
    const sockets: ClientSocket[] = [];
    for (let i = 0; i < 4; i++) sockets.push(await env.joined());
    const acks = await Promise.all(sockets.flatMap((s) => Array.from({ length: 10 }, () => request(s, 'sim:resync', {}))));
    const limited = acks.filter((a) => !a.ok && /rate limit/.test(a.error));
    // 40 commands from one address with a burst of 10 (the joins took 4): about 34 refused, each socket alone allows 40.
    expect(limited.length).toBeGreaterThanOrEqual(25);
    env.clock += 10_000;
    expect((await request(sockets[0]!, 'sim:explain', { node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);
  });
});

describe('inactive rooms', () => {
  it('a room nobody changed for hours is closed with a notice to its viewers; the default room stays', async () => {
    const viewer = await env.connected();
    expect((await request(viewer, 'sim:join', { room: 'forgotten' })).ok).toBe(true);
    const watcher = await env.joined();
    const notices: { room: string; reason: string }[] = [];
    viewer.on('room:closed', (n) => notices.push(n));
    watcher.on('room:closed', (n) => notices.push(n));
    env.clock += INACTIVE_MS - 1_000;
    expect(env.server.app.rooms.sweep()).toEqual([]);
    env.clock += 2_000;
    expect(env.server.app.rooms.sweep()).toEqual(['forgotten']);
    await until(() => notices.length > 0, 5_000, 'the notice');
    expect(notices).toEqual([{ room: 'forgotten', reason: expect.stringMatching(/room 'forgotten' was closed: nobody changed it for 1 hour\./) }]);
    const after = await request(viewer, 'fault:inject', { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error).toMatch(/was closed; join another room/);
    expect(env.server.app.rooms.get('default')).toBeDefined();
  });

  it('a change by anyone keeps the room open', async () => {
    const viewer = await env.connected();
    expect((await request(viewer, 'sim:join', { room: 'busy' })).ok).toBe(true);
    env.clock += INACTIVE_MS - 1_000;
    expect((await request(viewer, 'sim:control', { action: 'pause' })).ok).toBe(true);
    env.clock += 2_000;
    expect(env.server.app.rooms.sweep()).toEqual([]);
  });
});
