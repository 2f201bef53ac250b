// A healthy boot, as a class would watch it: every unit reaches healthy through its gates, the cluster turns
// healthy after a diagnostics pull within 4-8 simulated minutes, and every Boot Sequence step happens, in an
// order consistent with DC/OS.
import { describe, expect, it } from 'vitest';
import { BOOT_STEPS } from '../model/bootSteps.ts';
import type { SimEvent } from './types.ts';
import { firstHealthyMs, runWith, SMALL } from './testing.ts';

const MIN = 60_000;

describe('healthy boot (3 masters, 2 agents, 1 public agent)', () => {
  const { engine, log } = runWith(SMALL, 7, [], 15 * MIN);
  const view = engine.view();

  it('brings every unit on every node to healthy and the cluster to healthy', () => {
    for (const n of view.nodes) for (const u of n.units) expect(`${n.id}/${u.id}:${u.state}`).toBe(`${n.id}/${u.id}:healthy`);
    expect(view.clusterHealth).toBe('healthy');
    expect(view.leaders.mesos).not.toBeNull();
    expect(view.leaders.marathon).not.toBeNull();
    expect(view.dns['leader.mesos']).toBe(view.nodes.find((n) => n.id === view.leaders.mesos)?.ip);
    expect([...view.registeredAgents].sort()).toEqual(['agent-1', 'agent-2', 'public-agent-1']);
    expect(view.availability).toEqual({ uiReachable: true, apiReachable: true, tasksLaunchable: true, adminRouterStatus: 200 });
    expect(view.quorum).toEqual({ have: 3, need: 2 });
  });

  it('reports every node healthy in the last diagnostics pull', () => {
    expect(view.diagnostics.nodes.map((r) => [r.node, r.health])).toEqual(view.nodes.map((n) => [n.id, 0]));
  });

  it('runs the default workload: /nginx x2, the /kafka scheduler and its brokers on private agents', () => {
    const running = view.tasks.filter((t) => t.state === 'running');
    expect(running.filter((t) => t.service === '/nginx')).toHaveLength(2);
    expect(running.filter((t) => t.service === '/kafka')).toHaveLength(1);
    const brokers = running.filter((t) => t.service === '/kafka/broker').length;
    expect(brokers).toBeGreaterThanOrEqual(1);
    expect(brokers).toBeLessThanOrEqual(3);
    for (const t of running) expect(t.node).toMatch(/^agent-/);
  });

  it('emits every Boot Sequence step with a cause, in an order consistent with DC/OS', () => {
    const steps = log.filter((e): e is Extract<SimEvent, { type: 'step' }> => e.type === 'step');
    const first = new Map<string, number>();
    for (const s of steps) {
      expect(s.cause.text.length).toBeGreaterThan(0);
      if (!first.has(s.step)) first.set(s.step, s.seq);
    }
    for (const b of BOOT_STEPS) expect(first.has(b.id), b.id).toBe(true);
    const before = (a: string, b: string) => expect(first.get(a)! < first.get(b)!, `${a} before ${b}`).toBe(true);
    before('master.2.1', 'master.3.3');
    before('master.3.3', 'master.4.1');
    before('master.4.1', 'master.6.4');
    before('master.6.4', 'master.9.6');
    before('master.3.3', 'agent.2.2');
    before('agent.2.1', 'agent.2.2');
    before('agent.2.2', 'agent.2.4');
    before('master.6.4', 'agent.2.4');
    before('service.1', 'service.2');
    before('service.2', 'service.3');
    before('scheduler.3', 'scheduler.4');
    before('scheduler.4', 'scheduler.5');
    before('scheduler.5', 'scheduler.6');
  });

  it('keeps the log small: a few tens of events per node', () => {
    expect(log.length / view.nodes.length).toBeLessThan(120);
  });
});

describe('time to a healthy cluster', () => {
  it.each([
    [1, 3],
    [3, 3],
    [5, 3],
  ] as const)('%i master(s): healthy within 3-9 simulated minutes for 3 seeds', (masters, seeds) => {
    for (let seed = 1; seed <= seeds; seed++) {
      const { log } = runWith({ masters, agents: 1, publicAgents: 0 }, seed, [], 15 * MIN);
      const t = firstHealthyMs(log);
      expect(t, `seed ${seed}`).not.toBeNull();
      expect(t!).toBeGreaterThan(masters === 1 ? MIN : 3 * MIN);
      expect(t!).toBeLessThan(9 * MIN);
    }
  });

  it('3 masters: the median over 9 seeds is within 4-8 minutes', () => {
    const times = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((seed) => firstHealthyMs(runWith({ masters: 3, agents: 0, publicAgents: 0 }, seed, [], 15 * MIN).log)!);
    times.sort((a, b) => a - b);
    expect(times[4]).toBeGreaterThanOrEqual(4 * MIN);
    expect(times[4]).toBeLessThanOrEqual(8 * MIN);
  });
});

describe('gates', () => {
  const { log } = runWith(SMALL, 3, [], 15 * MIN);
  const firstSeq = (pred: (e: SimEvent) => boolean) => log.find(pred)?.seq ?? Infinity;

  it('no unit gated on leader.mesos is healthy before leader.mesos first resolves', () => {
    const resolves = firstSeq((e) => e.type === 'dns' && e.name === 'leader.mesos' && e.value !== null);
    for (const unit of ['dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-history', 'dcos-signal', 'dcos-adminrouter', 'dcos-adminrouter-agent']) {
      expect(firstSeq((e) => e.type === 'unit' && e.unit === unit && e.to === 'healthy'), unit).toBeGreaterThan(resolves);
    }
  });

  it('Admin Router (master) starts only after marathon.mesos resolves', () => {
    const resolves = firstSeq((e) => e.type === 'dns' && e.name === 'marathon.mesos' && e.value !== null);
    expect(firstSeq((e) => e.type === 'unit' && e.unit === 'dcos-adminrouter' && e.to === 'healthy')).toBeGreaterThan(resolves);
  });

  it('no master unit behind exhibitor.wait starts before all three ZooKeepers serve', () => {
    const all = firstSeq((e) => e.type === 'quorum' && e.have === 3);
    for (const unit of ['dcos-net', 'dcos-mesos-master', 'dcos-mesos-dns', 'dcos-oauth', 'dcos-diagnostics']) {
      expect(firstSeq((e) => e.type === 'unit' && e.node.startsWith('master-') && e.unit === unit && e.to === 'healthy'), unit).toBeGreaterThan(all);
    }
  });

  it('shows waiting units with the gate that blocks them', () => {
    const w = log.find((e) => e.type === 'unit' && e.unit === 'dcos-marathon' && e.to === 'waiting');
    expect(w && w.type === 'unit' && w.cause.text).toMatch(/exhibitor\.wait|leader\.mesos/);
  });

  it('never emits a unit event that does not change the state', () => {
    for (const e of log) if (e.type === 'unit') expect(e.from).not.toBe(e.to);
  });
});
