/**
 * React side of lazyModule.ts: the module once it is loaded (null while loading or failed, so the caller renders
 * its placeholder), never a throw into the tree. While `want` is true it loads; a failed load is tried again
 * (under a fresh URL) on the next need: when `want` turns true again, `retryKey` changes, or retry() is called.
 * `onFailed` hears about each failed attempt this hook started (e.g. to toast and close a menu).
 */
import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import type { LazyModule, LazyStatus } from './lazyModule.ts';

export interface LazyOptions {
  retryKey?: unknown;
  onFailed?(): void;
}

export function useLazyModule<M>(mod: LazyModule<M>, want: boolean, { retryKey, onFailed }: LazyOptions = {}): { module: M | null; status: LazyStatus; retry(): void } {
  const status = useSyncExternalStore(mod.subscribe, mod.status, mod.status);
  const failed = useEffectEvent(() => onFailed?.());
  useEffect(() => {
    if (!want || mod.current() !== null) return;
    let live = true;
    void mod.load().then((m) => {
      if (m === null && live) failed();
    });
    return () => {
      live = false;
    };
  }, [mod, want, retryKey]);
  const retry = useCallback(() => void mod.load(), [mod]);
  return { module: status === 'loaded' ? mod.current() : null, status, retry };
}
