// Admin Router resolves /marathon from its Lua cache of the Mesos state-summary, polled every 25 s (issue 17 item 7;
// dcos/dcos 1.11 packages/adminrouter/extra/src/lib/cache.lua, service.lua): availability changes at its polls.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { runWith, SMALL } from './testing.ts';
import { ADMINROUTER_POLL_MS } from '../model/timings.ts';

type Of<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;
const T = 12 * 60_000;
const SEED = 4;

describe('Admin Router between its cache polls', () => {
  const leader = runWith(SMALL, SEED, [], T).engine.view().leaders.marathon!;
  const { log } = runWith(SMALL, SEED, [[T, { kind: 'stop', node: leader, unit: 'dcos-marathon' }]], T + 3 * 60_000);
  const avail = log.filter((e): e is Of<'availability'> => e.type === 'availability' && e.simTimeMs >= T);

  it('answers 502 while its cache still names the Marathon that stopped, then 200 at a poll after the new leader registered', () => {
    expect(avail[0].simTimeMs).toBe(T);
    expect(avail[0].availability.adminRouterStatus).toBe(502);
    expect(avail[0].cause.text).toMatch(/cache still points \/service\/marathon at/);
    const registered = log.find((e) => e.type === 'step' && e.step === 'master.6.4' && e.simTimeMs >= T);
    const back = avail.find((e) => e.availability.apiReachable)!;
    expect(back.simTimeMs - T).toBeLessThanOrEqual(2 * ADMINROUTER_POLL_MS + 5_000);
    if (registered) expect(back.simTimeMs).toBeGreaterThanOrEqual(registered.simTimeMs);
    expect(back.cause.text).toMatch(/from its cached Mesos state/);
  });

  it('a new Marathon leader exists long before the API answers again', () => {
    const newLeader = log.find((e): e is Of<'leader'> => e.type === 'leader' && e.role === 'marathon' && e.node !== null && e.simTimeMs >= T)!;
    const back = avail.find((e) => e.availability.apiReachable)!;
    expect(newLeader.simTimeMs - T).toBeLessThanOrEqual(2_000);
    expect(back.simTimeMs).toBeGreaterThan(newLeader.simTimeMs);
  });
});
