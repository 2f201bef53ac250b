/**
 * What the DAG draws for a predict-then-reveal round: while asking, the units this viewer picked; after the reveal, a
 * heat map of the class's votes (share of respondents per unit), the units that really failed, and those nobody
 * expected. Pure: store state in, sets and maps out (DagView reads them per vertex).
 */
import type { QuizState, UnitRef } from '../../shared/protocol/classroom.ts';
import { unitRef } from '../../shared/protocol/classroom.ts';

export interface QuizMarks {
  picked: ReadonlySet<UnitRef>;
  /** Revealed only: votes per unit and their share of respondents (0..1). */
  votes: ReadonlyMap<UnitRef, { count: number; share: number }>;
  failed: ReadonlySet<UnitRef>;
  nobody: ReadonlySet<UnitRef>;
}

/**
 * The unit the question itself names ("what fails if the presenter stops Exhibitor on master-2?"): it fails by
 * definition, so it is not something the class could have failed to expect, nor a catch.
 */
export function givenRef(quiz: Pick<QuizState, 'fault'>): UnitRef | null {
  const f = quiz.fault as { node?: string; unit?: string };
  return typeof f.node === 'string' && typeof f.unit === 'string' ? unitRef(f.node, f.unit) : null;
}

/** The failed units a class is scored on: all but the one the question names. */
export function toPredict(quiz: QuizState): UnitRef[] {
  const given = givenRef(quiz);
  return (quiz.result?.failed ?? []).map((a) => unitRef(a.node, a.unit)).filter((ref) => ref !== given);
}

export function quizMarks(quiz: QuizState | null, myPicks: readonly UnitRef[], picksFor: number | null): QuizMarks | null {
  if (quiz === null) return null;
  const picked = new Set(picksFor === quiz.id ? myPicks : []);
  const result = quiz.phase === 'revealed' ? quiz.result : undefined;
  if (result === undefined) return { picked, votes: new Map(), failed: new Set(), nobody: new Set() };
  const respondents = Math.max(1, result.respondents);
  return {
    picked,
    votes: new Map(result.votes.map((v) => [v.ref, { count: v.count, share: v.count / respondents }])),
    failed: new Set(result.failed.map((a) => unitRef(a.node, a.unit))),
    nobody: new Set(result.nobodyExpected.filter((ref) => ref !== givenRef(quiz))),
  };
}
