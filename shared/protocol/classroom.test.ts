// Quiz scoring as a teacher reads it: what each student caught, missed and feared for nothing, and the class tally.
import { describe, expect, it } from 'vitest';
import type { AffectedUnit } from '../engine/types.ts';
import { scoreAnswer, scoreClass } from './classroom.ts';

const failed: AffectedUnit[] = [
  { node: 'master-1', unit: 'dcos-exhibitor', to: 'stopped', atMs: 420_000 },
  { node: 'master-1', unit: 'dcos-marathon', to: 'failed', atMs: 421_000 },
];

describe('quiz scoring', () => {
  it("scores one student's picks: caught, missed, false alarms", () => {
    expect(scoreAnswer(['master-1/dcos-exhibitor', 'agent-1/dcos-mesos-slave'], ['master-1/dcos-exhibitor', 'master-1/dcos-marathon'])).toEqual({
      caught: ['master-1/dcos-exhibitor'],
      missed: ['master-1/dcos-marathon'],
      falseAlarms: ['agent-1/dcos-mesos-slave'],
    });
  });

  it('tallies the class: votes per unit, perfect answers, what nobody expected, the mean share caught', () => {
    const tally = scoreClass(
      [
        ['master-1/dcos-exhibitor', 'master-1/dcos-marathon'],
        ['master-1/dcos-exhibitor', 'master-1/dcos-exhibitor'],
        ['agent-1/dcos-mesos-slave'],
      ],
      failed,
    );
    expect(tally.respondents).toBe(3);
    expect(tally.perfect).toBe(1);
    expect(tally.votes).toEqual([
      { ref: 'master-1/dcos-exhibitor', count: 2 },
      { ref: 'agent-1/dcos-mesos-slave', count: 1 },
      { ref: 'master-1/dcos-marathon', count: 1 },
    ]);
    expect(tally.nobodyExpected).toEqual([]);
    expect(tally.meanCaught).toBeCloseTo((1 + 0.5 + 0) / 3);
  });

  it('names the failed units nobody predicted, and is zero without answers', () => {
    expect(scoreClass([['master-1/dcos-exhibitor']], failed).nobodyExpected).toEqual(['master-1/dcos-marathon']);
    expect(scoreClass([], failed)).toMatchObject({ respondents: 0, perfect: 0, meanCaught: 0, nobodyExpected: ['master-1/dcos-exhibitor', 'master-1/dcos-marathon'] });
  });
});
