/**
 * True on a narrow screen (a student's phone): the width below which the page becomes one scrolling column
 * (web/components/Layout/phone.css uses the same PHONE_MAX_WIDTH_PX), so components that draw differently on a phone agree with
 * the CSS about when that is.
 */
import { useSyncExternalStore } from 'react';

export const PHONE_MAX_WIDTH_PX = 760;
const QUERY = `(max-width: ${PHONE_MAX_WIDTH_PX}px)`;

function mediaList(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
}

function subscribe(onChange: () => void): () => void {
  const list = mediaList();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => mediaList()?.matches ?? false, () => false);
}
