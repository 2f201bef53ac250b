// Checkpoints: engine snapshots of one epoch, kept so any past moment can be rebuilt quickly (restore the
// nearest one at or before t, replay the recorded steps after it: replay.ts). They are a cache of the recording,
// never a second history: dropping them all only makes rebuilding slower.
// Memory budget (per store): at most MAX_CHECKPOINTS checkpoints and MAX_CHECKPOINT_BYTES bytes, whichever binds
// first. Snapshots are stored as deflated JSON (30-40x smaller than the JSON: 20 KB at 3+100, 150 KB at 3+1,000),
// and the byte count is the exact size of those buffers. Over budget, every other older checkpoint is dropped and the
// interval doubles, so the kept ones stay evenly spread over the whole run and the newest is always kept; a single
// snapshot bigger than the budget is not kept (rebuilds then start from t=0, which is always possible for free).
// Invariants: checkpoints are in increasing simulated time; each records how many recording steps were applied.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Engine, EngineSnapshot } from '../../../shared/engine/types.ts';
import type { EngineRestorer } from '../../deps.ts';

export const CHECKPOINT_EVERY_MS = 30_000;
export const MAX_CHECKPOINTS = 48;
export const MAX_CHECKPOINT_BYTES = 8 * 1024 * 1024;
/**
 * Above this many nodes a live room takes no checkpoints: one costs ~2.5 s of blocked event loop at 5+10,000+100
 * (a 63 MB JSON snapshot, copied, stringified, deflated; measured at 300 sim s), every 30 simulated seconds. Past
 * moments of such a room are rebuilt from t=0 instead (the engine boots 10,000 agents in ~2 s), which is always
 * possible; at the old 2,000-agent ceiling nothing changes.
 */
export const CHECKPOINT_MAX_NODES = 2_500;
/** Fast deflate: level 1 is within 20% of level 6 in size at a fraction of the time (measured at 3+1,000). */
const DEFLATE_LEVEL = 1;

export type { EngineRestorer };

export interface CheckpointBudget {
  everyMs: number;
  maxCount: number;
  maxBytes: number;
}

export const DEFAULT_BUDGET: CheckpointBudget = { everyMs: CHECKPOINT_EVERY_MS, maxCount: MAX_CHECKPOINTS, maxBytes: MAX_CHECKPOINT_BYTES };

export interface Checkpoint {
  simTimeMs: number;
  /** How many of the epoch's recorded steps the engine had applied when the snapshot was taken. */
  stepsApplied: number;
  data: Buffer;
}

export interface CheckpointStats {
  count: number;
  bytes: number;
  everyMs: number;
  /** Simulated times of the kept checkpoints, oldest first. */
  times: number[];
}

export class Checkpoints {
  private list: Checkpoint[] = [];
  private bytes = 0;
  private everyMs: number;
  /** One snapshot alone exceeded the byte budget: this cluster is too big to checkpoint, stop paying for it. */
  private tooBig = false;

  constructor(private readonly budget: CheckpointBudget = DEFAULT_BUDGET) {
    this.everyMs = budget.everyMs;
  }

  /** Simulated time of the newest checkpoint (0: only the free one at t=0). */
  get newestMs(): number {
    return this.list.length === 0 ? 0 : this.list[this.list.length - 1].simTimeMs;
  }

  /** Take a checkpoint if the engine is an interval past the newest one. The engine must be at rest (between calls). */
  consider(engine: Engine, stepsApplied: number): boolean {
    if (this.tooBig || engine.simTimeMs < this.newestMs + this.everyMs) return false;
    const { masters, agents, publicAgents } = engine.cluster;
    if (masters + agents + publicAgents > CHECKPOINT_MAX_NODES) {
      this.tooBig = true;
      return false;
    }
    const data = deflateRawSync(JSON.stringify(engine.snapshot()), { level: DEFLATE_LEVEL });
    this.list.push({ simTimeMs: engine.simTimeMs, stepsApplied, data });
    this.bytes += data.length;
    this.enforceBudget();
    return true;
  }

  /** The newest checkpoint at or before `simTimeMs`, or null (start from a fresh engine). */
  nearest(simTimeMs: number): Checkpoint | null {
    let lo = 0;
    let hi = this.list.length - 1;
    let found: Checkpoint | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].simTimeMs <= simTimeMs) {
        found = this.list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  restore(checkpoint: Checkpoint, restoreEngine: EngineRestorer): Engine {
    return restoreEngine(JSON.parse(inflateRawSync(checkpoint.data).toString('utf8')) as EngineSnapshot);
  }

  stats(): CheckpointStats {
    return { count: this.list.length, bytes: this.bytes, everyMs: this.everyMs, times: this.list.map((c) => c.simTimeMs) };
  }

  private enforceBudget(): void {
    const over = () => this.list.length > this.budget.maxCount || this.bytes > this.budget.maxBytes;
    while (over() && this.list.length > 1) {
      // Keep the newest and every second one back from it: spacing doubles, coverage stays whole.
      const last = this.list.length - 1;
      this.list = this.list.filter((_, i) => (last - i) % 2 === 0);
      this.bytes = this.list.reduce((sum, c) => sum + c.data.length, 0);
      this.everyMs *= 2;
    }
    if (over()) {
      this.list = [];
      this.bytes = 0;
      this.tooBig = true;
    }
  }
}
