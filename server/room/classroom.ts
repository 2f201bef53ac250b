// A room's classroom state beside its simulation (issue 9, a member of the Room): what the presenter is looking at (followers copy it), and
// the predict-then-reveal round. None of it is in the engine or the recording: it is about the people in the room,
// not the cluster. Invariants: at most one round per room; answers are kept per socket (a new answer replaces the
// old), at most QUIZ_MAX_ANSWERS per round, picks naming only units that exist; the answer count reaches the room at
// most once per QUIZ_COUNT_INTERVAL_MS (a class answering at once is a handful of broadcasts, not N x N messages);
// the reveal computes what the fault does aside (shared/engine/preview.ts, the room untouched), then injects it.
import { describeFault } from '../../shared/model/faults/registry.ts';
import { previewFault, PREVIEW_DEFAULT_HORIZON_MS } from '../../shared/engine/preview.ts';
import type { Engine, Fault, FaultBy } from '../../shared/engine/types.ts';
import type { Ack } from '../../shared/protocol/messages.ts';
import { EMPTY_FOLLOW, isFailingChange, scoreClass, unitRef, type FollowState, type QuizState, type UnitRef } from '../../shared/protocol/classroom.ts';
import type { RoomBroadcast } from './types.ts';

export const QUIZ_MAX_ANSWERS = 1_000;
export const QUIZ_COUNT_INTERVAL_MS = 250;

/** What the classroom reads of its room (Room is one): the live engine, and the injection a reveal makes. */
export interface ClassroomHost {
  readonly name: string;
  readonly engine: Engine;
  inject(fault: Fault, by: FaultBy): Ack<{ lastSeq: number }>;
}

export class Classroom {
  follow: FollowState = EMPTY_FOLLOW;
  private round: QuizState | null = null;
  private readonly answers = new Map<string, UnitRef[]>();
  private nextRound = 1;
  private lastCountSentMs = Number.NEGATIVE_INFINITY;
  private countTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly room: ClassroomHost,
    /** Everyone in the room gets the round (RoomBroadcast.quiz, or null when it closed). */
    private readonly broadcast: Pick<RoomBroadcast, 'quiz'>,
    private readonly now: () => number,
  ) {}

  get quiz(): QuizState | null {
    return this.round;
  }

  /** `quiz:ask` (presenter): a new round about `fault`; an open round is replaced. */
  ask(fault: Fault): Ack<{ quiz: QuizState }> {
    const applicable = previewFault(this.room.engine, fault, { horizonMs: 1 });
    if (!applicable.ok) return { ok: false, error: `cannot ask about that fault: ${applicable.error}` };
    this.answers.clear();
    this.round = {
      id: this.nextRound++,
      phase: 'asking',
      fault,
      question: `What will fail if we ${describeFault(fault)}?`,
      askedAtMs: this.room.engine.simTimeMs,
      answers: 0,
    };
    this.send();
    return { ok: true, quiz: this.round };
  }

  /** `quiz:answer` (anyone but the presenter): this socket's picks for round `id`, replacing its earlier ones. */
  answer(socketId: string, id: number, picks: readonly string[]): Ack<{ answers: number }> {
    const round = this.round;
    if (round === null || round.id !== id) return { ok: false, error: 'that question is closed: answer the one on screen' };
    if (round.phase !== 'asking') return { ok: false, error: 'the answers are already revealed' };
    if (!this.answers.has(socketId) && this.answers.size >= QUIZ_MAX_ANSWERS) {
      return { ok: false, error: `this question already has ${QUIZ_MAX_ANSWERS} answers, the most one round takes` };
    }
    const units = this.unitRefs();
    const unknown = picks.find((ref) => !units.has(ref));
    if (unknown !== undefined) return { ok: false, error: `there is no unit '${unknown}' in this cluster` };
    this.answers.set(socketId, [...new Set(picks)]);
    if (round.answers !== this.answers.size) {
      round.answers = this.answers.size;
      this.sendCountSoon();
    }
    return { ok: true, answers: round.answers };
  }

  /** `quiz:reveal` (presenter): inject the fault and score every answer against what it does within the horizon. */
  reveal(by: FaultBy, horizonMs = PREVIEW_DEFAULT_HORIZON_MS): Ack<{ quiz: QuizState }> {
    const round = this.round;
    if (round === null) return { ok: false, error: 'no question is open: ask the class first' };
    if (round.phase !== 'asking') return { ok: false, error: 'this question is already revealed' };
    const injectedAtMs = this.room.engine.simTimeMs;
    const outcome = previewFault(this.room.engine, round.fault, { horizonMs });
    if (!outcome.ok) return { ok: false, error: `cannot reveal: ${outcome.error}` };
    const injected = this.room.inject(round.fault, by);
    if (!injected.ok) return injected;
    const failed = outcome.affected.filter((a) => isFailingChange(a.to));
    round.phase = 'revealed';
    round.answers = this.answers.size;
    round.result = { injectedAtMs, horizonMs, failed, cluster: outcome.cluster, ...scoreClass(this.answers.values(), failed) };
    this.send();
    return { ok: true, quiz: round };
  }

  /** `quiz:close` (presenter): the round leaves everyone's screen. */
  close(): Ack {
    this.round = null;
    this.answers.clear();
    this.send();
    return { ok: true };
  }

  private unitRefs(): Set<UnitRef> {
    return new Set(this.room.engine.view().nodes.flatMap((node) => node.units.map((u) => unitRef(node.id, u.id))));
  }

  private sendCountSoon(): void {
    if (this.countTimer !== null) return;
    const wait = this.lastCountSentMs + QUIZ_COUNT_INTERVAL_MS - this.now();
    if (wait <= 0) {
      this.send();
      return;
    }
    this.countTimer = setTimeout(() => {
      this.countTimer = null;
      this.send();
    }, wait);
  }

  private send(): void {
    this.lastCountSentMs = this.now();
    this.broadcast.quiz?.(this.room.name, this.round);
  }

  /** The room is closing: a pending answer count is not sent. */
  dispose(): void {
    if (this.countTimer !== null) clearTimeout(this.countTimer);
    this.countTimer = null;
  }
}
