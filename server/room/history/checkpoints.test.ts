// Checkpoints are a bounded cache of the recording: over a long run they stay within their count and byte budget,
// spread evenly over the whole run (so any moment is near one), and a rebuild from them equals a fresh replay.
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../../shared/engine/index.ts';
import type { ClusterConfig } from '../../../shared/engine/types.ts';
import { Checkpoints, DEFAULT_BUDGET, type CheckpointBudget } from './checkpoints.ts';
import { engineAt } from './replay.ts';

const cluster: ClusterConfig = { masters: 3, agents: 2, publicAgents: 1 };
const HOURS = 3_600_000;

/** Run an undisturbed room's engine for `untilMs` in 5 s driver-sized slices, offering a checkpoint after each. */
function longRun(budget: CheckpointBudget, untilMs: number): Checkpoints {
  const checkpoints = new Checkpoints(budget);
  const engine = createEngine({ cluster, seed: 3 });
  for (let t = 5_000; t <= untilMs; t += 5_000) {
    engine.advanceTo(t);
    checkpoints.consider(engine, 0);
  }
  return checkpoints;
}

function rebuilt(checkpoints: Checkpoints, t: number) {
  return engineAt({ createEngine, restoreEngine, cluster, seed: 3, steps: [], checkpoints }, t).view();
}

function fresh(t: number) {
  const engine = createEngine({ cluster, seed: 3 });
  engine.advanceTo(t);
  return engine.view();
}

describe('checkpoints', () => {
  it('checkpoints stay within their memory budget over a long run', () => {
    const untilMs = 8 * HOURS;
    const checkpoints = longRun(DEFAULT_BUDGET, untilMs);
    const { count, bytes, everyMs, times } = checkpoints.stats();
    expect(count).toBeLessThanOrEqual(DEFAULT_BUDGET.maxCount);
    expect(count).toBeGreaterThan(DEFAULT_BUDGET.maxCount / 2);
    expect(bytes).toBeLessThanOrEqual(DEFAULT_BUDGET.maxBytes);
    // Thinned evenly: no gap wider than twice the current interval, and the newest is near the end of the run.
    expect(everyMs).toBeGreaterThan(DEFAULT_BUDGET.everyMs);
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * everyMs);
    expect(untilMs - times[times.length - 1]).toBeLessThan(everyMs);
    for (const t of [0, 90_000, 1 * HOURS + 1, 5 * HOURS + 12_345, untilMs]) expect(rebuilt(checkpoints, t), `t=${t}`).toEqual(fresh(t));
  });

  it('the byte budget binds before the count when snapshots are big', () => {
    const one = longRun(DEFAULT_BUDGET, 60_000).stats().bytes;
    const checkpoints = longRun({ everyMs: 30_000, maxCount: 1_000, maxBytes: one * 5 }, 2 * HOURS);
    const { count, bytes } = checkpoints.stats();
    expect(bytes).toBeLessThanOrEqual(one * 5);
    expect(count).toBeLessThanOrEqual(8);
    expect(count).toBeGreaterThan(1);
  });

  it('a cluster whose single snapshot exceeds the budget keeps none and rebuilds from t=0', () => {
    const checkpoints = longRun({ everyMs: 30_000, maxCount: 10, maxBytes: 100 }, 10 * 60_000);
    expect(checkpoints.stats()).toMatchObject({ count: 0, bytes: 0 });
    expect(rebuilt(checkpoints, 400_000)).toEqual(fresh(400_000));
  });

  it('nearest finds the newest checkpoint at or before t', () => {
    const checkpoints = longRun(DEFAULT_BUDGET, 300_000);
    const { times } = checkpoints.stats();
    expect(checkpoints.nearest(times[0] - 1)).toBeNull();
    expect(checkpoints.nearest(times[2])?.simTimeMs).toBe(times[2]);
    expect(checkpoints.nearest(times[2] + 1)?.simTimeMs).toBe(times[2]);
    expect(checkpoints.nearest(1e12)?.simTimeMs).toBe(times[times.length - 1]);
  });
});
