// Narration triggered by facts: "when the cluster is healthy, say ..." fires at the moment it becomes true, whatever
// the seed, and the steps after it wait for it, so the narration never runs ahead of the cluster.
import { describe, expect, it } from 'vitest';
import { createEngine } from './index.ts';
import { createScriptPlayer } from './script.ts';
import type { SimEvent } from './types.ts';
import { firstHealthyMs, SMALL } from './testing.ts';

const MIN = 60_000;

function play(seed: number, steps: Parameters<typeof createScriptPlayer>[0], untilMs: number, chunkMs = untilMs): SimEvent[] {
  const engine = createEngine({ cluster: SMALL, seed });
  const player = createScriptPlayer(steps);
  const log: SimEvent[] = [];
  for (let t = chunkMs; t <= untilMs; t += chunkMs) log.push(...player.advanceTo(engine, t).events);
  return log;
}

describe('scenario steps that wait for a fact', () => {
  it('says "the cluster is healthy" exactly when the cluster turns healthy, for every seed', () => {
    for (const seed of [1, 2, 3]) {
      const log = play(seed, [{ atMs: 0, when: { fact: 'cluster', is: 'healthy' }, say: 'Healthy now.' }], 12 * MIN);
      const said = log.find((e) => e.type === 'narration')!;
      expect(said.simTimeMs).toBe(firstHealthyMs(log));
      const healthy = log.findIndex((e) => e.type === 'cluster' && e.health === 'healthy');
      expect(log.indexOf(said)).toBeGreaterThan(healthy);
    }
  });

  it('fires at the same moment whether the driver advances in one go or in small ticks', () => {
    const steps = [{ atMs: 0, when: { fact: 'leader', role: 'mesos', is: 'elected' } as const, say: 'A Mesos leader.' }];
    const once = play(5, steps, 10 * MIN);
    const ticked = play(5, steps, 10 * MIN, 7_000);
    expect(JSON.stringify(ticked)).toBe(JSON.stringify(once));
  });

  it('holds later timed steps back until the fact holds: narration never runs ahead', () => {
    const log = play(2, [
      { atMs: 0, when: { fact: 'cluster', is: 'healthy' }, say: 'first' },
      { atMs: 60_000, say: 'second' },
    ], 12 * MIN);
    const [first, second] = log.filter((e) => e.type === 'narration');
    expect(second.simTimeMs).toBe(first.simTimeMs);
    expect(second.seq).toBeGreaterThan(first.seq);
  });

  it('fires at its atMs when the fact already holds then', () => {
    const log = play(2, [{ atMs: 11 * MIN, when: { fact: 'quorum', is: 'ok' }, say: 'quorum' }], 12 * MIN);
    expect(log.find((e) => e.type === 'narration')!.simTimeMs).toBe(11 * MIN);
  });

  it('can inject a fault when a fact holds (stop Exhibitor once the cluster is healthy)', () => {
    const log = play(3, [{ atMs: 0, when: { fact: 'cluster', is: 'healthy' }, fault: { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' } }], 12 * MIN);
    const fault = log.find((e) => e.type === 'fault')!;
    expect(fault.simTimeMs).toBe(firstHealthyMs(log));
  });
});
