// The lazy-chunk loader with a fake importer: a failed import is a null result and a 'failed' status (never a
// rejection), the next load imports the URL the browser named under a fresh ?retry= query, concurrent loads share
// one attempt, and a loaded module is kept.
import { describe, expect, it } from 'vitest';
import { bustedUrl, failedModuleUrl, lazyModule, type LazyStatus } from './lazyModule.ts';

const CHUNK = 'http://127.0.0.1:4000/assets/FaultMenu-abc123.js';
const chromiumError = () => new TypeError(`Failed to fetch dynamically imported module: ${CHUNK}`);

function fakeImporter(outcomes: ('fail' | 'ok')[]) {
  const calls: (string | undefined)[] = [];
  const importer = (url?: string) => {
    calls.push(url);
    const outcome = outcomes.shift() ?? 'ok';
    return outcome === 'ok' ? Promise.resolve({ name: 'chunk', url }) : Promise.reject(chromiumError());
  };
  return { importer, calls };
}

describe('failedModuleUrl and bustedUrl', () => {
  it.each([
    [`Failed to fetch dynamically imported module: ${CHUNK}`, CHUNK],
    [`error loading dynamically imported module: ${CHUNK}?retry=2`, `${CHUNK}?retry=2`],
    ['Importing a module script failed.', null],
  ])('finds the module URL in %j', (message, url) => {
    expect(failedModuleUrl(new TypeError(message))).toBe(url);
  });

  it('adds or replaces the retry query', () => {
    expect(bustedUrl(CHUNK, 2)).toBe(`${CHUNK}?retry=2`);
    expect(bustedUrl(`${CHUNK}?retry=2`, 3)).toBe(`${CHUNK}?retry=3`);
    expect(bustedUrl(`${CHUNK}?v=1`, 2)).toBe(`${CHUNK}?v=1&retry=2`);
  });
});

describe('lazyModule', () => {
  it('reports a failure as null and retries under a fresh URL, then keeps the module', async () => {
    const { importer, calls } = fakeImporter(['fail', 'fail', 'ok']);
    const chunk = lazyModule(importer);
    const seen: LazyStatus[] = [];
    chunk.subscribe(() => seen.push(chunk.status()));
    expect(chunk.status()).toBe('idle');

    await expect(chunk.load()).resolves.toBeNull();
    expect(chunk.status()).toBe('failed');
    expect(chunk.current()).toBeNull();
    await expect(chunk.load()).resolves.toBeNull();
    const loaded = await chunk.load();
    expect(loaded).toEqual({ name: 'chunk', url: `${CHUNK}?retry=3` });
    expect(chunk.current()).toBe(loaded);
    // The first import is the bundler's literal import(); each retry is a URL the browser has not seen fail.
    expect(calls).toEqual([undefined, `${CHUNK}?retry=2`, `${CHUNK}?retry=3`]);
    expect(seen).toEqual(['loading', 'failed', 'loading', 'failed', 'loading', 'loaded']);

    await expect(chunk.load()).resolves.toBe(loaded);
    expect(calls).toHaveLength(3);
  });

  it('shares one attempt between concurrent loads', async () => {
    const { importer, calls } = fakeImporter(['fail', 'ok']);
    const chunk = lazyModule(importer);
    expect(await Promise.all([chunk.load(), chunk.load()])).toEqual([null, null]);
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(calls).toHaveLength(2);
  });

  it('retries the plain import when the browser did not name the module', async () => {
    const calls: (string | undefined)[] = [];
    let fail = true;
    const chunk = lazyModule((url?: string) => {
      calls.push(url);
      if (fail) return Promise.reject(new TypeError('Importing a module script failed.'));
      return Promise.resolve('ok');
    });
    expect(await chunk.load()).toBeNull();
    fail = false;
    expect(await chunk.load()).toBe('ok');
    expect(calls).toEqual([undefined, undefined]);
  });
});
