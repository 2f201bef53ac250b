// A tick may hold the event loop for at most TICK_BUDGET_MS of wall time: a big cluster's boot at 20x asks for more
// than the CPU gives, so the simulation falls behind (and stays behind: no catch-up burst) instead of stalling the
// server. Slicing the advance never changes the event log.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../shared/engine/index.ts';
import type { SimEvent } from '../shared/engine/types.ts';
import { eventNdjsonLine } from '../shared/protocol/eventExport.ts';
import { Driver, TICK_BUDGET_MS, TICK_SLICE_SIM_MS } from './driver.ts';

const cluster = { masters: 3 as const, agents: 20, publicAgents: 1 };

/** A driver whose wall clock moves `costMs` every time it is read (as if each engine slice took that long). */
function slowClock(costMs: number) {
  let wallMs = 0;
  const events: SimEvent[] = [];
  const engine = createEngine({ cluster, seed: 3 });
  const driver = new Driver({ engine, now: () => (wallMs += costMs), speed: 100, onEvents: (e) => events.push(...e) });
  return { driver, events, advanceWall: (ms: number) => { wallMs += ms; } };
}

describe('Driver tick budget', () => {
  it('stops a tick once its wall budget is spent, and the simulation then lags instead of bursting', () => {
    const { driver, advanceWall } = slowClock(10); // every slice "takes" 10 ms of wall time
    advanceWall(50);
    driver.tick(); // asks for 50 ms x 100 = 5,000 sim ms
    const slices = Math.ceil(TICK_BUDGET_MS / 10);
    expect(driver.simTimeMs).toBe(slices * TICK_SLICE_SIM_MS);
    advanceWall(50);
    driver.tick();
    expect(driver.simTimeMs).toBe(2 * slices * TICK_SLICE_SIM_MS); // re-anchored: no attempt to catch up the lag
  });

  it('a budgeted run logs exactly what an unhurried one does', () => {
    const slow = slowClock(7);
    const fast = slowClock(0);
    for (let i = 0; i < 400; i++) {
      slow.advanceWall(50);
      slow.driver.tick();
    }
    while (fast.driver.simTimeMs < slow.driver.simTimeMs) {
      fast.advanceWall(50);
      fast.driver.tick();
    }
    const upTo = slow.driver.simTimeMs;
    const lines = (events: SimEvent[]) => events.filter((e) => e.simTimeMs <= upTo).map(eventNdjsonLine);
    expect(slow.events.length).toBeGreaterThan(500);
    expect(lines(slow.events)).toEqual(lines(fast.events));
  });
});
