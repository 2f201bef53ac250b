/**
 * "Presenter view": a layout for the projector (larger type, the timeline given more height, the event log folded
 * away on request), switched from the toolbar and remembered in localStorage so the teacher's laptop opens in it next
 * time. The switch is one attribute on <html> (data-view="presenter"); web/components/Layout/presenterView.css does the rest, so
 * no component re-renders to change the layout. The log's fold is remembered the same way.
 * A tiny external store (useSyncExternalStore), not the zustand store: it is a preference of this browser, not state
 * of the room or the session.
 */
import { useSyncExternalStore } from 'react';

export const PRESENTER_VIEW_KEY = 'bootscope-presenter-view';
export const LOG_FOLDED_KEY = 'bootscope-log-folded';

type Flag = typeof PRESENTER_VIEW_KEY | typeof LOG_FOLDED_KEY;
const ATTRIBUTE: Record<Flag, [name: string, on: string]> = {
  [PRESENTER_VIEW_KEY]: ['view', 'presenter'],
  [LOG_FOLDED_KEY]: ['log', 'folded'],
};

const listeners = new Set<() => void>();

function read(flag: Flag): boolean {
  try {
    return globalThis.localStorage?.getItem(flag) === '1';
  } catch {
    return false;
  }
}

/** Mirrors a flag onto <html data-…> (the CSS hook). */
function apply(flag: Flag, on: boolean): void {
  if (typeof document === 'undefined') return;
  const [name, value] = ATTRIBUTE[flag];
  if (on) document.documentElement.dataset[name] = value;
  else delete document.documentElement.dataset[name];
}

const current: Record<Flag, boolean> = { [PRESENTER_VIEW_KEY]: read(PRESENTER_VIEW_KEY), [LOG_FOLDED_KEY]: read(LOG_FOLDED_KEY) };
// At import, before the first paint, so a remembered presenter view does not flash the normal layout first.
apply(PRESENTER_VIEW_KEY, current[PRESENTER_VIEW_KEY]);
apply(LOG_FOLDED_KEY, current[LOG_FOLDED_KEY]);

export function setFlag(flag: Flag, on: boolean): void {
  try {
    globalThis.localStorage?.setItem(flag, on ? '1' : '0');
  } catch {
    // storage refused: the layout still changes for this page
  }
  current[flag] = on;
  apply(flag, on);
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useFlag(flag: Flag): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => current[flag], () => false);
  return [on, (next) => setFlag(flag, next)];
}
