// Boot Sequence steps are tied to what really happened, not fired as labels when a unit starts: what a class
// reads next to each step must be true at that moment.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { runWith, SMALL } from './testing.ts';
import { BOOT_SEQUENCE_PAGE } from '../model/bootSteps.ts';

const MIN = 60_000;
type Step = Extract<SimEvent, { type: 'step' }>;

describe('boot steps follow their real causes', () => {
  const { log } = runWith(SMALL, 7, [], 15 * MIN);
  const stepAt = (id: string, node: string | null) => log.find((e): e is Step => e.type === 'step' && e.step === id && e.node === node)!;
  const seqOf = (pred: (e: SimEvent) => boolean) => log.find(pred)?.seq ?? Infinity;

  it('VIP translation and overlay on an agent come only after its Mesos agent registered with the leader', () => {
    for (const node of ['agent-1', 'agent-2', 'public-agent-1']) {
      const registered = seqOf((e) => e.type === 'agent' && e.node === node && e.registered);
      expect(stepAt('agent.3.2', node).seq, node).toBeGreaterThan(registered);
      expect(stepAt('agent.3.3', node).seq, node).toBeGreaterThan(registered);
      expect(stepAt('agent.3.3', node).cause.text).toMatch(/overlay subnet/);
    }
  });

  it('VIP translation on a master waits for a Mesos leader, not just for dcos-net', () => {
    const leader = seqOf((e) => e.type === 'leader' && e.role === 'mesos' && e.node !== null);
    const netUp = seqOf((e) => e.type === 'unit' && e.node === 'master-1' && e.unit === 'dcos-net' && e.to === 'healthy');
    expect(stepAt('master.5.2', 'master-1').seq).toBeGreaterThan(Math.max(leader, netUp));
  });

  it('Admin Router proxies (9.4) only once /marathon answers 200 through it, and proxies /service/kafka only once Kafka registered', () => {
    const ok = seqOf((e) => e.type === 'availability' && e.availability.adminRouterStatus === 200);
    const proxied = log.filter((e): e is Step => e.type === 'step' && e.step === 'master.9.4');
    expect(proxied.length).toBeGreaterThan(0);
    for (const p of proxied) expect(p.seq).toBeGreaterThanOrEqual(ok);
    const kafka = seqOf((e) => e.type === 'step' && e.step === 'scheduler.5');
    for (const p of log.filter((e): e is Step => e.type === 'step' && e.step === 'master.9.5')) expect(p.seq).toBeGreaterThan(kafka);
  });

  it('"Logging and Metrics components start" waits for both the log and the metrics unit', () => {
    for (const [node, id, units] of [['master-2', 'master.7', ['dcos-log-master', 'dcos-metrics-master']], ['agent-1', 'agent.4', ['dcos-log-agent', 'dcos-metrics-agent']]] as const) {
      const bothUp = Math.max(...units.map((u) => seqOf((e) => e.type === 'unit' && e.node === node && e.unit === u && e.to === 'healthy')));
      expect(stepAt(id, node).seq, node).toBeGreaterThan(bothUp);
    }
  });

  it('Marathon finds the Mesos leader through ZooKeeper (--master zk://), and says the page differs', () => {
    const found = log.find((e): e is Step => e.type === 'step' && e.step === 'master.6.3')!;
    expect(found.cause.text).toMatch(/ZooKeeper.*--master zk:\/\//);
    expect(found.cause.refs).toContain('fact:quorum');
  });

  it('names the page version its numbering follows', () => {
    expect(BOOT_SEQUENCE_PAGE.label).toMatch(/1\.10/);
  });
});
