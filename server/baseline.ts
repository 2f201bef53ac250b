// The healthy baseline of a room: the same cluster and seed with no faults and no narration, i.e. a recording with
// no steps, rebuilt through the same replay as the room (replay.ts). Built lazily: nothing is computed until a
// viewer asks, and every rebuild that runs past the newest checkpoint leaves checkpoints behind it, so the next
// request (earlier or later) starts near its moment instead of at t=0. Memory: one checkpoint store (checkpoints.ts).
import type { ClusterConfig, ClusterView } from '../shared/engine/types.ts';
import { Checkpoints, DEFAULT_BUDGET, type CheckpointBudget, type CheckpointStats, type EngineRestorer } from './checkpoints.ts';
import type { EngineFactory } from './deps.ts';
import { engineAt } from './replay.ts';

export class Baseline {
  private readonly checkpoints: Checkpoints;
  private readonly everyMs: number;

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

  stats(): CheckpointStats {
    return this.checkpoints.stats();
  }
}
