/**
 * The presenter key on the page (architecture.md §7): read once from the link (`?key=` or `#key=`), moved to
 * sessionStorage for that room (this tab only, gone when it closes), and removed from the address bar with
 * history.replaceState, so it is not shown on a projector, bookmarked or shared by copying the URL. The fork button
 * stores a fork's key the same way (PastBanner).
 */
export const KEY_STORAGE_PREFIX = 'bootscope-key:';

type KeyWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

function storage(win: KeyWindow): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null; // storage disabled: the key lives only for this page load
  }
}

/** The key for `room` (from the link, which is then cleaned, or from this tab's storage), or undefined. */
export function takePresenterKey(room: string, win: KeyWindow = window): string | undefined {
  const url = new URL(win.location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const fromLink = url.searchParams.get('key') ?? hash.get('key');
  const store = storage(win);
  if (fromLink !== null) {
    url.searchParams.delete('key');
    hash.delete('key');
    const rest = hash.toString();
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${rest === '' ? '' : `#${rest}`}`);
    if (fromLink !== '') {
      store?.setItem(`${KEY_STORAGE_PREFIX}${room}`, fromLink);
      return fromLink;
    }
  }
  return store?.getItem(`${KEY_STORAGE_PREFIX}${room}`) ?? undefined;
}

/** The server refused the key (a stale tab, a mistyped link): forget it, the page joins as a viewer. */
export function forgetPresenterKey(room: string, win: KeyWindow = window): void {
  storage(win)?.removeItem(`${KEY_STORAGE_PREFIX}${room}`);
}

/** This tab's key for `room`, if it has one (sent with a recording upload, X-Presenter-Key). */
export function storedPresenterKey(room: string, win: Pick<Window, 'sessionStorage'> | undefined = globalThis.window): string | undefined {
  if (win === undefined) return undefined; // not in a browser (unit tests)
  return storage(win as KeyWindow)?.getItem(`${KEY_STORAGE_PREFIX}${room}`) ?? undefined;
}

/**
 * Keeps `key` for `room` in this tab, as if its presenter link had been opened here: the New class dialog's "Open as
 * presenter" then navigates to the plain room URL, so the key never reaches the address bar at all. False when the
 * browser refuses storage (the caller falls back to the presenter link).
 */
export function storePresenterKey(room: string, key: string, win: Pick<Window, 'sessionStorage'> = window): boolean {
  try {
    win.sessionStorage.setItem(`${KEY_STORAGE_PREFIX}${room}`, key);
    return true;
  } catch {
    return false;
  }
}
