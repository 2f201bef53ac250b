// The agent strip a big cluster's timeline draws: counts by worst state over time, exact and bounded.
import { describe, expect, it } from 'vitest';
import { MAX_STRIP_SAMPLES, countsAt, groupOf, recordChange, recordRegistration, registeredAt, type StripSample } from './agentStrip.ts';

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

  it('counts registered agents alongside, carried through worst-state changes', () => {
    const samples: StripSample[] = [];
    recordChange(samples, 0, undefined, 'waiting');
    recordChange(samples, 0, undefined, 'waiting');
    recordRegistration(samples, 5_000, 1);
    recordChange(samples, 6_000, 'waiting', 'healthy');
    recordRegistration(samples, 7_000, 1);
    recordRegistration(samples, 9_000, -1); // the leader is gone: DISCONNECTED
    expect(registeredAt({ samples }, 4_999)).toBe(0);
    expect(registeredAt({ samples }, 6_500)).toBe(1);
    expect(registeredAt({ samples }, 8_000)).toBe(2);
    expect(registeredAt({ samples }, 9_000)).toBe(1);
    expect(countsAt({ samples }, 9_000)).toEqual({ waiting: 1, healthy: 1 });
  });

  it('thinning keeps the first sample and never shows a registration before it happened', () => {
    const samples: StripSample[] = [];
    recordChange(samples, 0, undefined, 'waiting');
    // One agent registers every second, far past the cap.
    for (let i = 1; i <= MAX_STRIP_SAMPLES * 3; i++) recordRegistration(samples, i * 1_000, 1);
    expect(samples.length).toBeLessThanOrEqual(MAX_STRIP_SAMPLES);
    expect(samples[0]).toEqual({ atMs: 0, counts: { waiting: 1 } });
    for (let t = 0; t <= MAX_STRIP_SAMPLES * 3_000; t += 777) expect(registeredAt({ samples }, t)).toBeLessThanOrEqual(Math.floor(t / 1_000));
    expect(registeredAt({ samples }, MAX_STRIP_SAMPLES * 3_000)).toBe(MAX_STRIP_SAMPLES * 3);
  });

  it('a leader gone for minutes survives thinning by a re-registration storm of thousands within a second', () => {
    const samples: StripSample[] = [];
    recordChange(samples, 0, undefined, 'healthy');
    for (let i = 1; i <= 3_000; i++) recordRegistration(samples, 1_000 + i, 1); // the boot registers 3,000 agents
    for (let i = 1; i <= 3_000; i++) recordRegistration(samples, 420_000, -1); // all DISCONNECTED in one instant
    for (let i = 1; i <= 3_000; i++) recordRegistration(samples, 435_000 + Math.floor(i / 3), 1); // the storm
    expect(samples.length).toBeLessThanOrEqual(MAX_STRIP_SAMPLES);
    expect(registeredAt({ samples }, 300_000)).toBe(3_000);
    expect(registeredAt({ samples }, 420_000)).toBe(0);
    expect(registeredAt({ samples }, 434_999)).toBe(0);
    expect(registeredAt({ samples }, 436_000)).toBe(3_000);
  });

  it('knows which strip a node feeds', () => {
    expect(groupOf('agent-12')).toBe('agent');
    expect(groupOf('public-agent-3')).toBe('agent_public');
    expect(groupOf('master-1')).toBeNull();
  });
});
