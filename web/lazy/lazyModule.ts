/**
 * A lazy chunk that cannot take the page down. Why the care: a failed dynamic import stays failed for the
 * whole document (the browser caches the failure per URL, and React.lazy caches the rejected promise), so a
 * server restart or a dropped connection at the wrong moment would break that piece for good, or throw into
 * React's tree. Here a failure is a state (`failed`, load() resolves null, the caller shows a placeholder or a
 * toast) and the next load() imports the same chunk under a cache-busting query, a URL the browser has not
 * seen fail.
 *
 * Invariants: load() never rejects; concurrent calls share one attempt; once loaded, the module is kept.
 * Lazy chunks should import only the entry chunk (a failed shared chunk would stay failed under its own URL).
 */

export type Importer<M> = (url?: string) => Promise<M>;
export type LazyStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface LazyModule<M> {
  /** Imports the chunk (or returns it when loaded); null when this attempt failed. Never rejects. */
  load(): Promise<M | null>;
  /** The module once loaded, else null. */
  current(): M | null;
  status(): LazyStatus;
  /** Called on every status change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** Chromium and Firefox name the module that failed in the message; take the last URL in it. */
export function failedModuleUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  const urls = text.match(/(https?:\/\/|\/)[^\s'"]+\.(m?js|tsx?)(\?[^\s'"]*)?/g);
  return urls ? urls[urls.length - 1]! : null;
}

/** `url` with a fresh `retry=` query (replacing an earlier one). */
export function bustedUrl(url: string, attempt: number): string {
  const base = url.replace(/[?&]retry=\d+$/, '');
  return `${base}${base.includes('?') ? '&' : '?'}retry=${attempt}`;
}

/**
 * `importer()` must be the literal `import('./x.tsx')` (that is what makes the bundler split the chunk);
 * `importer(url)` imports that URL (`import(/* @vite-ignore *\/ url)`), used for retries.
 */
export function lazyModule<M>(importer: Importer<M>): LazyModule<M> {
  let loaded: M | null = null;
  let state: LazyStatus = 'idle';
  let pending: Promise<M | null> | null = null;
  let failedUrl: string | null = null;
  let attempts = 0;
  const listeners = new Set<() => void>();
  const set = (next: LazyStatus) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  async function attempt(): Promise<M | null> {
    attempts += 1;
    set('loading');
    try {
      loaded = await (failedUrl === null ? importer() : importer(bustedUrl(failedUrl, attempts)));
      set('loaded');
      return loaded;
    } catch (error) {
      // Keep the first URL we learnt: a busted URL's own failure names the busted URL.
      failedUrl = failedModuleUrl(error) ?? failedUrl;
      set('failed');
      return null;
    } finally {
      pending = null;
    }
  }
  return {
    load() {
      if (loaded !== null) return Promise.resolve(loaded);
      pending ??= attempt();
      return pending;
    },
    current: () => loaded,
    status: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
