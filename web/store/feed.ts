/**
 * Server-fed writes: the only code that changes the cluster and timeline slices. Called by web/socket.ts.
 * Invariants kept here:
 *  - a batch is folded in only when it continues exactly where the store stands (same epoch,
 *    fromSeq === lastSeq + 1, or an overlap whose old part is trimmed); duplicates are dropped;
 *  - a gap or a foreign epoch marks the store `awaitingSnapshot` and is reported as 'resync' so the
 *    socket asks for a snapshot; every batch until that snapshot is ignored;
 *  - each accepted batch is ONE store update (view + timeline + log + clock together),
 *    so React renders once per batch.
 */
import type { SimEvent } from '../../shared/protocol/types.ts';
import { OPEN_ROOM_POLICY, type Bookmark, type EventBatch, type PlaybackState, type RoomPolicy, type RoomRole, type SimSnapshot } from '../../shared/protocol/messages.ts';
import { applyEvents } from '../../shared/protocol/applyEvent.ts';
import { appendToTimeline, type TimelineModel } from './timelineModel.ts';
import { prependToTimeline, seedTimeline } from './timelineSeed.ts';
import type { HistoryPage } from '../../shared/protocol/history.ts';
import type { ConnectionState } from './clusterSlice.ts';
import type { BootState, BootStore } from './store.ts';
import { IDLE_OLDER_HISTORY, appendToLog } from './timelineSlice.ts';
import type { FollowState, QuizState } from '../../shared/protocol/classroom.ts';

export type BatchVerdict = 'applied' | 'duplicate' | 'resync' | 'ignored';

type Bookkeeping = Pick<BootState, 'lastSeq' | 'epoch' | 'awaitingSnapshot' | 'view'>;

/** Decides what to do with a batch given where the store stands (pure; exported for tests). */
export function classifyBatch(state: Bookkeeping, batch: EventBatch): 'apply' | 'duplicate' | 'gap' | 'epoch' | 'waiting' {
  if (state.awaitingSnapshot || state.view === null) return 'waiting';
  if (batch.epoch !== state.epoch) return 'epoch';
  if (batch.toSeq <= state.lastSeq) return 'duplicate';
  if (batch.fromSeq > state.lastSeq + 1) return 'gap';
  return 'apply';
}

export function applySnapshot(store: BootStore, snapshot: SimSnapshot, wallMs: number): void {
  const events = snapshot.events;
  store.setState({
    room: snapshot.room,
    view: snapshot.view,
    lastSeq: snapshot.lastSeq,
    epoch: snapshot.epoch,
    seed: snapshot.seed,
    speed: snapshot.speed,
    paused: snapshot.paused,
    waiting: snapshot.waiting === true,
    scenario: snapshot.scenario,
    forkOf: snapshot.forkOf ?? null,
    awaitingSnapshot: false,
    clock: { simTimeMs: snapshot.simTimeMs, atWallMs: wallMs },
    // A trimmed snapshot (a big room's recent window) seeds its timeline at the window's start (timelineSeed.ts).
    timeline: seedTimeline(snapshot.view, events, snapshot.historyTrimmed ?? 0),
    olderHistory: IDLE_OLDER_HISTORY,
    log: appendToLog([], events),
    bookmarks: snapshot.bookmarks ?? [],
    policy: snapshot.policy ?? OPEN_ROOM_POLICY,
  });
}

/** A sim:history page was asked for (`beforeSeq`: the timeline's oldest event then). */
export function startOlderHistory(store: BootStore): void {
  store.setState({ olderHistory: { ...store.getState().olderHistory, loading: true, error: null } });
}

/**
 * A sim:history page arrived for a request made when the timeline's oldest event was `beforeSeq`. It is put in front
 * of the timeline only if the history is still the one it was asked for: same epoch (a reset or rewind replaces the
 * history) and the same oldest event (a newer snapshot re-seeded the timeline); otherwise it is dropped ('stale').
 */
export function applyOlderHistory(store: BootStore, beforeSeq: number, answer: { ok: true } & HistoryPage | { ok: false; error: string }): 'applied' | 'stale' | 'refused' {
  const state = store.getState();
  if (!answer.ok) {
    store.setState({ olderHistory: { ...state.olderHistory, loading: false, error: answer.error } });
    return 'refused';
  }
  const timeline = timelineWithPage(state, beforeSeq, answer);
  if (timeline === null) {
    store.setState({ olderHistory: { ...state.olderHistory, loading: false } });
    return 'stale';
  }
  // The room keeps nothing older, yet the timeline still starts after t=0: the rest is only in the events download.
  const trimmed = answer.done && timeline.seededAt !== null;
  store.setState({ timeline, olderHistory: { loading: false, trimmed, error: null } });
  return 'applied';
}

/**
 * `state`'s timeline with an older page in front, or null when the page is not for it (another epoch, or the timeline
 * was re-seeded since it was asked for). Pure: also applied to a batch being folded (batchFolder.ts's draft), whose
 * commit would otherwise put back the timeline without the page.
 */
export function timelineWithPage(state: Pick<BootState, 'epoch' | 'timeline'>, beforeSeq: number, page: HistoryPage): TimelineModel | null {
  if (page.epoch !== state.epoch || state.timeline.seededAt?.seq !== beforeSeq) return null;
  return prependToTimeline(state.timeline, page.events);
}

/** The sim:join ack: who this page is in the room. */
export function applyJoin(store: BootStore, role: RoomRole, policy: RoomPolicy): void {
  store.setState({ role, policy });
}

export function applyPolicy(store: BootStore, policy: RoomPolicy): void {
  store.setState({ policy });
}

/** What folding a batch reads and writes: the server-fed part of the state. */
export type FoldState = Pick<BootState, 'view' | 'lastSeq' | 'epoch' | 'awaitingSnapshot' | 'clock' | 'timeline' | 'log'>;

/**
 * Folds one batch into `state` without touching the store (pure): the verdict, and for 'applied' the next state.
 * web/store/batchFolder.ts folds a big batch slice by slice across tasks and commits once.
 */
export function foldBatch(state: FoldState, batch: EventBatch, wallMs: number): { verdict: BatchVerdict; next: FoldState | null } {
  const verdict = classifyBatch(state, batch);
  if (verdict === 'waiting') return { verdict: 'ignored', next: null };
  if (verdict === 'duplicate') return { verdict: 'duplicate', next: null };
  if (verdict === 'gap' || verdict === 'epoch') return { verdict: 'resync', next: null };
  // An overlapping batch (fromSeq <= lastSeq) still continues the log once its old head is trimmed.
  const fresh: SimEvent[] = batch.fromSeq <= state.lastSeq ? batch.events.filter((e) => e.seq > state.lastSeq) : batch.events;
  const view = applyEvents(state.view!, fresh);
  return {
    verdict: 'applied',
    next: {
      ...state,
      view,
      lastSeq: batch.toSeq,
      clock: { simTimeMs: Math.max(batch.simTimeMs, view.simTimeMs), atWallMs: wallMs },
      timeline: appendToTimeline(state.timeline, fresh),
      log: appendToLog(state.log, fresh),
    },
  };
}

/** Writes a folded state to the store: ONE update (view + timeline + log + clock), so React renders once. */
export function commitFold(store: BootStore, folded: FoldState): void {
  store.setState({ view: folded.view, lastSeq: folded.lastSeq, clock: folded.clock, timeline: folded.timeline, log: folded.log });
}

export function applyBatch(store: BootStore, batch: EventBatch, wallMs: number): BatchVerdict {
  const { verdict, next } = foldBatch(store.getState(), batch, wallMs);
  if (verdict === 'resync') store.setState({ awaitingSnapshot: true });
  if (next !== null) commitFold(store, next);
  return verdict;
}

export function applyPlayback(store: BootStore, playback: PlaybackState, wallMs: number): void {
  store.setState({
    speed: playback.speed,
    paused: playback.paused,
    waiting: playback.waiting === true,
    clock: { simTimeMs: Math.max(playback.simTimeMs, store.getState().clock.simTimeMs), atWallMs: wallMs },
  });
}

/** Where the presenter looks (ui:follow); a following viewer copies it (useFollowPresenter). */
export function applyFollow(store: BootStore, follow: FollowState): void {
  store.setState({ follow });
}

/** The round changed (quiz:state); a new round starts with no picks. */
export function applyQuiz(store: BootStore, quiz: QuizState | null): void {
  const { picksFor } = store.getState();
  store.setState(quiz !== null && quiz.id === picksFor ? { quiz } : { quiz, myPicks: [], picksFor: quiz?.id ?? null });
}

/** The room's bookmark list changed: it always comes whole, so it simply replaces ours. */
export function applyBookmarks(store: BootStore, bookmarks: readonly Bookmark[]): void {
  store.setState({ bookmarks });
}

/** A lost connection invalidates the seq bookkeeping: the next snapshot (after re-join) rebuilds it. */
export function setConnection(store: BootStore, connection: ConnectionState): void {
  if (connection === 'connected') store.setState({ connection });
  else store.setState({ connection, awaitingSnapshot: true });
}
