// The presenter link's key leaves the address bar at once and waits in this tab's storage, per room.
import { describe, expect, it } from 'vitest';
import { forgetPresenterKey, storePresenterKey, takePresenterKey } from './presenterKey.ts';

function fakeWindow(href: string) {
  const items = new Map<string, string>();
  const win = {
    location: { href } as Location,
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => { win.location = { href: new URL(url, href).href } as Location; } } as unknown as History,
    sessionStorage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) } as Storage,
  };
  return win;
}

describe('presenter key on the page', () => {
  it('moves #key= to sessionStorage and strips it from the address bar', () => {
    const win = fakeWindow('http://host:3000/?room=lesson-1#key=abc123');
    expect(takePresenterKey('lesson-1', win)).toBe('abc123');
    expect(win.location.href).toBe('http://host:3000/?room=lesson-1');
    // A reload (no key in the URL) still finds it; another room does not.
    expect(takePresenterKey('lesson-1', win)).toBe('abc123');
    expect(takePresenterKey('default', win)).toBeUndefined();
    forgetPresenterKey('lesson-1', win);
    expect(takePresenterKey('lesson-1', win)).toBeUndefined();
  });

  it('reads ?key= too and keeps the other parameters', () => {
    const win = fakeWindow('http://host/?room=r&key=k1&x=1');
    expect(takePresenterKey('r', win)).toBe('k1');
    expect(win.location.href).toBe('http://host/?room=r&x=1');
  });

  it('a key stored by "Open as presenter" is found when the plain room URL loads, with nothing in the address bar', () => {
    const win = fakeWindow('http://host/?room=class-9');
    expect(storePresenterKey('class-9', 'k9', win)).toBe(true);
    expect(takePresenterKey('class-9', win)).toBe('k9');
    expect(win.location.href).toBe('http://host/?room=class-9');
  });

  it('says so when the browser refuses storage', () => {
    const refusing = { sessionStorage: { setItem: () => { throw new Error('QuotaExceededError'); } } as unknown as Storage };
    expect(storePresenterKey('class-9', 'k9', refusing)).toBe(false);
  });
});
