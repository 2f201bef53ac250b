/**
 * The toolbar's "New class" button. Only this button is in the page's first paint; the dialog (and the QR library)
 * is a lazy chunk fetched on the first press. A chunk that cannot be loaded is a toast and a closed dialog, and the
 * next press tries again (lazyModule.ts).
 */
import { useState } from 'react';
import { newClassChunk } from '../../lazy/chunks.ts';
import { useLazyModule } from '../../lazy/useLazyModule.ts';
import { bootStore } from '../../store/store.ts';

const UNAVAILABLE = 'The New class dialog could not be loaded (is the server reachable?). Press New class again to retry.';

export function NewClassButton() {
  const [open, setOpen] = useState(false);
  const { module } = useLazyModule(newClassChunk, open, {
    onFailed: () => {
      setOpen(false);
      bootStore.getState().actions.toast(UNAVAILABLE, 'error');
    },
  });
  return (
    <>
      <button type="button" className="btn" data-testid="new-class" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}
        title="Make a class room: you present, students watch from a link or a QR code">
        <span aria-hidden="true">+</span> New class…
      </button>
      {open && module ? <module.NewClassDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
