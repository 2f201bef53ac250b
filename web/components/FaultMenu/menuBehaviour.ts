/**
 * How the fault menu behaves as a WAI-ARIA menu, apart from what it shows: focus moves to the first enabled item on
 * open and back to where it was on close; the menu is clamped inside the viewport before paint; a press outside
 * closes it; ArrowUp/Down wrap, Home/End, Enter/Space activate, Escape or Tab close.
 */
import { useEffect, useLayoutEffect, useState, type KeyboardEvent, type RefObject } from 'react';

/** Gap kept between the menu and the viewport edge, px. */
const VIEWPORT_MARGIN_PX = 8;

/** Focus the first enabled item when the menu opens for `openKey`; hand focus back on close if it was inside. */
export function useMenuFocus(menuRef: RefObject<HTMLElement | null>, itemRefs: RefObject<(HTMLElement | null)[]>, firstEnabled: number, openKey: string): void {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const menu = menuRef.current;
    itemRefs.current[firstEnabled >= 0 ? firstEnabled : 0]?.focus();
    return () => {
      const active = document.activeElement;
      const focusLost = active === null || active === document.body || menu?.contains(active) === true;
      if (previous !== null && previous.isConnected && focusLost) previous.focus();
    };
    // Only on open: re-running when the view ticks would steal focus from the item the user is on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openKey]);
}

/** The menu's position: the anchor, clamped inside the viewport once the menu's size is known (no visible jump). */
export function useClampedPosition(menuRef: RefObject<HTMLElement | null>, anchor: { x: number; y: number }, contentKey: unknown): { x: number; y: number } {
  const [pos, setPos] = useState(anchor);
  useLayoutEffect(() => {
    const el = menuRef.current;
    if (el === null) return;
    const rect = el.getBoundingClientRect();
    const x = Math.max(VIEWPORT_MARGIN_PX, Math.min(anchor.x, window.innerWidth - rect.width - VIEWPORT_MARGIN_PX));
    const y = Math.max(VIEWPORT_MARGIN_PX, Math.min(anchor.y, window.innerHeight - rect.height - VIEWPORT_MARGIN_PX));
    setPos((p) => (p.x === x && p.y === y ? p : { x, y }));
  }, [menuRef, anchor.x, anchor.y, contentKey]);
  return pos;
}

/** A press anywhere outside the menu closes it. */
export function useCloseOnOutsidePress(menuRef: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      if (menuRef.current !== null && e.target instanceof Node && !menuRef.current.contains(e.target)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [menuRef, onClose]);
}

/** The menu's keys over its items; `activate(i)` runs item i. Returns whether the key was the menu's. */
export function menuKey(e: KeyboardEvent<HTMLElement>, items: readonly (HTMLElement | null)[], activate: (i: number) => void, close: () => void): boolean {
  const current = items.findIndex((el) => el === document.activeElement);
  const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
  switch (e.key) {
    case 'ArrowDown': focusAt(current + 1); break;
    case 'ArrowUp': focusAt(current < 0 ? items.length - 1 : current - 1); break;
    case 'Home': focusAt(0); break;
    case 'End': focusAt(items.length - 1); break;
    case 'Enter':
    case ' ':
      if (current >= 0) activate(current);
      break;
    case 'Escape':
    case 'Tab':
      close();
      break;
    default:
      return false;
  }
  return true;
}
