// Each built-in scenario does what its narration tells the class. The scenarios run through the CLI
// (ndjson), and these tests read the event log like a student would: who leads, is there quorum, is the
// cluster healthy, can users reach the API.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from '../../shared/engine/types.ts';
import { nodeIp } from '../../shared/model/cluster.ts';
import { loadBuiltinScenario, type Scenario } from '../scenarios.ts';
import { captureCli, parseNdjson } from './capture.ts';
import type { RunSummary } from './summary.ts';

interface Played {
  scenario: Scenario;
  events: SimEvent[];
  summary: RunSummary;
}

async function play(name: string): Promise<Played> {
  const loaded = loadBuiltinScenario(name);
  if (!loaded.ok) throw new Error(loaded.error);
  const run = await captureCli(['--scenario', name, '--format', 'ndjson']);
  expect(run.code).toBe(0);
  expect(run.stderr).toEqual([]);
  const lines = parseNdjson(run.stdout);
  return { scenario: loaded.scenario, events: lines.slice(0, -1) as unknown as SimEvent[], summary: lines[lines.length - 1] as unknown as RunSummary };
}

type Of<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const ofType = <T extends SimEvent['type']>(events: SimEvent[], type: T): Of<T>[] => events.filter((e): e is Of<T> => e.type === type);
const between = <E extends SimEvent>(events: E[], fromMs: number, toMs: number) => events.filter((e) => e.simTimeMs >= fromMs && e.simTimeMs < toMs);
/** The value in force just before `atMs` (what a step at atMs finds). */
const lastBefore = <E extends SimEvent>(events: E[], atMs: number): E | undefined => events.filter((e) => e.simTimeMs < atMs).at(-1);
const faultTimes = (s: Scenario, kind: Fault['kind']) => s.steps.filter((st) => st.fault?.kind === kind).map((st) => st.atMs);

/** When the narration containing `words` is said (it must exist exactly once). */
function saidAt(p: Played, words: string): number {
  const hits = ofType(p.events, 'narration').filter((e) => e.text.includes(words));
  expect(hits, `${p.scenario.name}: one narration containing "${words}"`).toHaveLength(1);
  return hits[0].simTimeMs;
}

/** Narration must not run ahead of what it describes (timings move when the engine is retuned). */
function expectSaidAfter(p: Played, words: string, happenedAtMs: number | undefined) {
  expect(happenedAtMs, `${p.scenario.name}: the event behind "${words}" happened`).toBeDefined();
  expect(saidAt(p, words), `${p.scenario.name}: "${words}" is said after it happened (${happenedAtMs} ms)`).toBeGreaterThanOrEqual(happenedAtMs!);
}

function expectRecovered(p: Played) {
  const agents = p.scenario.cluster.agents + p.scenario.cluster.publicAgents;
  expect(p.summary).toMatchObject({ clusterHealth: 'healthy', quorum: { have: 3, need: 2 }, registeredAgents: agents, unhealthyTotal: 0, scriptErrors: [] });
  expect(p.summary.leaders.mesos).not.toBeNull();
  expect(p.summary.leaders.marathon).not.toBeNull();
  expect(p.summary.availability).toMatchObject({ uiReachable: true, apiReachable: true, tasksLaunchable: true });
}

/** Every fault step happens on a healthy cluster (the lesson starts from a known-good state). */
function expectHealthyBeforeFirstFault(p: Played) {
  const first = Math.min(...p.scenario.steps.filter((s) => s.fault).map((s) => s.atMs));
  expect(lastBefore(ofType(p.events, 'cluster'), first)?.health, `cluster health at the first fault (${first} ms)`).toBe('healthy');
}

/** leader-failover: until the dead leader's session expires the agents stay as they are and Marathon keeps leading and answering. */
function expectDetectorsWait(p: Played, killAt: number) {
  const window = between(p.events, killAt, killAt + 10_000);
  expect(ofType(window, 'agent'), 'agents only log "Master disconnected!" before the session expires').toEqual([]);
  expect(ofType(window, 'leader').filter((e) => e.role === 'marathon'), 'Marathon keeps leading until its driver hears of the change').toEqual([]);
  for (const a of ofType(window, 'availability')) expect(a.availability).toMatchObject({ apiReachable: true, tasksLaunchable: false });
  const disconnected = ofType(p.events, 'agent').find((e) => e.simTimeMs >= killAt && !e.registered);
  expect(disconnected?.simTimeMs).toBe(killAt + 10_000);
  const abdicated = ofType(p.events, 'unit').find((e) => e.simTimeMs >= killAt && e.unit === 'dcos-marathon' && e.from === 'healthy');
  expect(abdicated?.simTimeMs).toBe(killAt + 10_000);
  expect(abdicated?.cause.text).toMatch(/code 103/);
  expectSaidAfter(p, 'The session expired', killAt + 10_000);
  expect(saidAt(p, 'No Mesos leader answers')).toBeLessThan(killAt + 10_000);
}

describe('built-in scenarios behave as narrated', () => {
  const runs: Record<string, Played> = {};
  beforeAll(async () => {
    for (const name of ['healthy-boot', 'zk-quorum-loss', 'zk-single-failure', 'slow-mesos-dns', 'leader-failover', 'agent-partition', 'master-crash']) {
      runs[name] = await play(name);
    }
  }, 120_000);

  it('every say step is narrated, in order, at its time (a step waiting for a fact: when it holds, and later steps after it)', () => {
    for (const p of Object.values(runs)) {
      const said = ofType(p.events, 'narration');
      const steps = p.scenario.steps.filter((s) => s.say).map((s, i) => ({ ...s, i })).sort((a, b) => a.atMs - b.atMs || a.i - b.i);
      expect(said.map((e) => e.text), p.scenario.name).toEqual(steps.map((s) => s.say));
      let previous = 0;
      steps.forEach((s, k) => {
        const at = said[k].simTimeMs;
        if (s.when === undefined) expect(at, `${p.scenario.name}: "${s.say}"`).toBe(Math.max(s.atMs, previous));
        else expect(at, `${p.scenario.name}: "${s.say}"`).toBeGreaterThanOrEqual(Math.max(s.atMs, previous));
        previous = at;
      });
    }
  });

  it('healthy-boot: ZooKeeper quorum, then a Mesos leader, then leader.mesos, then Marathon; healthy at the end', () => {
    const p = runs['healthy-boot'];
    const quorumAt = ofType(p.events, 'quorum').find((e) => e.have >= e.need)!.simTimeMs;
    const mesosAt = ofType(p.events, 'leader').find((e) => e.role === 'mesos' && e.node !== null)!.simTimeMs;
    const dnsAt = ofType(p.events, 'dns').find((e) => e.name === 'leader.mesos' && e.value !== null)!.simTimeMs;
    const marathonAt = ofType(p.events, 'leader').find((e) => e.role === 'marathon' && e.node !== null)!.simTimeMs;
    const healthyAt = ofType(p.events, 'cluster').find((e) => e.health === 'healthy')!.simTimeMs;
    expect(quorumAt).toBeLessThanOrEqual(mesosAt);
    expect(mesosAt).toBeLessThanOrEqual(dnsAt);
    expect(dnsAt).toBeLessThanOrEqual(marathonAt);
    expect(marathonAt).toBeLessThanOrEqual(healthyAt);
    expect(ofType(p.events, 'fault')).toEqual([]);
    const agentsAt = Math.max(...ofType(p.events, 'agent').filter((e) => e.registered).map((e) => e.simTimeMs));
    expectSaidAfter(p, 'ZooKeeper has quorum', quorumAt);
    expectSaidAfter(p, 'diagnostics pull reports masters unhealthy', ofType(p.events, 'cluster').find((e) => e.health === 'unhealthy')?.simTimeMs);
    // Said when the leader is elected, and worded so: leader.mesos and the agents follow "within a second".
    expectSaidAfter(p, 'elected a Mesos leader', mesosAt);
    expect(Math.max(dnsAt, agentsAt) - mesosAt).toBeLessThanOrEqual(2_000);
    expectSaidAfter(p, 'elected its own leader', marathonAt);
    expectSaidAfter(p, 'Admin Router comes last', ofType(p.events, 'availability').find((e) => e.availability.uiReachable)?.simTimeMs);
    // The API answers only after Admin Router's first cache poll, 2 s after it started.
    const ui = ofType(p.events, 'availability').find((e) => e.availability.uiReachable)!;
    const api = ofType(p.events, 'availability').find((e) => e.availability.apiReachable)!;
    expect(api.simTimeMs - ui.simTimeMs).toBeGreaterThanOrEqual(2_000);
    expectSaidAfter(p, 'Healthy.', healthyAt);
    expectRecovered(p);
  });

  it('zk-quorum-loss: quorum 1 of 3, no Mesos leader, leader.mesos gone, API unreachable; healthy again at the end', () => {
    const p = runs['zk-quorum-loss'];
    expectHealthyBeforeFirstFault(p);
    const [stopAt] = faultTimes(p.scenario, 'stop');
    const [startAt] = faultTimes(p.scenario, 'start');
    const outage = (es: SimEvent[]) => between(es as never[], stopAt, startAt) as SimEvent[];
    expect(ofType(outage(p.events), 'quorum').some((e) => e.have === 1 && e.need === 2)).toBe(true);
    expect(ofType(outage(p.events), 'leader').some((e) => e.role === 'mesos' && e.node === null)).toBe(true);
    expect(ofType(outage(p.events), 'dns').some((e) => e.name === 'leader.mesos' && e.value === null)).toBe(true);
    expect(ofType(outage(p.events), 'availability').some((e) => !e.availability.apiReachable)).toBe(true);
    expect(ofType(outage(p.events), 'cluster').some((e) => e.health === 'unhealthy')).toBe(true);
    expectSaidAfter(p, 'Mesos leader\'s ZooKeeper session expires', ofType(p.events, 'leader').find((e) => e.role === 'mesos' && e.node === null && e.simTimeMs >= stopAt)?.simTimeMs);
    expectSaidAfter(p, 'Mesos-DNS waited 30 s', ofType(p.events, 'dns').find((e) => e.name === 'leader.mesos' && e.value === null && e.simTimeMs >= stopAt)?.simTimeMs);
    expectSaidAfter(p, 'marked all three masters unhealthy', ofType(p.events, 'cluster').find((e) => e.health === 'unhealthy' && e.simTimeMs >= stopAt)?.simTimeMs);
    expectSaidAfter(p, 'ZooKeeper has quorum again', ofType(p.events, 'dns').find((e) => e.name === 'leader.mesos' && e.value !== null && e.simTimeMs >= startAt)?.simTimeMs);
    expectSaidAfter(p, 'the API answers', ofType(p.events, 'availability').find((e) => e.availability.apiReachable && e.availability.tasksLaunchable && e.simTimeMs >= startAt)?.simTimeMs);
    expectRecovered(p);
  });

  it('zk-single-failure: quorum never lost and users keep the API, but 3DT reports the cluster unhealthy', () => {
    const p = runs['zk-single-failure'];
    expectHealthyBeforeFirstFault(p);
    const [stopAt] = faultTimes(p.scenario, 'stop');
    const after = between(p.events, stopAt, Number.MAX_SAFE_INTEGER);
    for (const q of ofType(after, 'quorum')) expect(q.have, `quorum at ${q.simTimeMs}`).toBeGreaterThanOrEqual(q.need);
    expect(ofType(after, 'cluster').some((e) => e.health === 'unhealthy')).toBe(true);
    expectSaidAfter(p, 'so the cluster is unhealthy', ofType(after, 'cluster').find((e) => e.health === 'unhealthy')?.simTimeMs);
    expectSaidAfter(p, 'healthy again', ofType(after, 'cluster').filter((e) => e.health === 'healthy').at(-1)?.simTimeMs);
    const inForce = [lastBefore(ofType(p.events, 'availability'), stopAt)!, ...ofType(after, 'availability')];
    for (const a of inForce) expect(a.availability, `availability at ${a.simTimeMs}`).toMatchObject({ uiReachable: true, apiReachable: true });
    // The stopped Exhibitor is a JVM: exit 143 leaves the unit failed, and the pull that turns the cluster red names it.
    const stopped = ofType(p.events, 'unit').find((e) => e.simTimeMs === stopAt && e.unit === 'dcos-exhibitor')!;
    expect(stopped.to).toBe('failed');
    expect(stopped.cause.text).toMatch(/status 143/);
    const red = ofType(after, 'node').find((e) => e.node === stopped.node && e.health === 'unhealthy');
    expect(red?.cause.text).toMatch(/dcos-exhibitor/);
    expectSaidAfter(p, 'dcos-exhibitor itself is red', red?.simTimeMs);
    expectRecovered(p);
  });

  it('slow-mesos-dns: Mesos elects a leader long before leader.mesos resolves, and Marathon waits for it', () => {
    const p = runs['slow-mesos-dns'];
    const mesosAt = ofType(p.events, 'leader').find((e) => e.role === 'mesos' && e.node !== null)!.simTimeMs;
    const dnsAt = ofType(p.events, 'dns').find((e) => e.name === 'leader.mesos' && e.value !== null)!.simTimeMs;
    const marathonAt = ofType(p.events, 'leader').find((e) => e.role === 'marathon' && e.node !== null)!.simTimeMs;
    const healthy = runs['healthy-boot'];
    const normalDnsAt = ofType(healthy.events, 'dns').find((e) => e.name === 'leader.mesos' && e.value !== null)!.simTimeMs;
    expect(dnsAt - mesosAt).toBeGreaterThanOrEqual(60_000);
    expect(dnsAt - normalDnsAt).toBeGreaterThanOrEqual(60_000);
    expect(marathonAt).toBeGreaterThanOrEqual(dnsAt);
    const agentsAt = Math.max(...ofType(p.events, 'agent').filter((e) => e.registered).map((e) => e.simTimeMs));
    expectSaidAfter(p, 'the agents register with it within a second', mesosAt);
    expect(agentsAt - mesosAt).toBeLessThanOrEqual(1_000);
    expectSaidAfter(p, 'Mesos-DNS serves at last', dnsAt);
    expectSaidAfter(p, 'Healthy, minutes later', ofType(p.events, 'cluster').find((e) => e.health === 'healthy')?.simTimeMs);
    expectRecovered(p);
  });

  it('leader-failover: the killed master was the leader, a different master leads within 30 s', () => {
    const p = runs['leader-failover'];
    expectHealthyBeforeFirstFault(p);
    const kill = p.scenario.steps.find((s) => s.fault?.kind === 'kill')!;
    // The step names a role (@mesos-leader); the fault event in the log names the machine it hit.
    const killEvent = ofType(p.events, 'fault').find((e) => e.active && e.fault.kind === 'kill' && e.simTimeMs === kill.atMs);
    const killed = (killEvent!.fault as { node: string }).node;
    const mesosLeaders = ofType(p.events, 'leader').filter((e) => e.role === 'mesos');
    expect(lastBefore(mesosLeaders, kill.atMs)?.node, 'leader when the kill happens').toBe(killed);
    const next = mesosLeaders.find((e) => e.simTimeMs >= kill.atMs && e.node !== null && e.node !== killed);
    expect(next, 'a new leader is elected').toBeDefined();
    expect(next!.simTimeMs - kill.atMs).toBeLessThanOrEqual(30_000);
    expectSaidAfter(p, 'A new leader is elected', next!.simTimeMs);
    expect(next!.simTimeMs - kill.atMs, 'no election before the dead leader\'s ZooKeeper session expires').toBeGreaterThanOrEqual(10_000);
    expectSaidAfter(p, 'the agents re-register within a second', Math.max(...ofType(p.events, 'agent').filter((e) => e.registered && e.simTimeMs > kill.atMs).map((e) => e.simTimeMs)));
    expectSaidAfter(p, 'so tasks can launch again', ofType(p.events, 'availability').find((e) => e.simTimeMs > kill.atMs && e.availability.tasksLaunchable)?.simTimeMs);
    expectDetectorsWait(p, kill.atMs);
    const apiBack = ofType(p.events, 'availability').find((e) => e.simTimeMs > kill.atMs + 10_000 && e.availability.apiReachable);
    expectSaidAfter(p, 'answers 200 again', apiBack?.simTimeMs);
    expectSaidAfter(p, 'It rejoined as a follower', ofType(p.events, 'unit').find((e) => e.node === killed && e.unit === 'dcos-mesos-master' && e.to === 'healthy' && e.simTimeMs > kill.atMs)?.simTimeMs);
    expectRecovered(p);
  });

  it('agent-partition: agent-1 is marked unreachable only after the 5-minute ping timeout, its tasks turn unreachable and come back running after heal; the cluster stays healthy', () => {
    const p = runs['agent-partition'];
    expectHealthyBeforeFirstFault(p);
    const [cutAt] = faultTimes(p.scenario, 'partition');
    const [healAt] = faultTimes(p.scenario, 'heal');
    const agent1 = ofType(p.events, 'agent').filter((e) => e.node === 'agent-1');
    const lost = agent1.find((e) => e.simTimeMs > cutAt && !e.registered);
    expect(lost, 'agent-1 deregistered during the partition').toBeDefined();
    expect(lost!.simTimeMs - cutAt).toBeGreaterThanOrEqual(295_000);
    expect(lost!.simTimeMs).toBeLessThan(healAt);
    expect(agent1.some((e) => e.simTimeMs >= healAt && e.registered)).toBe(true);
    expect(ofType(between(p.events, cutAt, healAt), 'cluster').filter((e) => e.health !== 'healthy')).toEqual([]);
    expect(ofType(between(p.events, cutAt, healAt), 'node').some((e) => e.node === 'agent-1' && e.health === 'unknown')).toBe(true);
    expect(ofType(between(p.events, cutAt + 300_000, healAt + 1), 'task').some((e) => e.node !== 'agent-1' && e.state === 'staging')).toBe(true);
    expectSaidAfter(p, 'its health is unknown', ofType(p.events, 'node').find((e) => e.node === 'agent-1' && e.health === 'unknown')?.simTimeMs);
    expectSaidAfter(p, 'Five minutes without a pong', lost!.simTimeMs);
    expectSaidAfter(p, 'read agent-1 again', ofType(p.events, 'node').find((e) => e.node === 'agent-1' && e.health === 'healthy' && e.simTimeMs > healAt)?.simTimeMs);
    expect(lost!.unreachable).toBe(true);
    const tasks1 = ofType(p.events, 'task').filter((e) => e.node === 'agent-1' && e.simTimeMs > cutAt);
    expect(tasks1.some((e) => e.state === 'unreachable' && e.simTimeMs === lost!.simTimeMs)).toBe(true);
    expect(tasks1.some((e) => e.state === 'lost')).toBe(false);
    expect(tasks1.some((e) => e.state === 'running' && e.simTimeMs >= healAt)).toBe(true);
    const killed = ofType(p.events, 'task').filter((e) => e.state === 'killed' && e.simTimeMs >= healAt);
    expect(killed.length, 'the surplus replacements are killed').toBeGreaterThan(0);
    for (const k of killed) expect(k.node).not.toBe('agent-1');
    expectRecovered(p);
  });

  it('master-crash: quorum holds and users keep UI, API and task launches while 3DT says not healthy; the master rejoins', () => {
    const p = runs['master-crash'];
    expectHealthyBeforeFirstFault(p);
    const [crashAt] = faultTimes(p.scenario, 'crash');
    const [bootAt] = faultTimes(p.scenario, 'boot');
    const down = between(p.events, crashAt, bootAt);
    for (const q of ofType(down, 'quorum')) expect(q.have).toBeGreaterThanOrEqual(q.need);
    expect(ofType(down, 'cluster').some((e) => e.health !== 'healthy')).toBe(true);
    expectSaidAfter(p, 'diagnostics pull failed to reach', ofType(down, 'cluster').find((e) => e.health !== 'healthy')?.simTimeMs);
    expectSaidAfter(p, 'healthy again', ofType(p.events, 'cluster').filter((e) => e.health === 'healthy').at(-1)?.simTimeMs);
    // Availability in force during the outage: the last value before the crash and every change during it.
    const inForce = [lastBefore(ofType(p.events, 'availability'), crashAt)!, ...ofType(down, 'availability')];
    for (const a of inForce) expect(a.availability).toMatchObject({ uiReachable: true, apiReachable: true, tasksLaunchable: true });
    expectRecovered(p);
  });
});

describe('leader-failover-5000 behaves as narrated', () => {
  let p: Played;
  beforeAll(async () => {
    p = await play('leader-failover-5000');
  }, 120_000);

  it('every agent drops when the dead leader\'s ZooKeeper session expires (10 s after the kill, not at it), re-registers within two seconds of the new election, and the narration follows', () => {
    expectHealthyBeforeFirstFault(p);
    const agents = p.scenario.cluster.agents + p.scenario.cluster.publicAgents;
    const kill = p.scenario.steps.find((s) => s.fault?.kind === 'kill')!.atMs;
    const killed = (ofType(p.events, 'fault').find((e) => e.active && e.simTimeMs === kill)!.fault as { node: string }).node;
    expect(ofType(between(p.events, kill, kill + 10_000), 'agent')).toEqual([]);
    const dropped = ofType(p.events, 'agent').filter((e) => e.simTimeMs === kill + 10_000 && !e.registered);
    expect(dropped).toHaveLength(agents);
    expectSaidAfter(p, 'The session expired', kill + 10_000);
    const elected = ofType(p.events, 'leader').find((e) => e.role === 'mesos' && e.simTimeMs > kill && e.node !== null)!;
    expect(elected.node).not.toBe(killed);
    expect(elected.simTimeMs - kill).toBeLessThanOrEqual(30_000);
    expectSaidAfter(p, 'Now the storm', elected.simTimeMs);
    const back = ofType(p.events, 'agent').filter((e) => e.simTimeMs >= elected.simTimeMs && e.registered);
    expect(new Set(back.map((e) => e.node)).size).toBe(agents);
    const stormEnd = Math.max(...back.map((e) => e.simTimeMs));
    expect(stormEnd - elected.simTimeMs).toBeLessThanOrEqual(2_000);
    expectSaidAfter(p, 'The storm is over', stormEnd);
  });

  it('Mesos-DNS, Admin Router and Marathon catch up before the narration says so; 3DT never leaves HEALTHY', () => {
    const kill = p.scenario.steps.find((s) => s.fault?.kind === 'kill')!.atMs;
    const elected = ofType(p.events, 'leader').find((e) => e.role === 'mesos' && e.simTimeMs > kill && e.node !== null)!;
    const leaderIp = nodeIp(elected.node!);
    const dns = ofType(p.events, 'dns').find((e) => e.name === 'leader.mesos' && e.simTimeMs > kill && e.value === leaderIp);
    expectSaidAfter(p, 'leader.mesos now names the new leader', dns?.simTimeMs);
    const launchable = ofType(p.events, 'availability').find((e) => e.simTimeMs > kill && e.availability.tasksLaunchable);
    expectSaidAfter(p, 'new tasks can launch', launchable?.simTimeMs);
    // Admin Router's cache names the exited Marathon until its next 25 s poll: the API comes back at a poll, later.
    const api = ofType(p.events, 'availability').find((e) => e.simTimeMs > kill + 10_000 && e.availability.apiReachable);
    expect(api!.simTimeMs).toBeGreaterThan(launchable!.simTimeMs);
    expectSaidAfter(p, 'answers 200 again', api?.simTimeMs);
    const marathonDns = ofType(p.events, 'dns').find((e) => e.name === 'marathon.mesos' && e.simTimeMs > kill && e.value !== null);
    expectSaidAfter(p, 'marathon.mesos follows', marathonDns?.simTimeMs);
    expect(ofType(p.events, 'cluster').filter((e) => e.simTimeMs >= kill)).toEqual([]);
    expect(ofType(p.events, 'leader').filter((e) => e.role === 'mesos' && e.simTimeMs > elected.simTimeMs)).toEqual([]);
    expectRecovered(p);
  });
});
