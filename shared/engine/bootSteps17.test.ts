// Small fidelity fixes of issue 17 item 9 (docs/fidelity.md): what a class reads in the log and the Boot Sequence.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { runWith, SMALL } from './testing.ts';

type Of<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;
const T = 12 * 60_000;

describe('what the log says', () => {
  it('a powered-off master\'s Marathon goes pending with the machine; it does not "exit (code 101)"', () => {
    const quiet = (() => {
      const v = runWith(SMALL, 1, [], T).engine.view();
      return ['master-1', 'master-2', 'master-3'].find((m) => m !== v.leaders.mesos && m !== v.leaders.marathon)!;
    })();
    const { log } = runWith(SMALL, 1, [[T, { kind: 'crash', node: quiet }]], T + 5_000);
    const own = log.filter((e): e is Of<'unit'> => e.type === 'unit' && e.node === quiet && e.unit === 'dcos-marathon' && e.simTimeMs >= T);
    expect(own.map((e) => e.to)).toEqual(['pending']);
  });

  it('master.1.3 ("Reports cluster unhealthy until all master nodes are healthy") is never a pull that reads "unknown"', () => {
    const { log } = runWith(SMALL, 1, [], T);
    const steps = log.filter((e): e is Of<'step'> => e.type === 'step' && e.step === 'master.1.3');
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(s.cause.text).not.toMatch(/cluster unknown/);
  });

  it('master.9.2 names where Admin Router really finds Marathon (its cached state-summary and /v2/leader)', () => {
    const { log } = runWith(SMALL, 1, [], T);
    const s = log.find((e): e is Of<'step'> => e.type === 'step' && e.step === 'master.9.2')!;
    expect(s.cause.text).toMatch(/state-summary.*127\.0\.0\.1:8080\/v2\/leader/);
  });

  it('master.5.2/5.3 (VIPs, overlay) wait for the master\'s own Mesos master: dcos-net programs them from its local Mesos', () => {
    const { log } = runWith(SMALL, 1, [[0, { kind: 'stop', node: 'master-2', unit: 'dcos-mesos-master' }], [8 * 60_000, { kind: 'start', node: 'master-2', unit: 'dcos-mesos-master' }]], T);
    const up = log.find((e) => e.type === 'unit' && e.node === 'master-2' && e.unit === 'dcos-mesos-master' && e.to === 'healthy')!;
    const vip = log.find((e) => e.type === 'step' && e.step === 'master.5.2' && e.node === 'master-2')!;
    expect(vip.simTimeMs).toBeGreaterThanOrEqual(up.simTimeMs);
  });

  it('the first ZooKeeper quorum says the boot is shortened: DC/OS docs allow about 10 minutes for the first convergence', () => {
    const { log } = runWith(SMALL, 1, [], T);
    const q = log.find((e): e is Of<'quorum'> => e.type === 'quorum' && e.have >= e.need)!;
    expect(q.cause.text).toMatch(/about 10 minutes.*shortened/);
    const later = log.filter((e): e is Of<'quorum'> => e.type === 'quorum' && e.simTimeMs > q.simTimeMs);
    for (const e of later) expect(e.cause.text).not.toMatch(/shortened/);
  });
});
