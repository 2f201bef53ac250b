// One room = one simulation shared by every client in it: engine + driver, the event history, the epoch and
// the pending batch. Invariants: the room is the single writer of its simulation; every event the engine
// produces goes to the history and to exactly one batch, in seq order; batches are flushed once per driver
// tick (never one emit per event); a rejected command leaves the simulation untouched; a reset or scenario
// load bumps the epoch, starts a new recording (history/tape.ts) and broadcasts a fresh snapshot.
import type { ClusterConfig, ClusterView, Fault, FaultBy, SimEvent } from '../../shared/engine/types.ts';
import type { Ack, Bookmark, PlaybackState, RoomPolicy, ScenarioInfo, SimSnapshot } from '../../shared/protocol/messages.ts';
import type { ScriptCursor } from '../../shared/engine/script.ts';
import type { Recording } from '../../shared/protocol/recording.ts';
import type { ControlCommand, Scenario } from '../../shared/protocol/schemas.ts';
import { Driver } from '../driver.ts';
import { EventHistory } from './history/eventHistory.ts';
import { recordingHeader } from './history/recording.ts';
import { EpochTape } from './history/tape.ts';
import { branchAt, checkMoment, type BranchStart } from './history/branch.ts';
import { RoomBookmarks } from './bookmarks.ts';
import { keyDigest, keyMatchesDigest } from './presenterKey.ts';
import { snapshotView, viewerEvents } from './history/snapshotView.ts';
import { MAX_BATCH_EVENTS, SNAPSHOT_MAX_EVENTS, eventWeight, splitByWeight } from './history/eventWeight.ts';
import { historyPage } from './history/historyPage.ts';
import type { HistoryPage } from '../../shared/protocol/history.ts';

export const DEFAULT_CLUSTER: ClusterConfig = { masters: 3, agents: 2, publicAgents: 1 };
export const DEFAULT_SEED = 1;
/** A click in an open room: anyone may change it, so nobody is its presenter unless they joined with its key. */
export const OPEN_ROOM_BY: FaultBy = { role: 'viewer' };
/** A quiet simulation sends no batches; a playback heartbeat keeps viewers' clocks (the timeline's now line) true. */
export const PLAYBACK_HEARTBEAT_MS = 1_000;
/** A running room's snapshot is reused for this long when no event happened (its simTimeMs may lag by that much). */
export const SNAPSHOT_REUSE_MS = 1_000;
export { MAX_BATCH_EVENTS, SNAPSHOT_MAX_EVENTS } from './history/eventWeight.ts';

import type { ControlAck, DurableRoomState, ForkOrigin, RoomOptions, Simulation } from './types.ts';
export type { ControlAck, DurableRoomState, ForkOrigin, RoomBroadcast, RoomOptions, RoomPersistence, Simulation } from './types.ts';


export class Room {
  readonly name: string;
  epoch = 0;
  private sim: Simulation;
  private driver!: Driver;
  private history!: EventHistory;
  private epochTape!: EpochTape;
  private marks = new RoomBookmarks();
  private pending: SimEvent[] = [];
  private pendingSinceWallMs = 0;
  private lastPlaybackWallMs = 0;
  private clientCount = 0;
  private forkOrigin: ForkOrigin | null = null;
  /**
   * Set for class rooms (PRESENTER_KEY for the default room, POST /api/rooms, `sim:fork`): the SHA-256 digest of the
   * key of whoever may drive it (the key itself is not kept, presenterKey.ts). Never logged or broadcast.
   */
  private keyDigest: string | null = null;
  /** Class rooms only: viewers may inject faults (room:policy). */
  private studentsMayInject = false;
  /** Bumped by every change a snapshot shows that neither the epoch nor lastSeq reflects (policy, bookmarks, installs). */
  private stateVersion = 0;
  private cachedSnapshot: { key: string; snapshot: SimSnapshot; builtWallMs: number } | null = null;
  private idleSinceWallMs: number;
  /** Wall time of the last change anyone made (a command that changed the room, a join): the inactivity sweep reads it. */
  lastActivityWallMs: number;
  /** Set by dispose(): a socket still holding this room must not drive it. */
  disposed = false;

  constructor(private readonly options: RoomOptions, sim?: Partial<Simulation>) {
    this.name = options.name;
    this.sim = { cluster: DEFAULT_CLUSTER, seed: DEFAULT_SEED, scenario: null, script: [], ...sim };
    this.idleSinceWallMs = options.now();
    this.lastActivityWallMs = this.idleSinceWallMs;
    this.keyDigest = options.presenterKey != null ? keyDigest(options.presenterKey) : null;
    this.install(this.sim, undefined, false);
  }

  /** Open (anyone may change it) or class (only its presenter may, unless the policy lets viewers inject). */
  get policy(): RoomPolicy {
    return { mode: this.keyDigest === null ? 'open' : 'class', studentsMayInject: this.studentsMayInject };
  }

  /** Makes this a class room whose presenter holds `key` (a fork's new room). */
  setPresenterKey(key: string): void {
    this.keyDigest = keyDigest(key);
  }

  /** True iff this is a class room and `given` is its presenter key (constant time, presenterKey.ts). */
  presenterKeyMatches(given: string): boolean {
    return this.keyDigest !== null && keyMatchesDigest(given, this.keyDigest);
  }

  /** The key's digest (null: an open room), for the room's stored record; never the key. */
  get presenterKeyDigest(): string | null {
    return this.keyDigest;
  }

  /** room:policy (presenter only, checked by the caller): everyone in the room gets the new policy. */
  setPolicy(change: { studentsMayInject?: boolean }): RoomPolicy {
    if (change.studentsMayInject !== undefined) this.studentsMayInject = change.studentsMayInject;
    this.stateVersion++;
    const policy = this.policy;
    this.options.persistence?.changed(this, false);
    this.options.broadcast.policy?.(this.name, policy);
    this.options.logger.info({ room: this.name, ...policy }, 'room policy changed');
    return policy;
  }

  get clients(): number {
    return this.clientCount;
  }
  get idleSinceMs(): number | null {
    return this.clientCount > 0 ? null : this.idleSinceWallMs;
  }
  get engine() {
    return this.driver.engine;
  }
  get cluster(): ClusterConfig {
    return this.sim.cluster;
  }
  get seed(): number {
    return this.sim.seed;
  }
  get scenario(): ScenarioInfo | null {
    return this.sim.scenario;
  }
  /** This epoch's recording, checkpoints and baseline. */
  get tape(): EpochTape {
    return this.epochTape;
  }

  /** Every command of this epoch so far, replayable by the CLI to exactly this room's log. */
  recording(): Recording {
    return this.epochTape.recording(this.driver.engine.simTimeMs);
  }

  /** Every event of this epoch from t=0 (from the history, or replayed from the recording when it was trimmed). */
  eventLog(): SimEvent[] {
    this.flush();
    return this.history.trimmed === 0 ? this.history.all() : this.epochTape.eventsUntil(this.driver.engine.simTimeMs);
  }

  /** The cluster as it was at `simTimeMs` of this epoch (0 <= t <= now, checked by the caller), rebuilt aside. */
  viewAt(simTimeMs: number, options: { baseline?: boolean } = {}): ClusterView {
    return this.epochTape.viewAt(simTimeMs, options);
  }

  /** sim:history: the newest kept events before `beforeSeq`, viewer-slim and bounded (historyPage.ts). */
  historyBefore(beforeSeq: number, limit: number): HistoryPage {
    return historyPage(this.history, this.sim.cluster, this.epoch, beforeSeq, limit);
  }

  addClient(): void {
    this.clientCount++;
  }
  removeClient(): void {
    this.clientCount = Math.max(0, this.clientCount - 1);
    if (this.clientCount === 0) this.idleSinceWallMs = this.options.now();
  }

  /** Advance with wall time and flush (the timer does this; tests with autoTick=false call it). */
  tick(): void {
    this.driver.tick();
  }

  playback(): PlaybackState {
    const playback: PlaybackState = { speed: this.driver.speed, paused: this.driver.paused, simTimeMs: this.driver.simTimeMs };
    if (this.driver.waitingForPresenter) playback.waiting = true;
    return playback;
  }

  /**
   * Full state. Flushes first, so the next batch a receiver gets starts right after `lastSeq`. The same object is
   * returned until the room changes (or, while it runs with nothing happening, for SNAPSHOT_REUSE_MS), so a reconnect
   * storm builds and encodes it once (handlers/outgoing.ts); receivers must not modify it.
   */
  snapshot(): SimSnapshot {
    this.options.persistence?.beforeSend(this);
    this.flush();
    const engine = this.driver.engine;
    const key = `${this.epoch}:${engine.lastSeq}:${this.stateVersion}:${this.driver.paused}:${this.driver.speed}`;
    const cached = this.cachedSnapshot;
    const nowMs = this.options.now();
    if (cached !== null && cached.key === key && (this.driver.paused || nowMs - cached.builtWallMs < SNAPSHOT_REUSE_MS)) return cached.snapshot;
    const snapshot = this.buildSnapshot();
    this.cachedSnapshot = { key, snapshot, builtWallMs: nowMs };
    return snapshot;
  }

  private buildSnapshot(): SimSnapshot {
    const engine = this.driver.engine;
    // A bounded recent window: older events stay on the server (GET /api/rooms/<room>/events pages the whole log).
    const recent = this.history.recent(SNAPSHOT_MAX_EVENTS, eventWeight);
    return {
      room: this.name,
      lastSeq: engine.lastSeq,
      simTimeMs: engine.simTimeMs,
      seed: this.sim.seed,
      cluster: this.sim.cluster,
      speed: this.driver.speed,
      paused: this.driver.paused,
      ...(this.driver.waitingForPresenter ? { waiting: true } : {}),
      scenario: this.sim.scenario,
      view: snapshotView(engine.view()),
      events: viewerEvents(recent.events, this.sim.cluster),
      epoch: this.epoch,
      historyTrimmed: recent.omitted,
      bookmarks: this.marks.list(),
      policy: this.policy,
      ...(this.forkOrigin !== null ? { forkOf: { ...this.forkOrigin } } : {}),
    };
  }

  /** Send what is pending as batches of at most MAX_BATCH_EVENTS weight (consecutive seqs; the last carries the clock). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.options.persistence?.beforeSend(this);
    const runs = splitByWeight(viewerEvents(this.pending, this.sim.cluster), MAX_BATCH_EVENTS);
    this.pending = [];
    runs.forEach((events, i) => {
      this.options.broadcast.events(this.name, {
        epoch: this.epoch,
        fromSeq: events[0].seq,
        toSeq: events[events.length - 1].seq,
        simTimeMs: i === runs.length - 1 ? this.driver.simTimeMs : events[events.length - 1].simTimeMs,
        events,
        emittedAtWallMs: this.pendingSinceWallMs,
      });
    });
  }

  /**
   * `by`: who asked (handlers/socket.ts decides from the socket's role); it goes on the fault event and the
   * recording. Default: an anonymous viewer (an open room has no roles; see OPEN_ROOM_BY).
   */
  inject(fault: Fault, by: FaultBy = OPEN_ROOM_BY): Ack<{ lastSeq: number }> {
    if (this.epochTape.recorder.full) {
      return { ok: false, error: `this room's recording is full (${this.epochTape.recorder.length} commands); reset the room to start a new one` };
    }
    const result = this.driver.inject(fault, by);
    if (!result.ok) return result;
    this.options.persistence?.changed(this, true);
    this.options.logger.info({ room: this.name, fault, by: by.role }, 'fault injected');
    return { ok: true, lastSeq: this.driver.engine.lastSeq };
  }

  control(command: ControlCommand): ControlAck {
    switch (command.action) {
      case 'pause':
        this.driver.pause();
        break;
      case 'resume':
        this.driver.resume();
        break;
      case 'step':
        this.driver.step();
        break;
      case 'skip':
        this.driver.skip();
        this.flush(); // the viewers see the skipped stretch now, not at the next tick
        break;
      case 'speed':
        this.driver.setSpeed(command.speed);
        break;
      case 'reset': {
        // A reset is a plain boot: a loaded scenario is dropped (load it again to replay it).
        const error = this.reset({ scenario: null, script: [], seed: command.seed ?? this.sim.seed, cluster: command.cluster ?? this.sim.cluster });
        if (error !== null) return { ok: false, error };
        return { ok: true, ...this.playback() };
      }
    }
    this.options.persistence?.changed(this, false);
    const playback = this.playback();
    this.options.broadcast.playback(this.name, playback);
    return { ok: true, ...playback };
  }

  loadScenario(scenario: Scenario): string | null {
    const info = { name: scenario.name, title: scenario.title, description: scenario.description };
    return this.reset({ cluster: scenario.cluster, seed: scenario.seed, scenario: info, script: scenario.steps });
  }

  /** This epoch's bookmarks, oldest moment first. */
  bookmarks(): Bookmark[] {
    return this.marks.list();
  }

  /**
   * `bookmark:add`: a named bookmark at `atMs` (default now) of this epoch, broadcast to everyone in the room.
   * Anyone in an open room, only the presenter in a class room (handlers/classroom.ts).
   */
  addBookmark(name: string, atMs?: number): Ack<{ bookmark: Bookmark }> {
    const nowMs = this.driver.engine.simTimeMs;
    const at = atMs ?? nowMs;
    const error = checkMoment(at, nowMs, this.name, 'atMs');
    if (error !== null) return { ok: false, error };
    const added = this.marks.add(name, at);
    if (added.ok) {
      this.stateVersion++;
      this.options.persistence?.changed(this, false);
      this.options.broadcast.bookmarks?.(this.name, this.marks.list());
    }
    return added;
  }

  /** Someone changed or joined the room just now: it is in use. */
  touch(): void {
    this.lastActivityWallMs = this.options.now();
  }

  dispose(): void {
    this.disposed = true;
    this.driver.stop();
    this.pending = [];
  }

  /** Start a new simulation in this room; on failure (the engine refused the config) nothing changes. */
  private reset(sim: Simulation): string | null {
    const old = this.driver;
    try {
      this.install(sim, old, true);
    } catch (error) {
      return `could not start the simulation: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.options.persistence?.changed(this, true);
    this.options.logger.info({ room: this.name, epoch: this.epoch, seed: sim.seed, cluster: sim.cluster, scenario: sim.scenario?.name ?? null }, 'room reset');
    this.options.broadcast.snapshot(this.name, this.snapshot());
    return null;
  }

  /**
   * `sim:rewind`: the room goes back to `simTimeMs` of this epoch for everyone, paused, later history dropped. The
   * rest of a loaded scenario is dropped too ("try again differently": its next fault would otherwise fire again).
   */
  rewind(simTimeMs: number): Ack<{ epoch: number; simTimeMs: number }> {
    const error = checkMoment(simTimeMs, this.driver.engine.simTimeMs, this.name);
    if (error !== null) return { ok: false, error };
    this.flush();
    const start = branchAt(this.epochTape, this.history.all(), simTimeMs);
    this.install({ ...this.sim, script: [] }, this.driver, true, start);
    this.options.persistence?.changed(this, true);
    this.options.logger.info({ room: this.name, epoch: this.epoch, simTimeMs }, 'room rewound');
    this.options.broadcast.snapshot(this.name, this.snapshot());
    return { ok: true, epoch: this.epoch, simTimeMs };
  }

  /** The branch a fork of this room at `simTimeMs` starts from (the room untouched), or why there is none. */
  branch(simTimeMs: number): { ok: true; start: BranchStart } | { ok: false; error: string } {
    const error = checkMoment(simTimeMs, this.driver.engine.simTimeMs, this.name);
    if (error !== null) return { ok: false, error };
    this.flush();
    return { ok: true, start: branchAt(this.epochTape, this.history.all(), simTimeMs) };
  }

  /** A new room forked from `parent`: start from its branch, paused, remembering where it came from. */
  startFrom(start: BranchStart, sim: { cluster: ClusterConfig; seed: number; scenario: ScenarioInfo | null }, forkOf: ForkOrigin): void {
    this.forkOrigin = forkOf;
    this.install({ ...sim, script: [] }, this.driver, false, start);
    this.options.persistence?.changed(this, true);
  }

  /**
   * A room brought back from its stored record (roomRecord.ts): `start` is its recording replayed to `untilMs`, so
   * the same events carry the same seq under the same epoch, and the simulation carries on from there.
   */
  restore(start: BranchStart, sim: Simulation, state: Omit<DurableRoomState, 'recording' | 'scenario' | 'script'>): void {
    this.forkOrigin = state.forkOf === null ? null : { ...state.forkOf };
    this.studentsMayInject = state.studentsMayInject;
    this.keyDigest = state.presenterKeyDigest;
    this.install(sim, this.driver, false, start, { cursor: state.cursor, paused: state.paused, speed: state.speed });
    this.marks = RoomBookmarks.restored(state.bookmarks, state.nextBookmarkId);
    this.epoch = state.epoch;
    this.stateVersion++;
  }

  /** What the room's stored record holds (roomRecord.ts). */
  durableState(): DurableRoomState {
    const driver = this.driver;
    return {
      epoch: this.epoch,
      recording: this.recording(),
      scenario: this.sim.scenario,
      script: this.sim.script,
      cursor: driver.scriptCursor,
      paused: driver.paused,
      speed: driver.speed,
      presenterKeyDigest: this.keyDigest,
      studentsMayInject: this.studentsMayInject,
      bookmarks: this.marks.list(),
      nextBookmarkId: this.marks.nextBookmarkId,
      forkOf: this.forkOrigin,
    };
  }

  /** The room (and moment) this room was forked from, null for an original room. */
  get forkOf(): ForkOrigin | null {
    return this.forkOrigin;
  }

  private install(sim: Simulation, old: Driver | undefined, bumpEpoch: boolean, start?: BranchStart, resume?: { cursor: ScriptCursor; paused: boolean; speed: number }): void {
    const engine = start?.engine ?? this.options.createEngine({ cluster: sim.cluster, seed: sim.seed });
    const driver = new Driver({
      engine,
      now: this.options.now,
      speed: resume?.speed ?? old?.speed,
      // A rewound or forked room waits for its presenter: it starts paused; so does a new class room, at 0:00. A restored
      // room plays on as it was.
      paused: resume?.paused ?? (start !== undefined ? true : (old?.paused ?? this.keyDigest !== null)),
      script: sim.script,
      cursor: resume?.cursor,
      onEvents: (events) => this.onEvents(events),
      onTick: () => this.onTick(),
      onError: (error) => {
        this.options.logger.error({ err: error, room: this.name, simTimeMs: engine.simTimeMs }, 'the engine failed; room paused (reset it to start again)');
        this.options.broadcast.playback(this.name, this.playback());
      },
      onScriptError: (error) => this.options.logger.warn({ room: this.name, ...error }, 'scenario step rejected'),
      // The narration that waits goes out first, then the pause that names it: a viewer reads both together.
      onWait: () => {
        this.flush();
        this.options.broadcast.playback(this.name, this.playback());
      },
    });
    old?.stop();
    this.driver = driver;
    this.sim = sim;
    this.history = new EventHistory(this.options.maxHistoryEvents);
    // Bookmarks belong to an epoch; a rewind keeps those of the history it keeps (a fork's new room has none yet).
    this.marks = start !== undefined ? RoomBookmarks.keptFrom(this.marks, engine.simTimeMs) : new RoomBookmarks();
    if (start !== undefined) this.history.append(start.events);
    this.epochTape = new EpochTape(
      { createEngine: this.options.createEngine, restoreEngine: this.options.restoreEngine },
      recordingHeader(this.name, sim.scenario, sim.cluster, sim.seed),
      start?.steps ?? [],
    );
    this.pending = [];
    this.stateVersion++;
    if (bumpEpoch) this.epoch++;
    if (this.options.autoTick) driver.start();
  }

  private onTick(): void {
    this.flush();
    this.options.persistence?.ticked(this);
    const now = this.options.now();
    if (this.clientCount > 0 && now - this.lastPlaybackWallMs >= PLAYBACK_HEARTBEAT_MS) {
      this.lastPlaybackWallMs = now;
      this.options.broadcast.playback(this.name, this.playback());
    }
  }

  private onEvents(events: SimEvent[]): void {
    if (this.pending.length === 0) this.pendingSinceWallMs = this.options.now();
    this.history.append(events);
    this.epochTape.observe(this.driver.engine, events);
    for (const event of events) this.pending.push(event);
  }
}
