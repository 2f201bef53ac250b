// A room's tape for one epoch (what it can rewind and replay): the recording (recording.ts), the checkpoints of the live engine
// (checkpoints.ts) and, once asked for, the healthy baseline (baseline.ts). The room feeds it every event batch;
// views of the past are rebuilt from it (replay.ts). A reset or scenario load gives the room a new tape, so a
// recording never spans two simulations.
import type { ClusterView, Engine, SimEvent } from '../../../shared/engine/types.ts';
import type { RecordedStep, Recording } from '../../../shared/protocol/recording.ts';
import { Baseline } from './baseline.ts';
import { Checkpoints, DEFAULT_BUDGET, type CheckpointBudget, type CheckpointStats, type EngineRestorer } from './checkpoints.ts';
import type { EngineFactory } from '../../deps.ts';
import { Recorder, type RecordingHeader } from './recording.ts';
import { engineAt, replayEvents } from './replay.ts';

export interface TapeDeps {
  createEngine: EngineFactory;
  restoreEngine: EngineRestorer;
  budget?: CheckpointBudget;
}

export interface TapeMemory {
  checkpoints: CheckpointStats;
  baseline: CheckpointStats | null;
  /** Deflated snapshot bytes held by this timeline (room + baseline). */
  bytes: number;
}

export class EpochTape {
  readonly recorder: Recorder;
  readonly checkpoints: Checkpoints;
  private baseline: Baseline | null = null;

  constructor(private readonly deps: TapeDeps, private readonly header: RecordingHeader, from: readonly RecordedStep[] = []) {
    this.recorder = new Recorder(header, from);
    this.checkpoints = new Checkpoints(deps.budget ?? DEFAULT_BUDGET);
  }

  /** Every batch the live engine produced, in seq order, with the engine at rest right after it. */
  observe(engine: Engine, events: readonly SimEvent[]): void {
    this.recorder.observe(events);
    this.checkpoints.consider(engine, this.recorder.length);
  }

  recording(untilMs: number): Recording {
    return this.recorder.recording(untilMs);
  }

  /** A fresh engine at `simTimeMs` of this epoch (the caller checks 0 <= t <= now). */
  engineAt(simTimeMs: number): Engine {
    const { createEngine, restoreEngine } = this.deps;
    const { cluster, seed } = this.header;
    return engineAt({ createEngine, restoreEngine, cluster, seed, steps: this.recorder.steps, checkpoints: this.checkpoints }, simTimeMs);
  }

  /** The whole event log of this epoch from t=0 to `untilMs`, replayed (the room's own history may be trimmed). */
  eventsUntil(untilMs: number): SimEvent[] {
    const { createEngine } = this.deps;
    const { cluster, seed } = this.header;
    return replayEvents({ createEngine, cluster, seed, steps: this.recorder.steps }, untilMs);
  }

  viewAt(simTimeMs: number, options: { baseline?: boolean } = {}): ClusterView {
    if (!options.baseline) return this.engineAt(simTimeMs).view();
    return this.twin().viewAt(simTimeMs);
  }

  /** The healthy twin (same cluster and seed, no faults), built on first use. */
  twin(): Baseline {
    this.baseline ??= new Baseline({ ...this.deps, cluster: this.header.cluster, seed: this.header.seed }, this.deps.budget);
    return this.baseline;
  }

  memory(): TapeMemory {
    const checkpoints = this.checkpoints.stats();
    const baseline = this.baseline?.stats() ?? null;
    return { checkpoints, baseline, bytes: checkpoints.bytes + (baseline?.bytes ?? 0) };
  }
}
