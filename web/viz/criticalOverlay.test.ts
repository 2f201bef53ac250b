// The critical path as marks and as a shift against the healthy boot: which refs and DAG edges are on it, and the
// caption a teacher reads ("+2:14 through Mesos-DNS on master-1").
import { describe, expect, it } from 'vitest';
import type { CriticalPath } from '../../shared/protocol/baseline.ts';
import { criticalMarks, criticalShift, shiftCaption } from './criticalOverlay.ts';

const link = (ref: string, atMs: number, durationMs: number) => ({ ref, atMs, durationMs, text: ref });
const names = (_node: string, unit: string) => ({ 'dcos-mesos-dns': 'Mesos-DNS', 'dcos-exhibitor': 'Exhibitor / ZK' })[unit] ?? unit;

const twin: CriticalPath = {
  healthyAtMs: 300_000,
  chain: [link('master-1/dcos-exhibitor', 20_000, 20_000), link('fact:quorum', 200_000, 180_000), link('master-1/dcos-mesos-dns', 240_000, 40_000), link('master-1/dcos-diagnostics', 300_000, 60_000)],
};

describe('criticalMarks', () => {
  it('lists the chain\'s refs, the edges between consecutive units (across facts) and each unit\'s span', () => {
    const marks = criticalMarks(twin.chain);
    expect([...marks.refs]).toEqual(['master-1/dcos-exhibitor', 'fact:quorum', 'master-1/dcos-mesos-dns', 'master-1/dcos-diagnostics']);
    expect([...marks.edges]).toEqual(['master-1/dcos-exhibitor>master-1/dcos-mesos-dns', 'master-1/dcos-mesos-dns>master-1/dcos-diagnostics']);
    expect(marks.spans.get('master-1/dcos-mesos-dns')).toEqual([[200_000, 240_000]]);
    expect(marks.spans.get('master-1/*')).toHaveLength(3);
  });
});

describe('the shift against the healthy boot', () => {
  it('the shift against the baseline names the slowest link', () => {
    const run: CriticalPath = {
      healthyAtMs: 434_000,
      chain: [link('master-1/dcos-exhibitor', 20_000, 20_000), link('fact:quorum', 200_000, 180_000), link('master-1/dcos-mesos-dns', 370_000, 170_000), link('master-1/dcos-diagnostics', 434_000, 64_000)],
    };
    const shift = criticalShift(run, twin)!;
    expect(shift).toEqual({ deltaMs: 134_000, through: 'master-1/dcos-mesos-dns', growthMs: 130_000 });
    expect(shiftCaption(shift, names)).toBe('+2:14 through Mesos-DNS on master-1');
  });

  it('says when the run was as fast as its twin, and has nothing to say before both were healthy', () => {
    expect(shiftCaption(criticalShift(twin, twin)!, names)).toBe('same as the healthy boot');
    expect(criticalShift({ healthyAtMs: null, chain: [] }, twin)).toBeNull();
  });

  it('matches a unit that is on the chain twice by occurrence (launched, then healthy)', () => {
    const twice = (second: number): CriticalPath => ({ healthyAtMs: 10_000 + second, chain: [link('m/x', 5_000, 5_000), link('m/x', 10_000 + second, 5_000 + second)] });
    expect(criticalShift(twice(3_000), twice(0))).toMatchObject({ deltaMs: 3_000, growthMs: 3_000 });
  });
});
