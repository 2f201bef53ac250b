// A phone's timeline strip tells the node's story from 0:00 to now: each state where it happened, the current one
// running to now, nothing before the first event and nothing past now.
import { describe, expect, it } from 'vitest';
import { stripSpans } from './nodeStrip.ts';

describe('stripSpans', () => {
  it('lays the states out from 0 to now, the open one to now', () => {
    const spans = stripSpans([
      { fromMs: 0, toMs: 30_000, state: 'pending', cause: '' },
      { fromMs: 30_000, toMs: 60_000, state: 'starting', cause: '' },
      { fromMs: 60_000, toMs: null, state: 'healthy', cause: '' },
    ], 120_000);
    expect(spans).toEqual([
      { x: 0, w: 0.25, state: 'pending' },
      { x: 0.25, w: 0.25, state: 'starting' },
      { x: 0.5, w: 0.5, state: 'healthy' },
    ]);
  });

  it('draws nothing before anything happened and clips what lies past now', () => {
    expect(stripSpans([{ fromMs: 0, toMs: null, state: 'pending', cause: '' }], 0)).toEqual([]);
    expect(stripSpans([{ fromMs: 50, toMs: 500, state: 'failed', cause: '' }], 100)).toEqual([{ x: 0.5, w: 0.5, state: 'failed' }]);
  });
});
