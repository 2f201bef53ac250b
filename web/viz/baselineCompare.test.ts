// A row against its healthy twin: where it first diverged and how much later it was healthy again.
import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../shared/protocol/types.ts';
import { compareRow } from './baselineCompare.ts';
import type { Segment } from '../store/timelineModel.ts';

const segs = (...list: [number, UnitState][]): Segment<UnitState>[] =>
  list.map(([fromMs, state], i) => ({ fromMs, toMs: list[i + 1]?.[0] ?? null, state, cause: '' }));

describe('compareRow', () => {
  it('never diverged: nothing to say', () => {
    const s = segs([0, 'waiting'], [5_000, 'healthy']);
    expect(compareRow(s, s, 60_000)).toEqual({ divergedMs: null, lateMs: null });
  });

  it('stopped by a fault and recovered: diverged at the fault, late by the outage', () => {
    const twin = segs([0, 'waiting'], [5_000, 'healthy']);
    const run = segs([0, 'waiting'], [5_000, 'healthy'], [100_000, 'stopped'], [234_000, 'healthy']);
    expect(compareRow(run, twin, 300_000)).toEqual({ divergedMs: 100_000, lateMs: 134_000 });
  });

  it('still down: diverged, not (yet) late', () => {
    const twin = segs([0, 'waiting'], [5_000, 'healthy']);
    expect(compareRow(segs([0, 'waiting'], [5_000, 'healthy'], [9_000, 'failed']), twin, 60_000)).toEqual({ divergedMs: 9_000, lateMs: null });
  });

  it('a slower boot: late by the difference between the two first healthy moments', () => {
    const twin = segs([0, 'waiting'], [5_000, 'healthy']);
    expect(compareRow(segs([0, 'waiting'], [65_000, 'healthy']), twin, 90_000)).toEqual({ divergedMs: 5_000, lateMs: 60_000 });
  });

  it('ignores what happened after the compared moment', () => {
    const twin = segs([0, 'healthy']);
    expect(compareRow(segs([0, 'healthy'], [50_000, 'failed']), twin, 40_000)).toEqual({ divergedMs: null, lateMs: null });
  });
});
