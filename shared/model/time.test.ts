// One clock for every view: the CLI, the event log, the timeline and the explanations agree on "07:44".
import { describe, expect, it } from 'vitest';
import { formatSimTime } from './time.ts';

describe('formatSimTime', () => {
  it.each([
    [0, '00:00'], [999, '00:00'], [65_000, '01:05'], [464_000, '07:44'], [600_000, '10:00'], [3_725_000, '1:02:05'],
    [-5, '00:00'], [Number.NaN, '00:00'],
  ])('the clock reads %i ms as %s', (ms, text) => expect(formatSimTime(ms)).toBe(text));

  it.each([
    [0, '00:00.000'], [42_118, '00:42.118'], [600_000, '10:00.000'], [3_723_004, '1:02:03.004'],
  ])('the CLI log reads %i ms as %s (milliseconds kept)', (ms, text) => expect(formatSimTime(ms, { millis: true })).toBe(text));
});
