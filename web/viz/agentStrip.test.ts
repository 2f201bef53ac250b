// The agent strip a big cluster's timeline draws: counts by worst state over time, exact and bounded.
import { describe, expect, it } from 'vitest';
import { MAX_STRIP_SAMPLES, countsAt, groupOf, recordChange, type StripSample } from './agentStrip.ts';

describe('agent strip', () => {
  it('counts agents by their worst state over time, one step per change', () => {
    const samples: StripSample[] = [];
    recordChange(samples, 0, undefined, 'pending');
    recordChange(samples, 0, undefined, 'pending');
    recordChange(samples, 10_000, 'pending', 'waiting');
    recordChange(samples, 20_000, 'waiting', 'healthy');
    recordChange(samples, 20_000, 'pending', 'healthy');
    expect(samples).toEqual([
      { atMs: 0, counts: { pending: 2 } },
      { atMs: 10_000, counts: { pending: 1, waiting: 1 } },
      { atMs: 20_000, counts: { pending: 0, waiting: 0, healthy: 2 } },
    ]);
    expect(countsAt({ samples }, 15_000)).toEqual({ pending: 1, waiting: 1 });
    expect(countsAt({ samples }, -1)).toBeNull();
  });

  it('stays bounded: thinning keeps the latest counts', () => {
    const samples: StripSample[] = [];
    for (let i = 0; i < MAX_STRIP_SAMPLES * 3; i++) recordChange(samples, i * 1_000, i === 0 ? undefined : i % 2 === 0 ? 'healthy' : 'waiting', i % 2 === 0 ? 'waiting' : 'healthy');
    expect(samples.length).toBeLessThanOrEqual(MAX_STRIP_SAMPLES);
    expect(samples.at(-1)!.atMs).toBe((MAX_STRIP_SAMPLES * 3 - 1) * 1_000);
    const total = Object.values(samples.at(-1)!.counts).reduce((a, b) => a + (b ?? 0), 0);
    expect(total).toBe(1);
  });

  it('knows which strip a node feeds', () => {
    expect(groupOf('agent-12')).toBe('agent');
    expect(groupOf('public-agent-3')).toBe('agent_public');
    expect(groupOf('master-1')).toBeNull();
  });
});
