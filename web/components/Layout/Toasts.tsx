/** Command errors ({ok:false} acks) as toasts: readable, dismissable, gone after TOAST_MS. */
import { useEffect } from 'react';
import { selectActions, selectToasts } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import type { Toast } from '../../store/uiSlice.ts';

export const TOAST_MS = 6_000;

function ToastItem({ toast }: { toast: Toast }) {
  const { dismissToast } = useBoot(selectActions);
  useEffect(() => {
    const id = window.setTimeout(() => dismissToast(toast.id), TOAST_MS);
    return () => window.clearTimeout(id);
  }, [toast.id, dismissToast]);
  return (
    <li className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span aria-hidden="true">{toast.kind === 'error' ? '⚠' : 'ℹ'}</span>
      <span className="toast-text">{toast.text}</span>
      <button type="button" className="link-button" onClick={() => dismissToast(toast.id)} aria-label="Dismiss">✕</button>
    </li>
  );
}

export function Toasts() {
  const toasts = useBoot(selectToasts);
  return <ul className="toasts" data-testid="toasts">{toasts.map((t) => <ToastItem key={t.id} toast={t} />)}</ul>;
}
