// The fault playbook of design/dcos-model.md §5.9 with the real DC/OS 1.11 timings: what a class should see
// when ZooKeeper, Exhibitor, Mesos-DNS or the Mesos leader break, and that the cluster recovers.
import { describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from './types.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';

const MIN = 60_000;
const T = 12 * MIN; // well after a healthy boot for every seed used here
const stop = (node: string, unit: string): Fault => ({ kind: 'stop', node, unit });
const start = (node: string, unit: string): Fault => ({ kind: 'start', node, unit });

function healthSeries(log: SimEvent[], from: number): string[] {
  return log.filter((e) => e.simTimeMs >= from && e.type === 'cluster').map((e) => (e.type === 'cluster' ? e.health : ''));
}

describe('stop Exhibitor on master-1 of 3', () => {
  const { engine, log } = runWith(SMALL, 11, [[T, stop('master-1', 'dcos-exhibitor')]], T + 5 * MIN);

  it('keeps quorum but makes the cluster unhealthy at the next pull (dcos-oauth loses its local ZooKeeper)', () => {
    const q = firstAfter(log, T, 'quorum');
    expect(q && [q.have, q.need]).toEqual([2, 2]);
    const oauth = firstAfter(log, T, 'unit', (e) => e.node === 'master-1' && e.unit === 'dcos-oauth' && e.to === 'failed');
    expect(oauth?.cause.text).toMatch(/127\.0\.0\.1:2181/);
    const cluster = firstAfter(log, T, 'cluster');
    expect(cluster?.health).toBe('unhealthy');
    // The dashboard's health is the monitoring master's: it turns at that master's next pull, within a minute.
    const pull = firstAfter(log, T + 1, 'diagnostics', (e) => e.puller === cluster!.monitor)!;
    expect(pull.simTimeMs - T).toBeLessThanOrEqual(60_000);
    expect(cluster!.simTimeMs).toBe(pull.simTimeMs);
    expect(engine.view().leaders.mesos).not.toBeNull();
  });

  it('shows the stopped Exhibitor itself failed and unhealthy (a JVM exits 143 on SIGTERM, no SuccessExitStatus=143) and says so', () => {
    const v = engine.view();
    const exh = v.nodes[0].units.find((u) => u.id === 'dcos-exhibitor')!;
    expect(exh.state).toBe('failed');
    expect(exh.health).toBe(1);
    expect(exh.cause.text).toMatch(/status 143.*SuccessExitStatus=143/);
    const oauth = v.diagnostics.nodes[0].units['dcos-oauth'];
    expect(oauth.health).toBe(1);
  });

  it('explains dcos-oauth on master-1 back to the stop fault', () => {
    const chain = engine.explain('master-1', 'dcos-oauth');
    expect(chain[0].ref).toBe('master-1/dcos-oauth');
    expect(chain.map((s) => s.ref)).toContain('master-1/dcos-exhibitor');
    expect(chain.some((s) => s.ref.startsWith('fault:'))).toBe(true);
  });

  it('recovers after start: new ZooKeeper pid, blocked units pass once all masters serve, cluster healthy', () => {
    const r = runWith(SMALL, 11, [[T, stop('master-1', 'dcos-exhibitor')], [T + 3 * MIN, start('master-1', 'dcos-exhibitor')]], T + 8 * MIN);
    expect(healthSeries(r.log, T)).toEqual(['unhealthy', 'healthy']);
    const v = r.engine.view();
    for (const n of v.nodes) for (const u of n.units) expect(`${n.id}/${u.id}:${u.state}`).toBe(`${n.id}/${u.id}:healthy`);
    expect(v.faults).toEqual([]);
  });
});

describe('stop Exhibitor on 2 of 3 masters (quorum lost)', () => {
  const faults: [number, Fault][] = [[T, stop('master-1', 'dcos-exhibitor')], [T, stop('master-2', 'dcos-exhibitor')]];
  const { engine, log } = runWith(SMALL, 5, faults, T + 3 * MIN);

  it('loses quorum, then the Mesos leader exactly when its 10 s ZooKeeper session expires', () => {
    const q = firstAfter(log, T, 'quorum', (e) => e.have < e.need)!;
    expect(q.simTimeMs).toBe(T);
    const lost = firstAfter(log, T, 'leader', (e) => e.role === 'mesos' && e.node === null)!;
    expect(lost.simTimeMs - T).toBe(10_000);
    const suicide = firstAfter(log, T, 'unit', (e) => e.unit === 'dcos-mesos-master' && e.to === 'failed')!;
    expect(suicide.cause.text).toMatch(/committing suicide/);
  });

  it('Mesos-DNS exits 30 s after losing ZooKeeper; leader.mesos stops resolving', () => {
    const exits = log.filter((e) => e.type === 'unit' && e.unit === 'dcos-mesos-dns' && e.to === 'failed' && e.simTimeMs <= T + 30_000);
    expect(exits.map((e) => e.simTimeMs)).toEqual([T + 30_000, T + 30_000, T + 30_000]);
    const dns = firstAfter(log, T, 'dns', (e) => e.name === 'leader.mesos')!;
    expect(dns.value).toBeNull();
    expect(dns.simTimeMs).toBe(T + 30_000);
  });

  it('Marathon goes down, Admin Router answers 503, nothing can launch, the cluster is unhealthy', () => {
    const v = engine.view();
    expect(v.leaders).toEqual({ mesos: null, marathon: null });
    expect(v.dns['leader.mesos']).toBeNull();
    expect(v.availability.apiReachable).toBe(false);
    expect(v.availability.tasksLaunchable).toBe(false);
    expect([502, 503]).toContain(v.availability.adminRouterStatus);
    expect(v.clusterHealth).toBe('unhealthy');
    expect(v.registeredAgents).toEqual([]);
    // agents keep their tasks while DISCONNECTED: no leader exists to mark them unreachable
    expect(v.tasks.filter((t) => t.state === 'lost')).toEqual([]);
  });

  it('explains Marathon on master-2 back to the stopped Exhibitors', () => {
    const chain = engine.explain('master-2', 'dcos-marathon');
    const text = chain.map((s) => `${s.ref} ${s.text}`).join('\n');
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/quorum/i);
    expect(chain.some((s) => s.ref.startsWith('fault:'))).toBe(true);
  });

  it('recovers after both are started again', () => {
    const r = runWith(SMALL, 5, [...faults, [T + 4 * MIN, start('master-1', 'dcos-exhibitor')], [T + 4 * MIN, start('master-2', 'dcos-exhibitor')]], T + 10 * MIN);
    const v = r.engine.view();
    expect(v.clusterHealth).toBe('healthy');
    expect(v.leaders.mesos).not.toBeNull();
    expect(v.availability.adminRouterStatus).toBe(200);
    expect(v.registeredAgents).toHaveLength(3);
  });
});

describe('delay Mesos-DNS on every master from power-on', () => {
  const delay = (node: string): [number, Fault] => [0, { kind: 'delay', node, unit: 'dcos-mesos-dns', ms: 20 * MIN }];
  const { engine, log } = runWith(SMALL, 2, [delay('master-1'), delay('master-2'), delay('master-3')], 12 * MIN);

  it('Mesos has a leader, but leader.mesos never resolves and its dependents loop in their gates', () => {
    const v = engine.view();
    expect(v.leaders.mesos).not.toBeNull();
    expect(v.dns['leader.mesos']).toBeNull();
    for (const unit of ['dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-history', 'dcos-adminrouter']) {
      const u = v.nodes[0].units.find((x) => x.id === unit)!;
      expect(`${unit}:${u.state}`).toBe(`${unit}:waiting`);
    }
    expect(log.some((e) => e.type === 'cluster' && e.health === 'healthy')).toBe(false);
  });

  it('agents show as unknown (3) in diagnostics: Admin Router Agent cannot start without leader.mesos', () => {
    const v = engine.view();
    const agents = v.diagnostics.nodes.filter((r) => r.role !== 'master');
    expect(agents.length).toBe(3);
    for (const r of agents) expect(r.health).toBe(3);
    expect(v.nodes.find((n) => n.id === 'agent-1')!.health).toBe('unknown');
  });

  it('explains Admin Router back to the delay fault', () => {
    const chain = engine.explain('master-1', 'dcos-adminrouter');
    expect(chain.some((s) => s.ref === 'fact:leader.mesos' || s.ref === 'fact:marathon.mesos')).toBe(true);
    expect(chain.some((s) => s.ref.startsWith('fault:'))).toBe(true);
  });

  it('recovers promptly after clear: the pending start loses its extra delay', () => {
    const r = runWith(SMALL, 2, [delay('master-1'), delay('master-2'), delay('master-3'), [8 * MIN, { kind: 'clear' }]], 13 * MIN);
    const dns = firstAfter(r.log, 8 * MIN, 'dns', (e) => e.name === 'leader.mesos' && e.value !== null)!;
    expect(dns.simTimeMs - 8 * MIN).toBeLessThan(5_000);
    expect(r.engine.view().clusterHealth).toBe('healthy');
  });
});

describe('kill the Mesos leader', () => {
  it('elects a new leader within seconds; Mesos-DNS reloads at once; agents re-register', () => {
    const boot = runWith(SMALL, 9, [], T);
    const leader = boot.engine.view().leaders.mesos!;
    const { log, engine } = runWith(SMALL, 9, [[T, { kind: 'kill', node: leader, unit: 'dcos-mesos-master' }]], T + 3 * MIN);
    const next = firstAfter(log, T, 'leader', (e) => e.role === 'mesos' && e.node !== null)!;
    expect(next.node).not.toBe(leader);
    expect(next.simTimeMs - T).toBeLessThanOrEqual(15_000); // the crashed leader's ZK session (10 s) + election
    const dns = firstAfter(log, next.simTimeMs, 'dns', (e) => e.name === 'leader.mesos')!;
    expect(dns.simTimeMs - next.simTimeMs).toBeLessThan(2_000);
    const regs = log.filter((e) => e.type === 'agent' && e.registered && e.simTimeMs >= next.simTimeMs);
    expect(regs).toHaveLength(3);
    for (const r of regs) expect(r.simTimeMs - next.simTimeMs).toBeLessThanOrEqual(1_000);
    expect(engine.view().clusterHealth).toBe('healthy');
  });
});

describe('partition an agent', () => {
  it('marks it unreachable after 20 x 15 s missed pings, its tasks turn unreachable, and come back running after heal', () => {
    const boot = runWith(SMALL, 4, [], T);
    const victim = boot.engine.view().tasks.find((t) => t.state === 'running')!.node;
    const { log, engine } = runWith(SMALL, 4, [[T, { kind: 'partition', node: victim }], [T + 7 * MIN, { kind: 'heal', node: victim }]], T + 10 * MIN);
    const unreg = firstAfter(log, T, 'agent', (e) => e.node === victim && !e.registered)!;
    expect(unreg.simTimeMs - T).toBe(300_000);
    expect(unreg.unreachable).toBe(true);
    const unreachable = log.filter((e) => e.type === 'task' && e.state === 'unreachable');
    expect(unreachable.length).toBeGreaterThan(0);
    expect(unreachable[0].simTimeMs).toBe(T + 300_000);
    const rereg = firstAfter(log, T + 7 * MIN, 'agent', (e) => e.node === victim && e.registered)!;
    expect(rereg.simTimeMs - (T + 7 * MIN)).toBeLessThanOrEqual(1_000);
    const v = engine.view();
    expect(v.tasks.filter((t) => t.node === victim && t.state === 'running').length).toBeGreaterThan(0);
    expect(v.tasks.filter((t) => t.service === '/nginx' && t.state === 'running')).toHaveLength(2);
  });
});

describe('kill ZooKeeper (dcos-exhibitor) on 1 of 3', () => {
  it('keeps quorum, turns the cluster red at a pull inside the outage, then healthy again', () => {
    const boot = runWith(SMALL, 6, [], T);
    const pulls = boot.log.filter((e) => e.type === 'diagnostics').map((e) => e.simTimeMs);
    const at = pulls[pulls.length - 1] + 60_000 - 12_000; // 12 s before a pull
    const { log, engine } = runWith(SMALL, 6, [[at, { kind: 'kill', node: 'master-1', unit: 'dcos-exhibitor' }]], at + 6 * MIN);
    const quorums = log.filter((e) => e.type === 'quorum' && e.simTimeMs >= at);
    for (const q of quorums) if (q.type === 'quorum') expect(q.have).toBeGreaterThanOrEqual(2);
    expect(healthSeries(log, at)).toEqual(['unhealthy', 'healthy']);
    expect(engine.view().clusterHealth).toBe('healthy');
  });
});

describe('bootstrap pid shortcut (the 1.11 lesson)', () => {
  it('after ZooKeeper restarted on master-1, a unit restart there blocks until all masters serve; on master-3 it does not', () => {
    const kill = (node: string, unit: string): Fault => ({ kind: 'kill', node, unit });
    const faults: [number, Fault][] = [
      [T, stop('master-2', 'dcos-exhibitor')], // not all ZooKeepers serve from now on (quorum holds: 2/3)
      [T + MIN, kill('master-1', 'dcos-exhibitor')], // ZooKeeper on master-1 comes back with a new pid
      [T + 2 * MIN + 1_000, kill('master-1', 'dcos-history')],
      [T + 2 * MIN + 1_000, kill('master-3', 'dcos-history')],
    ];
    const { engine, log } = runWith(SMALL, 3, faults, T + 4 * MIN);
    const v = engine.view();
    expect(v.quorum.have).toBe(2);
    const h1 = v.nodes[0].units.find((u) => u.id === 'dcos-history')!;
    const h3 = v.nodes[2].units.find((u) => u.id === 'dcos-history')!;
    expect(h1.state).toBe('waiting');
    expect(h1.cause.text).toMatch(/exhibitor\.wait.*pid shortcut/);
    expect(h3.state).toBe('healthy');
    const back = firstAfter(log, T + 2 * MIN + 1_000, 'unit', (e) => e.node === 'master-3' && e.unit === 'dcos-history' && e.to === 'healthy');
    expect(back).toBeDefined();
  });
});

describe('leader failover while an agent is partitioned', () => {
  it('the new leader gives the agent 10 min to re-register (agent_reregister_timeout), then marks it unreachable', () => {
    const boot = runWith(SMALL, 4, [], T);
    const leader = boot.engine.view().leaders.mesos!;
    const victim = boot.engine.view().tasks.find((t) => t.state === 'running')!.node;
    const faults: [number, Fault][] = [[T, { kind: 'partition', node: victim }], [T + 30_000, { kind: 'kill', node: leader, unit: 'dcos-mesos-master' }]];
    const { log } = runWith(SMALL, 4, faults, T + 15 * MIN);
    const elected = firstAfter(log, T + 30_000, 'leader', (e) => e.role === 'mesos' && e.node !== null)!;
    const unreachable = log.filter((e) => e.type === 'task' && e.state === 'unreachable');
    expect(unreachable.length).toBeGreaterThan(0);
    for (const e of unreachable) expect(e.simTimeMs).toBe(elected.simTimeMs + 600_000);
    expect(unreachable[0].type === 'task' && unreachable[0].cause.text).toMatch(/re-register within 10 min/);
  });
});
