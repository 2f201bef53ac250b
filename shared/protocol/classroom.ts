// What the classroom shares beyond the simulation (issue 9): the presenter's focus that viewers follow, and the
// predict-then-reveal quiz with its scoring. Plain JSON, typed once for server and web; scoring is pure so the server
// (the class's tally) and a viewer's page (its own score) compute it the same way.
import type { AffectedUnit, Fault, Health, UnitState } from '../engine/types.ts';

/** Parts of the page a presenter can open for the class besides the selection and the time cursor. */
export const FOLLOW_PANELS = ['help', 'baseline', 'critical'] as const;
export type FollowPanel = (typeof FOLLOW_PANELS)[number];

/** `ui:follow`: what the presenter is looking at, so every follower looks at the same thing. */
export interface FollowState {
  /** The selected unit; its Explain panel opens with it. */
  selected: { node: string; unit: string } | null;
  /** The presenter's time cursor (null: live). */
  cursorMs: number | null;
  panels: FollowPanel[];
}

export const EMPTY_FOLLOW: Readonly<FollowState> = { selected: null, cursorMs: null, panels: [] };

/** A unit as predictions and results name it: "master-1/dcos-exhibitor" (the refs of causes). */
export type UnitRef = string;

export function unitRef(node: string, unit: string): UnitRef {
  return `${node}/${unit}`;
}

/**
 * A unit counts as "failing" in a quiz when its first change after the fault leaves the healthy states: it stops,
 * fails, turns unhealthy, or is taken back to waiting/starting because something it needs went away.
 */
export function isFailingChange(to: UnitState): boolean {
  return to !== 'healthy';
}

export interface QuizVote {
  ref: UnitRef;
  count: number;
}

/** The class's answers scored against what the fault did (computed once, at the reveal). */
export interface QuizResult {
  /** When the fault went in (simulated ms) and how far ahead "what happened" looks. */
  injectedAtMs: number;
  horizonMs: number;
  /** Every unit that failed within the horizon, in the order it failed (its first change). */
  failed: AffectedUnit[];
  /** How many viewers predicted each unit, most first (units nobody predicted are absent). */
  votes: QuizVote[];
  respondents: number;
  /** Failed units that no viewer predicted: the lesson of the round. */
  nobodyExpected: UnitRef[];
  /** Viewers who named exactly the units that failed. */
  perfect: number;
  /** Mean share of the failed units a viewer caught (0..1; 0 with no respondents or nothing failed). */
  meanCaught: number;
  cluster: { health: Health; atMs: number };
}

/** The round as everyone in the room sees it (`quiz:state`; null when no round is open). */
export interface QuizState {
  /** Increments per round in a room: an answer names the round it answers. */
  id: number;
  phase: 'asking' | 'revealed';
  fault: Fault;
  /** "What fails if the presenter stops dcos-exhibitor on master-1?" */
  question: string;
  askedAtMs: number;
  /** Viewers who have answered so far (their picks stay secret until the reveal). */
  answers: number;
  result?: QuizResult;
}

/** One viewer's answer scored against the failed units. */
export interface QuizScore {
  caught: UnitRef[];
  missed: UnitRef[];
  falseAlarms: UnitRef[];
}

export function scoreAnswer(picked: readonly UnitRef[], failed: readonly UnitRef[]): QuizScore {
  const failedSet = new Set(failed);
  const pickedSet = new Set(picked);
  return {
    caught: failed.filter((ref) => pickedSet.has(ref)),
    missed: failed.filter((ref) => !pickedSet.has(ref)),
    falseAlarms: [...pickedSet].filter((ref) => !failedSet.has(ref)),
  };
}

/** The class tally: votes per unit, who was perfect, what nobody expected. */
export function scoreClass(
  answers: Iterable<readonly UnitRef[]>,
  failed: readonly AffectedUnit[],
): Pick<QuizResult, 'votes' | 'respondents' | 'nobodyExpected' | 'perfect' | 'meanCaught'> {
  const failedRefs = failed.map((a) => unitRef(a.node, a.unit));
  const counts = new Map<UnitRef, number>();
  let respondents = 0;
  let perfect = 0;
  let caughtShare = 0;
  for (const picked of answers) {
    respondents += 1;
    for (const ref of new Set(picked)) counts.set(ref, (counts.get(ref) ?? 0) + 1);
    const score = scoreAnswer(picked, failedRefs);
    if (score.missed.length === 0 && score.falseAlarms.length === 0) perfect += 1;
    if (failedRefs.length > 0) caughtShare += score.caught.length / failedRefs.length;
  }
  const votes = [...counts].map(([ref, count]) => ({ ref, count })).sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref));
  return {
    votes,
    respondents,
    nobodyExpected: failedRefs.filter((ref) => !counts.has(ref)),
    perfect,
    meanCaught: respondents === 0 || failedRefs.length === 0 ? 0 : caughtShare / respondents,
  };
}
