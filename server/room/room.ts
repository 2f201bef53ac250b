// One room = one simulation shared by every client in it: its commands and its lifecycle (install, reset, rewind,
// branch, restore, durable state), beside its members: the outgoing stream (outbox.ts), who may change it
// (access.ts), who is in it (presence.ts), its classroom (classroom.ts), this epoch's tape (history/tape.ts).
// Invariants: the room is the single writer of its simulation; every event the engine produces goes to the history and
// to exactly one batch, in seq order; batches are flushed once per driver tick (never one emit per event); a rejected
// command leaves the simulation untouched; a reset or scenario load bumps the epoch, starts a new recording and
// broadcasts a fresh snapshot.
import type { ClusterConfig, ClusterView, Engine, Fault, FaultBy, SimEvent } from '../../shared/engine/types.ts';
import type { Ack, Bookmark, PlaybackState, RoomPolicy, ScenarioInfo, SimSnapshot } from '../../shared/protocol/messages.ts';
import type { ScriptCursor } from '../../shared/engine/script.ts';
import type { Recording } from '../../shared/protocol/recording.ts';
import type { ControlCommand, Scenario } from '../../shared/protocol/schemas.ts';
import type { HistoryPage } from '../../shared/protocol/history.ts';
import { Driver } from '../driver.ts';
import { RoomAccess } from './access.ts';
import { RoomBookmarks } from './bookmarks.ts';
import { Classroom } from './classroom.ts';
import { Outbox } from './outbox.ts';
import { Presence } from './presence.ts';
import { branchAt, checkMoment, type BranchStart } from './history/branch.ts';
import { EventHistory } from './history/eventHistory.ts';
import { historyPage } from './history/historyPage.ts';
import { recordingHeader } from './history/recording.ts';
import { roomSnapshot } from './history/roomSnapshot.ts';
import { EpochTape } from './history/tape.ts';
import type { ControlAck, DurableRoomState, ForkOrigin, RoomOptions, Simulation } from './types.ts';

export const DEFAULT_CLUSTER: ClusterConfig = { masters: 3, agents: 2, publicAgents: 1 };
export const DEFAULT_SEED = 1;
/** A click in an open room: anyone may change it, so nobody is its presenter unless they joined with its key. */
export const OPEN_ROOM_BY: FaultBy = { role: 'viewer' };
export type { ControlAck, DurableRoomState, ForkOrigin, RoomBroadcast, RoomOptions, RoomPersistence, Simulation } from './types.ts';

export class Room {
  readonly name: string;
  epoch = 0;
  private sim: Simulation;
  private driver!: Driver;
  private history!: EventHistory;
  private epochTape!: EpochTape;
  private marks = new RoomBookmarks();
  private forkOrigin: ForkOrigin | null = null;
  /** Who may change the room: its key digest and policy (access.ts). */
  readonly access: RoomAccess;
  /** Who is in the room and when it was last used (presence.ts); the registry's sweep reads it. */
  readonly presence: Presence;
  private readonly outbox: Outbox;
  /** What the presenter looks at and the predict-then-reveal round; a reset keeps it (the people stay). */
  readonly classroom: Classroom;
  /** Bumped by every change a snapshot shows that neither the epoch nor lastSeq reflects (policy, bookmarks, installs). */
  private stateVersion = 0;
  /** Steps of the running script the engine refused (one warning line for the first, one summary line after). */
  private scriptRejections = 0;
  /** Set by dispose(): a socket still holding this room must not drive it. */
  disposed = false;

  constructor(private readonly options: RoomOptions, sim?: Partial<Simulation>) {
    this.name = options.name;
    this.sim = { cluster: DEFAULT_CLUSTER, seed: DEFAULT_SEED, scenario: null, script: [], ...sim };
    this.presence = new Presence(options.now);
    this.access = new RoomAccess(options.presenterKey);
    this.outbox = new Outbox({
      name: this.name,
      broadcast: options.broadcast,
      now: options.now,
      epoch: () => this.epoch,
      cluster: () => this.sim.cluster,
      clockMs: () => this.driver.simTimeMs,
      beforeSend: () => this.options.persistence?.beforeSend(this),
    });
    this.classroom = new Classroom(this, options.broadcast, options.now);
    this.install(this.sim, undefined, false);
  }

  /** Open (anyone may change it) or class (only its presenter may, unless the policy lets viewers inject). */
  get policy(): RoomPolicy {
    return this.access.policy;
  }

  /** room:policy (presenter only, checked by the caller): everyone in the room gets the new policy. */
  setPolicy(change: { studentsMayInject?: boolean }): RoomPolicy {
    const policy = this.access.change(change);
    this.stateVersion++;
    this.options.persistence?.changed(this, false);
    this.options.broadcast.policy?.(this.name, policy);
    this.options.logger.info({ room: this.name, ...policy }, 'room policy changed');
    return policy;
  }

  get engine(): Engine { return this.driver.engine; }
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
    return this.outbox.snapshot(key, this.driver.paused, () => this.buildSnapshot());
  }

  private buildSnapshot(): SimSnapshot {
    return roomSnapshot({
      room: this.name, epoch: this.epoch, sim: this.sim, driver: this.driver, history: this.history,
      bookmarks: this.marks.list(), policy: this.policy, forkOrigin: this.forkOrigin,
    });
  }

  /** Send what is pending as batches of at most MAX_BATCH_EVENTS weight (outbox.ts). */
  flush(): void {
    this.outbox.flush();
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
   * Anyone in an open room, only the presenter in a class room (access.ts).
   */
  addBookmark(name: string, atMs?: number): Ack<{ bookmark: Bookmark }> {
    const added = this.marks.addAt(this.name, name, atMs, this.driver.engine.simTimeMs);
    if (added.ok) {
      this.stateVersion++;
      this.options.persistence?.changed(this, false);
      this.options.broadcast.bookmarks?.(this.name, this.marks.list());
    }
    return added;
  }

  /**
   * Resolves once what the room holds now is durable (written and fsynced, or acknowledged by Redis): a command that
   * changed the room is acked only after this. Rejects with why it could not be stored.
   */
  persisted(): Promise<void> {
    return this.options.persistence?.durable?.(this) ?? Promise.resolve();
  }

  /** Why this room cannot be stored right now (a full or read-only disk, Redis gone), or null. */
  get storageProblem(): string | null {
    return this.options.persistence?.problem?.(this) ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.driver.stop();
    this.reportScriptRejections();
    this.outbox.clear();
    this.classroom.dispose();
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
    this.access.restore(state);
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
      presenterKeyDigest: this.access.keyDigest,
      studentsMayInject: this.access.policy.studentsMayInject,
      bookmarks: this.marks.list(),
      nextBookmarkId: this.marks.nextBookmarkId,
      forkOf: this.forkOrigin,
    };
  }

  /** The room (and moment) this room was forked from, null for an original room. */
  get forkOf(): ForkOrigin | null {
    return this.forkOrigin;
  }

  private reportScriptRejections(): void {
    if (this.scriptRejections > 1) this.options.logger.warn({ room: this.name, rejected: this.scriptRejections }, 'scenario steps rejected in all (the first was logged)');
    this.scriptRejections = 0;
  }

  private install(sim: Simulation, old: Driver | undefined, bumpEpoch: boolean, start?: BranchStart, resume?: { cursor: ScriptCursor; paused: boolean; speed: number }): void {
    const engine = start?.engine ?? this.options.createEngine({ cluster: sim.cluster, seed: sim.seed });
    const driver = new Driver({
      engine,
      now: this.options.now,
      speed: resume?.speed ?? old?.speed,
      // A rewound or forked room waits for its presenter: it starts paused; so does a new class room, at 0:00. A restored
      // room plays on as it was.
      paused: resume?.paused ?? (start !== undefined ? true : (old?.paused ?? this.access.isClass)),
      script: sim.script,
      cursor: resume?.cursor,
      onEvents: (events) => this.onEvents(events),
      onTick: () => this.onTick(),
      onError: (error) => {
        this.options.logger.error({ err: error, room: this.name, simTimeMs: engine.simTimeMs }, 'the engine failed; room paused (reset it to start again)');
        this.options.broadcast.playback(this.name, this.playback());
      },
      // One line per script (an upload's or a scenario's): the first refused step is logged, the rest counted and
      // said in one line when the script is replaced or the room closes.
      onScriptError: (error) => {
        this.scriptRejections += 1;
        if (this.scriptRejections === 1) this.options.logger.warn({ room: this.name, ...error }, 'scenario step rejected (later ones of this script are counted, then logged in one line)');
      },
      // The narration that waits goes out first, then the pause that names it: a viewer reads both together.
      onWait: () => {
        this.flush();
        this.options.broadcast.playback(this.name, this.playback());
      },
    });
    old?.stop();
    this.reportScriptRejections();
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
    this.outbox.clear();
    this.stateVersion++;
    if (bumpEpoch) this.epoch++;
    if (this.options.autoTick) driver.start();
  }

  private onTick(): void {
    this.flush();
    this.options.persistence?.ticked(this);
    this.outbox.heartbeat(this.presence.clients, () => this.playback());
  }

  private onEvents(events: SimEvent[]): void {
    this.history.append(events);
    this.epochTape.observe(this.driver.engine, events);
    this.outbox.push(events);
  }
}
