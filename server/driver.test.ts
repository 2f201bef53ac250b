import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../shared/engine/types.ts';
import { Driver, MAX_TICK_GAP_MS } from './driver.ts';
import { createFakeEngine, FAKE_TICK_EVERY_MS } from './testing/fakeEngine.ts';

function setup(options: { speed?: number; paused?: boolean; script?: { atMs: number; say?: string; fault?: { kind: 'clear' } }[] } = {}) {
  let wallMs = 1_000_000;
  const events: SimEvent[] = [];
  const engine = createFakeEngine({ cluster: { masters: 1, agents: 1, publicAgents: 0 }, seed: 1 });
  const driver = new Driver({ engine, now: () => wallMs, onEvents: (e) => events.push(...e), ...options });
  return { driver, engine, events, advanceWall: (ms: number) => { wallMs += ms; } };
}

describe('Driver: wall time x speed -> sim time', () => {
  it('advances sim time by wall time x speed on each tick', () => {
    const { driver, advanceWall } = setup({ speed: 5 });
    advanceWall(1_000);
    driver.tick();
    expect(driver.simTimeMs).toBe(5_000);
    advanceWall(200);
    driver.tick();
    expect(driver.simTimeMs).toBe(6_000);
  });

  it('hands every produced event to onEvents in seq order without gaps', () => {
    const { driver, events, advanceWall } = setup({ speed: 10 });
    for (let i = 0; i < 40; i++) {
      advanceWall(50);
      driver.tick();
    }
    expect(events.length).toBeGreaterThan(10);
    events.forEach((e, i) => expect(e.seq).toBe(i + 1));
  });

  it('changing speed never jumps sim time, and the new speed applies from then on', () => {
    const { driver, advanceWall } = setup({ speed: 2 });
    advanceWall(1_000);
    driver.setSpeed(20);
    driver.tick();
    expect(driver.simTimeMs).toBe(2_000);
    advanceWall(100);
    driver.tick();
    expect(driver.simTimeMs).toBe(4_000);
  });

  it('pause freezes sim time; resume continues from where it stopped', () => {
    const { driver, advanceWall } = setup({ speed: 1 });
    advanceWall(3_000);
    driver.pause();
    expect(driver.simTimeMs).toBe(3_000);
    advanceWall(10_000);
    driver.tick();
    expect(driver.simTimeMs).toBe(3_000);
    driver.resume();
    advanceWall(500);
    driver.tick();
    expect(driver.simTimeMs).toBe(3_500);
  });

  it('step jumps exactly to the next scheduled event while paused', () => {
    const { driver, events } = setup({ paused: true });
    const stepped = driver.step();
    expect(driver.simTimeMs).toBe(FAKE_TICK_EVERY_MS);
    expect(stepped.length).toBeGreaterThan(0);
    expect(events).toEqual(stepped);
    expect(driver.paused).toBe(true);
  });

  it('does not replay a long stall of the process as a burst of fast-forward', () => {
    const { driver, advanceWall } = setup({ speed: 10 });
    advanceWall(100);
    driver.tick();
    const before = driver.simTimeMs;
    advanceWall(MAX_TICK_GAP_MS * 30);
    driver.tick();
    expect(driver.simTimeMs - before).toBeLessThanOrEqual(10 * 100);
  });

  it('plays scenario steps at their sim time, in order, exactly once (also when stepping)', () => {
    const { driver, events, advanceWall } = setup({ speed: 1, script: [{ atMs: 2_500, say: 'look at ZooKeeper' }, { atMs: 500, say: 'first' }] });
    driver.pause();
    driver.step();
    expect(events.filter((e) => e.type === 'narration').map((e) => e.simTimeMs)).toEqual([500]);
    driver.resume();
    for (let i = 0; i < 100; i++) {
      advanceWall(50);
      driver.tick();
    }
    const narrations = events.filter((e) => e.type === 'narration');
    expect(narrations.map((e) => (e.type === 'narration' ? e.text : ''))).toEqual(['first', 'look at ZooKeeper']);
    expect(narrations[1].simTimeMs).toBe(2_500);
    expect(driver.pendingScriptSteps).toBe(0);
  });

  it('pauses (and reports once) when the engine throws under the timer, instead of failing every tick', async () => {
    const engine = createFakeEngine({ cluster: { masters: 1, agents: 0, publicAgents: 0 }, seed: 1 });
    engine.advanceTo = () => {
      throw new Error('engine bug');
    };
    const errors: unknown[] = [];
    const driver = new Driver({ engine, now: Date.now, onEvents: () => undefined, onError: (e) => errors.push(e) });
    driver.start();
    await new Promise((r) => setTimeout(r, 200));
    driver.stop();
    expect(errors).toHaveLength(1);
    expect(driver.paused).toBe(true);
  });
});
