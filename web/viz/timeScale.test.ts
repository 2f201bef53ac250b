// Time-axis math: the window follows now, fits all, zooms around the pointer, pans within bounds;
// ticks land on m:ss-friendly steps; only visible segments and rows are selected.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOLLOW_SPAN_MS, MIN_SPAN_MS, fitWindow, followWindow, formatDuration, formatSimTime, panWindow, resolveWindow,
  rowBase, timeScale, timeTicks, virtualRows, visibleRange, zoomWindow,
} from './timeScale.ts';

describe('formatting', () => {
  it.each([
    [0, '00:00'], [999, '00:00'], [65_000, '01:05'], [600_000, '10:00'], [3_725_000, '1:02:05'], [-5, '00:00'],
  ])('formatSimTime(%i) = %s', (ms, text) => expect(formatSimTime(ms)).toBe(text));

  it.each([[850, '850 ms'], [12_400, '12 s'], [125_000, '2 min 05 s']])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('window', () => {
  it('following keeps now inside the window near its right edge as time advances', () => {
    let win = followWindow(0);
    expect(win.startMs).toBe(0);
    for (const now of [10_000, 200_000, 1_000_000]) {
      win = resolveWindow(win, now);
      expect(win.startMs).toBeLessThan(now);
      expect(win.endMs).toBeGreaterThan(now);
      expect(win.endMs - win.startMs).toBe(DEFAULT_FOLLOW_SPAN_MS);
    }
  });

  it('resolveWindow returns the same object when nothing moved (no needless re-render)', () => {
    const win = resolveWindow(followWindow(500_000), 500_000);
    expect(resolveWindow(win, 500_000)).toBe(win);
    const manual = panWindow(win, -100_000, 500_000);
    expect(resolveWindow(manual, 900_000)).toBe(manual);
  });

  it('after a reset (now jumps back before a manual window) it follows the new run', () => {
    const manual = panWindow(followWindow(900_000), -10_000, 900_000);
    const after = resolveWindow(manual, 5_000);
    expect(after.mode).toBe('follow');
    expect(after.startMs).toBeLessThanOrEqual(5_000);
  });

  it('fit all shows everything from 0 to now and grows with it', () => {
    expect(fitWindow(0)).toMatchObject({ startMs: 0, mode: 'fit' });
    const win = resolveWindow(fitWindow(100_000), 400_000);
    expect(win.startMs).toBe(0);
    expect(win.endMs).toBeGreaterThan(400_000);
  });

  it('zooming keeps the anchor time under the same pixel and respects the minimum span', () => {
    const win = panWindow({ startMs: 0, endMs: 100_000, mode: 'manual' }, 0, 500_000);
    const zoomed = zoomWindow(win, 2, 25_000, 500_000);
    expect(zoomed.endMs - zoomed.startMs).toBe(50_000);
    const before = (25_000 - win.startMs) / (win.endMs - win.startMs);
    const after = (25_000 - zoomed.startMs) / (zoomed.endMs - zoomed.startMs);
    expect(after).toBeCloseTo(before);
    let tiny = zoomed;
    for (let i = 0; i < 50; i++) tiny = zoomWindow(tiny, 2, 25_000, 500_000);
    expect(tiny.endMs - tiny.startMs).toBe(MIN_SPAN_MS);
  });

  it('zooming while following keeps following; panning switches to manual', () => {
    const win = followWindow(300_000);
    const zoomed = zoomWindow(win, 2, 0, 300_000);
    expect(zoomed.mode).toBe('follow');
    expect(zoomed.endMs).toBeGreaterThan(300_000);
    expect(panWindow(win, -1_000, 300_000).mode).toBe('manual');
  });

  it('panning never goes before the boot nor leaves now behind entirely', () => {
    const win = { startMs: 10_000, endMs: 70_000, mode: 'manual' as const };
    expect(panWindow(win, -1e9, 100_000).startMs).toBe(0);
    const far = panWindow(win, 1e9, 100_000);
    expect(far.startMs).toBeLessThan(100_000);
    expect(far.endMs - far.startMs).toBe(60_000);
  });
});

describe('row base while following', () => {
  it('keeps the base still across ticks and shifts by pixels, so rows need not re-render', () => {
    const a = rowBase(resolveWindow(followWindow(500_000), 500_000), 1_000);
    const b = rowBase(resolveWindow(followWindow(501_000), 501_000), 1_000);
    expect(b.base).toEqual(a.base);
    expect(b.shiftPx - a.shiftPx).toBeCloseTo(1_000 * (1_000 / DEFAULT_FOLLOW_SPAN_MS));
    // The visible window maps exactly onto [shift, shift + width] of the base.
    const win = resolveWindow(followWindow(501_000), 501_000);
    const k = b.base.widthPx / (b.base.endMs - b.base.startMs);
    expect((win.startMs - b.base.startMs) * k).toBeCloseTo(b.shiftPx);
    expect(b.base.endMs).toBeGreaterThanOrEqual(win.endMs);
  });

  it('a manual window is its own base', () => {
    const win = { startMs: 1_000, endMs: 61_000, mode: 'manual' as const };
    expect(rowBase(win, 600)).toEqual({ base: { startMs: 1_000, endMs: 61_000, widthPx: 600, clipPx: 600 }, shiftPx: 0 });
  });

  it('fit all grows in coarse steps, not on every tick', () => {
    expect(fitWindow(300_000)).toEqual(fitWindow(301_000));
    expect(fitWindow(301_000).endMs).toBeGreaterThanOrEqual(301_000 * 1.06);
  });
});

describe('scale and ticks', () => {
  it('maps the window onto the pixel width', () => {
    const x = timeScale({ startMs: 1_000, endMs: 3_000 }, 200);
    expect(x(1_000)).toBe(0);
    expect(x(2_000)).toBe(100);
    expect(x.invert(200)).toBe(3_000);
  });

  it('picks ticks on whole seconds/minutes suited to m:ss, about one per 90 px', () => {
    expect(timeTicks({ startMs: 0, endMs: 180_000, mode: 'fit' }, 900)).toEqual([0, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000]);
    const dense = timeTicks({ startMs: 1_500, endMs: 9_500, mode: 'manual' }, 900);
    expect(dense).toEqual([2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000]);
    const long = timeTicks({ startMs: 0, endMs: 3_600_000, mode: 'fit' }, 600);
    expect(long.length - 1).toBeLessThanOrEqual(Math.floor(600 / 90)); // intervals, not ticks
    expect(long.every((t) => t % 60_000 === 0)).toBe(true);
  });
});

describe('virtualisation', () => {
  const segs = [
    { fromMs: 0, toMs: 10 }, { fromMs: 10, toMs: 20 }, { fromMs: 20, toMs: 30 }, { fromMs: 30, toMs: null },
  ];
  it.each([
    [0, 5, [0, 1]], [12, 18, [1, 2]], [10, 25, [0, 3]], [35, 99, [3, 4]], [25, 99, [2, 4]],
  ])('visibleRange(%i..%i) = %j', (a, b, range) => expect(visibleRange(segs, a, b)).toEqual(range));

  it('renders only the rows in the viewport plus overscan', () => {
    expect(virtualRows(0, 260, 26, 1_000, 2)).toEqual([0, 12]);
    expect(virtualRows(2_600, 260, 26, 1_000, 2)).toEqual([98, 112]);
    expect(virtualRows(26_000, 260, 26, 1_000, 2)).toEqual([998, 1_000]);
    expect(virtualRows(0, 260, 26, 3, 2)).toEqual([0, 3]);
  });
});
