// "Skip quiet" as a teacher uses it: the healthy boot has minutes where nothing visible happens, and one click
// runs on to the next moment worth looking at (a mark on the timeline), never past it; a scenario's steps still
// fire at their times; a cluster with nothing left to do stops after SKIP_MAX_MS; playing or paused is kept.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../shared/engine/index.ts';
import type { SimEvent } from '../shared/engine/types.ts';
import { isMarkEvent } from '../shared/protocol/marks.ts';
import { Driver, SKIP_MAX_MS } from './driver.ts';

const CLUSTER = { masters: 3 as const, agents: 2, publicAgents: 1 };

function boot(options: { paused?: boolean; script?: { atMs: number; say?: string }[] } = {}) {
  const events: SimEvent[] = [];
  const engine = createEngine({ cluster: CLUSTER, seed: 1 });
  const driver = new Driver({ engine, now: () => 0, paused: options.paused ?? true, script: options.script, onEvents: (e) => events.push(...e) });
  return { driver, engine, events };
}

/** The first mark after `fromMs` in a plain run of the same boot (what the timeline would show next). */
function firstMarkAfter(fromMs: number): SimEvent {
  const engine = createEngine({ cluster: CLUSTER, seed: 1 });
  for (;;) {
    const next = engine.nextEventTimeMs();
    if (next === null) throw new Error('no mark after ' + fromMs);
    const found = engine.advanceTo(next).find((e) => e.simTimeMs > fromMs && isMarkEvent(e));
    if (found) return found;
  }
}

describe('skip quiet stretches', () => {
  it('on a healthy boot, skipping from 0:30 lands on the first mark after it, not later', () => {
    const { driver, engine, events } = boot();
    events.push(...engine.advanceTo(30_000));
    const expected = firstMarkAfter(30_000);
    const before = events.length;
    driver.skip();
    expect(engine.simTimeMs).toBe(expected.simTimeMs);
    const skipped = events.slice(before);
    expect(skipped.filter(isMarkEvent)[0]).toMatchObject({ type: expected.type, simTimeMs: expected.simTimeMs });
    // Nothing in between was a mark: the stretch really was quiet.
    expect(skipped.filter((e) => e.simTimeMs < expected.simTimeMs).some(isMarkEvent)).toBe(false);
  });

  it('the quorum forming is one of the first marks a class can skip to', () => {
    const { driver, engine, events } = boot();
    const landed: string[] = [];
    for (let i = 0; i < 6 && !landed.includes('quorum'); i++) {
      const from = events.length;
      driver.skip();
      landed.push(...events.slice(from).filter(isMarkEvent).map((e) => e.type));
    }
    expect(landed).toContain('quorum');
    expect(engine.simTimeMs).toBeLessThan(SKIP_MAX_MS);
  });

  it('fires a scenario narration at its time and stops there (narration is a mark)', () => {
    const { driver, engine, events } = boot({ script: [{ atMs: 1_000, say: 'Watch ZooKeeper now.' }] });
    driver.skip();
    expect(engine.simTimeMs).toBe(1_000);
    expect(events.some((e) => e.type === 'narration' && e.text === 'Watch ZooKeeper now.')).toBe(true);
  });

  it('stops after 30 simulated minutes when nothing worth a mark is left', () => {
    const { driver, engine } = boot();
    engine.advanceTo(3 * 3_600_000); // long after the boot settled
    const from = engine.simTimeMs;
    driver.skip();
    expect(engine.simTimeMs - from).toBeLessThanOrEqual(SKIP_MAX_MS);
    expect(engine.simTimeMs).toBeGreaterThan(from);
  });

  it('keeps playing or paused as it was', () => {
    const paused = boot({ paused: true });
    paused.driver.skip();
    expect(paused.driver.paused).toBe(true);
    const playing = boot({ paused: false });
    playing.driver.skip();
    expect(playing.driver.paused).toBe(false);
  });
});
