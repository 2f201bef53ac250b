// The healthy baseline of a room: the same cluster and seed with no faults and no narration, i.e. a recording with
// no steps, rebuilt through the same replay as the room (replay.ts). Built lazily: nothing is computed until a
// viewer asks, and every rebuild that runs past the newest checkpoint leaves checkpoints behind it, so the next
// request (earlier or later) starts near its moment instead of at t=0. Memory: one checkpoint store (checkpoints.ts),
// plus the last compacted track (~60 KB at 3+100) and the twin's critical path, which never changes once found.
// The track and the critical path replay the twin's log from t=0 (replayEvents: ~30 ms at 3+100) rather than keep
// it: the log is 1.4 MB at 3+100, and the answers are small.
import { criticalPath, type CriticalPath } from '../../../shared/engine/criticalPath.ts';
import type { ClusterConfig, ClusterView } from '../../../shared/engine/types.ts';
import type { BaselineTrack } from '../../../shared/protocol/baseline.ts';
import { compactTrack } from './baselineTrack.ts';
import { Checkpoints, DEFAULT_BUDGET, type CheckpointBudget, type CheckpointStats, type EngineRestorer } from './checkpoints.ts';
import type { EngineFactory } from '../../deps.ts';
import { engineAt, replayEvents } from './replay.ts';

export class Baseline {
  private readonly checkpoints: Checkpoints;
  private readonly everyMs: number;
  private lastTrack: BaselineTrack | null = null;
  private path: CriticalPath | null = null;

  constructor(
    private readonly source: { createEngine: EngineFactory; restoreEngine: EngineRestorer; cluster: ClusterConfig; seed: number },
    budget: CheckpointBudget = DEFAULT_BUDGET,
  ) {
    this.checkpoints = new Checkpoints(budget);
    this.everyMs = budget.everyMs;
  }

  viewAt(simTimeMs: number): ClusterView {
    const engine = engineAt(
      { ...this.source, steps: [], checkpoints: this.checkpoints },
      simTimeMs,
      (e) => void this.checkpoints.consider(e, 0),
      this.everyMs,
    );
    return engine.view();
  }

  /** The twin's unit state changes up to `untilMs` (the caller checks 0 <= until <= now). */
  track(untilMs: number): BaselineTrack {
    if (this.lastTrack?.untilMs === untilMs) return this.lastTrack;
    this.lastTrack = compactTrack(this.events(untilMs), untilMs);
    return this.lastTrack;
  }

  /** The twin's critical path as of `untilMs`: fixed once its cluster first became healthy. */
  criticalPath(untilMs: number): CriticalPath {
    if (this.path !== null && this.path.healthyAtMs !== null && this.path.healthyAtMs <= untilMs) return this.path;
    const path = criticalPath(this.events(untilMs));
    if (path.healthyAtMs !== null) this.path = path;
    return path;
  }

  private events(untilMs: number) {
    return replayEvents({ createEngine: this.source.createEngine, cluster: this.source.cluster, seed: this.source.seed, steps: [] }, untilMs);
  }

  stats(): CheckpointStats {
    return this.checkpoints.stats();
  }
}
