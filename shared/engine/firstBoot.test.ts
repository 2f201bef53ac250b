// First boot with one master late (issue 17 item 5; docs/fidelity.md): a fresh replicated log auto-initialises only
// when every replica (2 x quorum - 1 = every master) answers, so no Mesos leader serves, and no agent registers,
// before the last master's Mesos is up; meanwhile each elected master's registry fetch times out after 60 s, it
// exits and systemd restarts it 15 s later.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { runWith, SMALL } from './testing.ts';

type Of<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;

describe('first boot with one master late', () => {
  const late = 4 * 60_000;
  const { log } = runWith(SMALL, 1, [[0, { kind: 'delay', node: 'master-2', unit: 'dcos-mesos-master', ms: late }]], 15 * 60_000);
  const lateUp = log.find((e): e is Of<'unit'> => e.type === 'unit' && e.node === 'master-2' && e.unit === 'dcos-mesos-master' && e.to === 'healthy')!;
  const leader = log.find((e): e is Of<'leader'> => e.type === 'leader' && e.role === 'mesos' && e.node !== null)!;

  it('no Mesos leader and no registered agent before every master\'s Mesos is up', () => {
    expect(lateUp).toBeDefined();
    expect(leader.simTimeMs).toBeGreaterThanOrEqual(lateUp.simTimeMs);
    expect(leader.cause.text).toMatch(/initialised the fresh replicated log with all 3 replicas/);
    const firstAgent = log.find((e) => e.type === 'agent' && e.registered)!;
    expect(firstAgent.simTimeMs).toBeGreaterThanOrEqual(leader.simTimeMs);
  });

  it('the masters that win the election meanwhile exit "Recovery failed" after registry_fetch_timeout and systemd restarts them', () => {
    const failed = log.filter((e): e is Of<'unit'> => e.type === 'unit' && e.unit === 'dcos-mesos-master' && e.to === 'failed' && e.simTimeMs < lateUp.simTimeMs);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const f of failed) expect(f.cause.text).toMatch(/"Recovery failed".*registry_fetch_timeout.*fresh.*all 3 replicas/);
    for (const f of failed) {
      const back = log.find((e) => e.type === 'unit' && e.node === f.node && e.unit === 'dcos-mesos-master' && e.from === 'failed' && e.simTimeMs > f.simTimeMs);
      expect(back!.simTimeMs - f.simTimeMs).toBe(15_000);
    }
  });

  it('Mesos-DNS does not time out while an elected master recovers: its detector names that master', () => {
    const dnsExits = log.filter((e) => e.type === 'unit' && e.unit === 'dcos-mesos-dns' && e.to === 'failed' && e.simTimeMs < leader.simTimeMs);
    expect(dnsExits).toEqual([]);
  });

  it('once initialised, the log recovers from a quorum: a later failover does not wait for all masters', () => {
    const t = 14 * 60_000;
    const after = runWith(SMALL, 1, [[t, { kind: 'crash', node: 'master-2' }], [t + 30_000, { kind: 'kill', node: leader.node!, unit: 'dcos-mesos-master' }]], t + 120_000);
    const next = after.log.find((e): e is Of<'leader'> => e.type === 'leader' && e.role === 'mesos' && e.node !== null && e.simTimeMs > t + 30_000);
    expect(next?.cause.text).toMatch(/recovered the registry from 2\/3 replicas/);
  });
});
