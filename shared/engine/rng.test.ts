// Stable randomness: per-(node, unit) draws are keyed, so a bigger cluster (or a unit added to the catalog, which
// shifts catalog positions but not unit ids) does not move the times drawn for everything else.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { createEngine } from './index.ts';
import { keyedBetween, keyOf, PURPOSE, seedStreams } from './rng.ts';

function firstStarts(agents: number): Map<string, number> {
  const e = createEngine({ cluster: { masters: 3, agents, publicAgents: 1 }, seed: 9 });
  const out = new Map<string, number>();
  for (const ev of e.advanceTo(30_000) as SimEvent[]) {
    if (ev.type === 'unit' && ev.node.startsWith('master-') && ev.to === 'starting' && !out.has(`${ev.node}/${ev.unit}`)) out.set(`${ev.node}/${ev.unit}`, ev.simTimeMs);
  }
  return out;
}

describe('seeded randomness that stays put', () => {
  it('adding agents does not move when any master unit first starts', () => {
    const small = firstStarts(2);
    const big = firstStarts(40);
    expect(small.size).toBeGreaterThan(40);
    expect([...big]).toEqual([...small]);
  });

  it('keys a unit by its id, not its position in the catalog', () => {
    const a = keyedBetween(1, PURPOSE.unitStart, 0, keyOf('dcos-marathon'), 3, [0, 1_000_000]);
    expect(keyedBetween(1, PURPOSE.unitStart, 0, keyOf('dcos-marathon'), 3, [0, 1_000_000])).toBe(a);
    expect(keyedBetween(1, PURPOSE.unitStart, 0, keyOf('dcos-metronome'), 3, [0, 1_000_000])).not.toBe(a);
    expect(keyedBetween(2, PURPOSE.unitStart, 0, keyOf('dcos-marathon'), 3, [0, 1_000_000])).not.toBe(a);
  });

  it('gives every concern its own stream, all different, all from the seed', () => {
    const s = seedStreams(1);
    expect(new Set(Object.values(s)).size).toBe(Object.keys(s).length);
    expect(seedStreams(1)).toEqual(s);
    expect(seedStreams(2)).not.toEqual(s);
  });
});
