/**
 * Keyboard behaviour of a modal dialog: focus moves into it when it opens (to `[data-autofocus]`, else the first
 * control), Tab and Shift+Tab cycle inside it, Escape closes it, and focus goes back to whatever opened it. Why:
 * a teacher driving the page from a keyboard (or a presenter remote) must never lose focus behind the backdrop.
 */
import { useEffect, useEffectEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.getClientRects().length > 0);
}

/** `step` names what the dialog shows: when it changes (a form replaced by its result) focus moves in again. */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onClose: () => void, step: unknown = null): void {
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const opener = document.activeElement;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      if (e.shiftKey && (document.activeElement === first || !root.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !root.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    };
    // Capture phase on the document: Escape is the dialog's before anyone else's, and a Tab from outside is pulled
    // back in. Keys typed inside stop at the dialog, so the page's shortcuts (Space pauses, ? opens help, N skips;
    // they listen on window) never fire under a modal. That also hides them from React's onKeyDown inside the
    // dialog (React listens at the app's root): a dialog using this hook handles keys natively or not at all.
    const keep = (e: KeyboardEvent) => e.stopPropagation();
    document.addEventListener('keydown', onKey, true);
    root.addEventListener('keydown', keep);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      root.removeEventListener('keydown', keep);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [ref]);
  // After the listeners' effect (which recorded the opener), so the opener is not the dialog's own first control.
  useEffect(() => {
    const root = ref.current;
    if (root) (root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0] ?? root).focus();
  }, [ref, step]);
}
