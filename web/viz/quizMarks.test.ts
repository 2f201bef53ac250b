// What the graph shows during a quiz: a viewer's own picks while asking; votes, failures and surprises after.
import { describe, expect, it } from 'vitest';
import type { QuizState } from '../../shared/protocol/classroom.ts';
import { quizMarks, toPredict } from './quizMarks.ts';

const asking: QuizState = { id: 3, phase: 'asking', fault: { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }, question: 'What will fail?', askedAtMs: 0, answers: 2 };

describe('quiz marks', () => {
  it('while asking: only this viewer picks for this round, no votes yet', () => {
    const marks = quizMarks(asking, ['master-1/dcos-exhibitor'], 3)!;
    expect([...marks.picked]).toEqual(['master-1/dcos-exhibitor']);
    expect(marks.votes.size).toBe(0);
    expect(quizMarks(asking, ['master-1/dcos-exhibitor'], 2)!.picked.size).toBe(0);
    expect(quizMarks(null, [], null)).toBeNull();
  });

  it('after the reveal: vote shares, failed units and the ones nobody expected', () => {
    const revealed: QuizState = {
      ...asking,
      phase: 'revealed',
      result: {
        injectedAtMs: 0, horizonMs: 300_000, respondents: 4, perfect: 0, meanCaught: 0.5, cluster: { health: 'unhealthy', atMs: 60_000 },
        failed: [{ node: 'master-1', unit: 'dcos-exhibitor', to: 'stopped', atMs: 0 }, { node: 'master-1', unit: 'dcos-marathon', to: 'failed', atMs: 1_000 }],
        votes: [{ ref: 'master-1/dcos-exhibitor', count: 3 }],
        nobodyExpected: ['master-1/dcos-marathon'],
      },
    };
    const marks = quizMarks(revealed, [], null)!;
    expect(marks.votes.get('master-1/dcos-exhibitor')).toEqual({ count: 3, share: 0.75 });
    expect(marks.failed.has('master-1/dcos-marathon')).toBe(true);
    expect(marks.nobody.has('master-1/dcos-marathon')).toBe(true);
  });

  it('a student is not told nobody expected the unit the presenter stopped: the question named it', () => {
    const revealed: QuizState = {
      ...asking,
      phase: 'revealed',
      result: {
        injectedAtMs: 0, horizonMs: 300_000, respondents: 1, perfect: 0, meanCaught: 0, cluster: { health: 'unhealthy', atMs: 60_000 },
        failed: [{ node: 'master-1', unit: 'dcos-exhibitor', to: 'stopped', atMs: 0 }, { node: 'master-2', unit: 'dcos-oauth', to: 'failed', atMs: 1_000 }],
        votes: [],
        nobodyExpected: ['master-1/dcos-exhibitor', 'master-2/dcos-oauth'],
      },
    };
    expect([...quizMarks(revealed, [], null)!.nobody]).toEqual(['master-2/dcos-oauth']);
    expect(toPredict(revealed)).toEqual(['master-2/dcos-oauth']);
  });
});
