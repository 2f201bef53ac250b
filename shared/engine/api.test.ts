// The Engine interface contract the server and CLI drive: advanceTo is monotonic, step() jumps to exactly the
// next scheduled time, narrate() is an event like any other, snapshots are plain JSON.
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from './index.ts';
import { SMALL } from './testing.ts';

describe('engine API', () => {
  it('step() processes exactly the next scheduled time; nextEventTimeMs() tells it beforehand', () => {
    const e = createEngine({ cluster: SMALL, seed: 5 });
    for (let i = 0; i < 50; i++) {
      const next = e.nextEventTimeMs()!;
      const evs = e.step();
      expect(e.simTimeMs).toBe(next);
      for (const ev of evs) expect(ev.simTimeMs).toBe(next);
      expect(e.nextEventTimeMs()!).toBeGreaterThan(next);
    }
  });

  it('advanceTo never goes back and ignores nonsense times', () => {
    const e = createEngine({ cluster: SMALL, seed: 5 });
    e.advanceTo(100_000);
    const seq = e.lastSeq;
    expect(e.advanceTo(50_000)).toEqual([]);
    expect(e.advanceTo(Number.NaN)).toEqual([]);
    expect(e.simTimeMs).toBe(100_000);
    expect(e.lastSeq).toBe(seq);
  });

  it('narrate() emits a numbered narration event at the current time', () => {
    const e = createEngine({ cluster: SMALL, seed: 5 });
    e.advanceTo(1_234);
    const [ev] = e.narrate('Watch Exhibitor now');
    expect(ev).toEqual({ type: 'narration', text: 'Watch Exhibitor now', seq: e.lastSeq, simTimeMs: 1_234 });
  });

  it('exposes cluster and seed, and restores them from a snapshot', () => {
    const e = createEngine({ cluster: SMALL, seed: 42 });
    e.advanceTo(10_000);
    const snap = JSON.parse(JSON.stringify(e.snapshot()));
    expect(snap.version).toBe(1);
    const r = restoreEngine(snap);
    expect([r.seed, r.cluster, r.simTimeMs, r.lastSeq]).toEqual([42, SMALL, 10_000, e.lastSeq]);
    expect(() => restoreEngine({ version: 2 } as never)).toThrow(/unsupported snapshot/);
  });
});
