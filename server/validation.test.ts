// Nothing a client sends can crash the server or touch the simulation unless it is a valid command.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, request, startTestServer, until, type ClientSocket, type TestServer } from './testing/harness.ts';

let server: TestServer;
const sockets: ClientSocket[] = [];

async function joined(): Promise<ClientSocket> {
  const socket = await connectClient(server.url);
  sockets.push(socket);
  expect((await request(socket, 'sim:join', {})).ok).toBe(true);
  return socket;
}

/** The room's observable state: what must not change when a command is rejected. */
function state() {
  const room = server.app.rooms.get('default')!;
  const snap = room.snapshot();
  return { lastSeq: snap.lastSeq, simTimeMs: snap.simTimeMs, epoch: snap.epoch, speed: snap.speed, paused: snap.paused, view: snap.view, events: snap.events.length };
}

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

const BAD: [string, string, unknown[], RegExp][] = [
  ['unknown node', 'fault:inject', [{ kind: 'stop', node: 'master-9', unit: 'tick' }], /unknown node 'master-9'/],
  ['unknown unit', 'fault:inject', [{ kind: 'kill', node: 'master-1', unit: 'dcos-foo' }], /unknown unit 'dcos-foo'/],
  ['negative delay', 'fault:inject', [{ kind: 'delay', node: 'master-1', unit: 'tick', ms: -5 }], /must not be negative/],
  ['absurd delay', 'fault:inject', [{ kind: 'delay', node: 'master-1', unit: 'tick', ms: 1e12 }], /at most/],
  ['unknown fault kind', 'fault:inject', [{ kind: 'explode', node: 'master-1' }], /invalid 'fault:inject' payload/],
  ['wrong types', 'fault:inject', [{ kind: 'stop', node: 42, unit: ['x'] }], /invalid 'fault:inject' payload/],
  ['extra keys', 'fault:inject', [{ kind: 'clear', now: true }], /invalid/],
  ['a string payload', 'fault:inject', ['clear'], /invalid/],
  ['null payload', 'sim:control', [null], /invalid/],
  ['absurd speed', 'sim:control', [{ action: 'speed', speed: 1e9 }], /invalid 'sim:control' payload/],
  ['zero speed', 'sim:control', [{ action: 'speed', speed: 0 }], /invalid/],
  ['NaN-ish speed', 'sim:control', [{ action: 'speed', speed: 'fast' }], /invalid/],
  ['unknown action', 'sim:control', [{ action: 'rewind' }], /invalid/],
  ['reset with 4 masters', 'sim:control', [{ action: 'reset', cluster: { masters: 4, agents: 1, publicAgents: 0 } }], /masters must be 1, 3 or 5/],
  ['reset with a negative seed', 'sim:control', [{ action: 'reset', seed: -1 }], /invalid/],
  ['two payloads', 'sim:control', [{ action: 'pause' }, { action: 'resume' }], /one payload/],
  ['a long node id', 'fault:inject', [{ kind: 'crash', node: 'x'.repeat(5000) }], /invalid/],
  ['unknown scenario', 'scenario:load', [{ name: 'no-such-lesson' }], /unknown scenario/],
  ['resync with keys', 'sim:resync', [{ since: 3 }], /invalid/],
  ['explain of an unknown node', 'sim:explain', [{ node: 'agent-99', unit: 'tick' }], /unknown node/],
];

describe('bad payloads are answered {ok:false} with the simulation unchanged', () => {
  it.each(BAD)('%s', async (_name, event, payload, message) => {
    const socket = await joined();
    await request(socket, 'sim:control', { action: 'pause' });
    const before = state();
    const ack = await request(socket, event, ...payload);
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error).toMatch(message);
    expect(state()).toEqual(before);
  });

  it('a command without an ack function is dropped and changes nothing', async () => {
    const socket = await joined();
    await request(socket, 'sim:control', { action: 'pause' });
    const before = state();
    socket.emit('fault:inject' as 'sim:join', { kind: 'clear' } as never, undefined as never);
    (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('sim:control', { action: 'resume' });
    (socket as unknown as { emit(e: string): void }).emit('sim:join');
    const ack = await request(socket, 'sim:resync', {});
    expect(ack.ok).toBe(true);
    expect(state()).toEqual(before);
  });

  it('a payload over maxHttpBufferSize closes only that connection; the server and other clients carry on', async () => {
    const victim = await joined();
    const other = await joined();
    await request(other, 'sim:control', { action: 'pause' });
    const before = state();
    (victim as unknown as { emit(e: string, ...a: unknown[]): void }).emit('fault:inject', { kind: 'crash', node: 'x'.repeat(64 * 1024) }, () => undefined);
    await until(() => victim.disconnected, 3_000, 'the oversized sender to be disconnected');
    expect(state()).toEqual(before);
    expect(await request(other, 'sim:resync', {})).toMatchObject({ ok: true });
  });

  it('rate-limits a flood of commands per socket with a readable error', async () => {
    const socket = await joined();
    const acks = await Promise.all(Array.from({ length: 80 }, () => request(socket, 'sim:control', { action: 'pause' })));
    const limited = acks.filter((a) => !a.ok);
    expect(limited.length).toBeGreaterThan(0);
    // The burst is 40 and sim:join took one token.
    expect(acks.filter((a) => a.ok).length).toBe(39);
    if (!limited[0].ok) expect(limited[0].error).toMatch(/rate limit/);
  });

  it('limits full snapshots (join / resync) separately: they can be megabytes each', async () => {
    const socket = await joined();
    let received = 0;
    socket.on('sim:snapshot', () => received++);
    const acks = await Promise.all(Array.from({ length: 30 }, () => request(socket, 'sim:resync', {})));
    const ok = acks.filter((a) => a.ok).length;
    // The burst is 10 and sim:join took one.
    expect(ok).toBe(9);
    const refused = acks.find((a) => !a.ok);
    if (refused && !refused.ok) expect(refused.error).toMatch(/snapshot/);
    await until(() => received === ok, 2_000, 'the allowed snapshots');
  });
});

describe('random payloads (fast-check)', () => {
  it('never crash the server, and a rejected command never changes the simulation', async () => {
    await server.close();
    server = await startTestServer({ limits: { commandsPerSecond: 10_000, commandBurst: 10_000, snapshotsPerSecond: 10_000, snapshotBurst: 10_000 } });
    const socket = await joined();
    await request(socket, 'sim:control', { action: 'pause' });
    const events = ['sim:join', 'sim:resync', 'fault:inject', 'sim:control', 'scenario:load', 'sim:explain'];
    const payload = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ kind: fc.constantFrom('kill', 'stop', 'start', 'hang', 'delay', 'partition', 'crash', 'clear', 'boot', 'x'), node: fc.oneof(fc.constantFrom('master-1', 'agent-1', 'nope'), fc.string()), unit: fc.oneof(fc.constant('tick'), fc.string()), ms: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: ['kind'] }),
      fc.record({ action: fc.constantFrom('pause', 'resume', 'step', 'speed', 'reset', 'jump'), speed: fc.double(), seed: fc.integer(), room: fc.string() }, { requiredKeys: ['action'] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), payload, async (event, body) => {
        const before = state();
        const ack = await request(socket, event, body);
        expect(typeof ack.ok).toBe('boolean');
        if (!ack.ok) {
          expect(typeof ack.error).toBe('string');
          expect(state()).toEqual(before);
        }
        // A valid resume/speed must not leave the room running for the next case.
        if (ack.ok && event === 'sim:control') await request(socket, 'sim:control', { action: 'pause' });
        // The history stays consistent: consecutive seqs ending at lastSeq.
        const snap = server.app.rooms.get('default')!.snapshot();
        snap.events.forEach((e, i) => expect(e.seq).toBe(i + 1));
        expect(snap.events.at(-1)?.seq ?? 0).toBe(snap.lastSeq);
      }),
      { numRuns: 150 },
    );
    expect(await request(socket, 'sim:resync', {})).toMatchObject({ ok: true });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
