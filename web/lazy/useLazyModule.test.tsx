// @vitest-environment happy-dom
// useLazyModule in a React tree: the placeholder while loading, the failure as a status plus onFailed (nothing thrown
// into the tree), and the next need (want turning true again, or a new retryKey) loading the chunk under a fresh URL.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { lazyModule, type LazyModule } from './lazyModule.ts';
import { useLazyModule } from './useLazyModule.ts';

const dom = mountPerTest();
const CHUNK = 'http://127.0.0.1:4000/assets/Piece-abc123.js';

interface PieceModule { Piece(): React.JSX.Element }

function flakyChunk() {
  const calls: (string | undefined)[] = [];
  let up = false;
  const chunk = lazyModule<PieceModule>((url) => {
    calls.push(url);
    if (!up) return Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${CHUNK}`));
    return Promise.resolve({ Piece: () => <p data-piece="">loaded</p> });
  });
  return { chunk, calls, setUp: (v: boolean) => { up = v; } };
}

let failures = 0;
function Slot({ chunk, want, retryKey }: { chunk: LazyModule<PieceModule>; want: boolean; retryKey?: number }) {
  const { module, status } = useLazyModule(chunk, want, { retryKey, onFailed: () => { failures += 1; } });
  return module ? <module.Piece /> : <p data-placeholder={status}>placeholder</p>;
}

const flush = () => act(async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); });

describe('useLazyModule', () => {
  it('shows the placeholder on failure, then loads on the next need under a fresh URL', async () => {
    failures = 0;
    const { chunk, calls, setUp } = flakyChunk();
    act(() => dom.render(<Slot chunk={chunk} want={false} />));
    expect(calls).toEqual([]);
    expect(dom.host.querySelector('[data-placeholder]')?.getAttribute('data-placeholder')).toBe('idle');

    act(() => dom.render(<Slot chunk={chunk} want />));
    await flush();
    expect(dom.host.querySelector('[data-placeholder]')?.getAttribute('data-placeholder')).toBe('failed');
    expect(failures).toBe(1);

    // Re-rendering with the same wish does not hammer a server that is down.
    act(() => dom.render(<Slot chunk={chunk} want />));
    await flush();
    expect(calls).toHaveLength(1);

    setUp(true);
    act(() => dom.render(<Slot chunk={chunk} want retryKey={1} />));
    await flush();
    expect(dom.host.querySelector('[data-piece]')?.textContent).toBe('loaded');
    expect(calls).toEqual([undefined, `${CHUNK}?retry=2`]);
    expect(failures).toBe(1);
  });

  it('retries when want turns true again (the next click)', async () => {
    failures = 0;
    const { chunk, calls, setUp } = flakyChunk();
    act(() => dom.render(<Slot chunk={chunk} want />));
    await flush();
    expect(failures).toBe(1);
    act(() => dom.render(<Slot chunk={chunk} want={false} />));
    setUp(true);
    act(() => dom.render(<Slot chunk={chunk} want />));
    await flush();
    expect(dom.host.querySelector('[data-piece]')).not.toBeNull();
    expect(calls).toEqual([undefined, `${CHUNK}?retry=2`]);
  });
});
