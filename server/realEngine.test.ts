// The live server with the real engine, catalog and built-in scenarios: scenario loading, explain, engine-level
// fault validation (a unit on the wrong role) and the origin check.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import { unitLabel } from '../shared/model/catalog.ts';
import type { ExplainStep } from '../shared/engine/types.ts';
import type { ScenarioInfo } from '../shared/protocol/messages.ts';
import { listScenarios, loadBuiltinScenario } from './scenarios.ts';
import { connectClient, request, startTestServer, until, Viewer, type ClientSocket, type TestServer } from './testing/harness.ts';

let server: TestServer;
let wallMs = 0;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    createEngine,
    restoreEngine,
    unitLabel,
    scenarios: { list: listScenarios, load: (name) => loadBuiltinScenario(name) },
    now: () => wallMs,
    autoTick: false,
    origins: ['https://class.example.org'],
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

async function joined(): Promise<Viewer> {
  const socket = await connectClient(server.url);
  sockets.push(socket);
  const viewer = new Viewer(socket);
  expect((await request(socket, 'sim:join', {})).ok).toBe(true);
  return viewer;
}

/** Run the default room for `wallToRun` ms of (fake) wall time, in 50 ms ticks; a narration that waits is continued at once. */
function run(wallToRun: number): void {
  const room = server.app.rooms.get('default')!;
  for (let t = 0; t < wallToRun; t += 50) {
    wallMs += 50;
    room.tick();
    if (room.playback().waiting === true) room.control({ action: 'resume' });
  }
}

describe('with the real engine', () => {
  it('lists the built-in scenarios over HTTP', async () => {
    const body = (await (await fetch(`${server.url}/api/scenarios`)).json()) as { scenarios: ScenarioInfo[] };
    expect(body.scenarios.map((s) => s.name)).toContain('zk-single-failure');
    for (const s of body.scenarios) expect(Object.keys(s)).toEqual(['name', 'title', 'description']);
  });

  it('scenario:load resets every client of the room into the scenario, whose steps then play', async () => {
    const a = await joined();
    const b = await joined();
    const scenario = loadBuiltinScenario('zk-single-failure');
    if (!scenario.ok) throw new Error(scenario.error);
    const ack = await request<{ scenario: ScenarioInfo }>(a.socket, 'scenario:load', { name: 'zk-single-failure' });
    expect(ack).toMatchObject({ ok: true, scenario: { name: 'zk-single-failure', title: scenario.scenario.title } });
    await until(() => b.snapshots.length === 2, 2_000, 'the scenario snapshot');
    expect(b.snapshots[1]).toMatchObject({ epoch: 1, seed: scenario.scenario.seed, cluster: scenario.scenario.cluster, scenario: { name: 'zk-single-failure' } });
    const lastStepMs = Math.max(...scenario.scenario.steps.map((s) => s.atMs));
    const room = server.app.rooms.get('default')!;
    room.control({ action: 'speed', speed: 100 });
    run(Math.ceil(lastStepMs / 100) + 1_000);
    await until(() => b.lastSeq === room.engine.lastSeq, 3_000, 'the other client to catch up');
    const says = scenario.scenario.steps.filter((s) => s.say !== undefined).map((s) => s.say);
    const narrated = b.log.filter((e) => e.type === 'narration').map((e) => (e.type === 'narration' ? e.text : ''));
    expect(narrated).toEqual(says);
    expect(b.gaps).toBe(0);
    // A reset afterwards is a plain boot again.
    expect((await request(a.socket, 'sim:control', { action: 'reset' })).ok).toBe(true);
    await until(() => b.snapshots.length === 3, 2_000, 'the reset snapshot');
    expect(b.snapshots[2]).toMatchObject({ epoch: 2, scenario: null });
  });

  it('an unknown scenario names the built-ins', async () => {
    const a = await joined();
    const ack = await request(a.socket, 'scenario:load', { name: 'nope' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error).toMatch(/zk-single-failure/);
  });

  it('sim:explain returns the cause tree; a unit not on that node is refused with what is there', async () => {
    const a = await joined();
    const ok = await request<{ chain: ExplainStep[] }>(a.socket, 'sim:explain', { node: 'master-1', unit: 'dcos-exhibitor' });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.chain[0]).toMatchObject({ ref: 'master-1/dcos-exhibitor', parent: null });
    // A stopped Exhibitor is explained by the stop, in words, marked as the root cause.
    expect((await request(a.socket, 'fault:inject', { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' })).ok).toBe(true);
    const stopped = await request<{ chain: ExplainStep[] }>(a.socket, 'sim:explain', { node: 'master-1', unit: 'dcos-exhibitor' });
    if (stopped.ok) expect(stopped.chain[1]).toMatchObject({ parent: 0, root: true, text: expect.stringMatching(/^the stop of Exhibitor on master-1 at \d\d:\d\d \(still active\)$/) });
    else expect.unreachable(stopped.error);
    const wrong = await request(a.socket, 'sim:explain', { node: 'agent-1', unit: 'dcos-exhibitor' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/units there: .*dcos-mesos-slave/);
  });

  it('a fault on a unit of the wrong role is refused by the engine, the simulation untouched', async () => {
    const a = await joined();
    const room = server.app.rooms.get('default')!;
    const before = room.snapshot();
    const ack = await request(a.socket, 'fault:inject', { kind: 'stop', node: 'agent-1', unit: 'dcos-exhibitor' });
    expect(ack.ok).toBe(false);
    const after = room.snapshot();
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.view).toEqual(before.view);
  });

  it('refuses sockets from foreign web pages, allows localhost and BOOTSCOPE_ORIGINS', async () => {
    const tryOrigin = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const s = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin } });
        s.once('connect', () => { s.disconnect(); resolve(true); });
        s.once('connect_error', () => { s.disconnect(); resolve(false); });
      });
    expect(await tryOrigin('https://evil.example.com')).toBe(false);
    expect(await tryOrigin('http://localhost:5173')).toBe(true);
    expect(await tryOrigin('https://class.example.org')).toBe(true);
  });
});
