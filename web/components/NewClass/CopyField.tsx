/**
 * A link the teacher hands on: read-only text (selectable by hand) and a Copy button that says whether it worked.
 * Why the fallback: the clipboard API exists only on secure origins, and a classroom server on http://10.0.0.5 is not
 * one; there the field's text is selected and copied the old way, or left selected for Ctrl+C.
 */
import { useRef, useState } from 'react';

async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    const shown = field.value;
    field.value = text; // the field may show a masked link; copy the real one
    field.select();
    const done = document.execCommand?.('copy') ?? false;
    field.value = shown;
    return done;
  }
}

export function CopyField({ label, value, shown = value, testId }: { label: string; value: string; shown?: string; testId: string }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="copy-field">
      <label className="copy-field__label">
        <span>{label}</span>
        <input ref={fieldRef} type="text" readOnly value={shown} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="btn" data-testid={`${testId}-copy`} onClick={() => void copyText(value, fieldRef.current).then((ok) => setStatus(ok ? 'copied' : 'failed'))}>
        {status === 'copied' ? '✓ Copied' : 'Copy'}
      </button>
      <span className="copy-field__status" role="status">{status === 'failed' ? 'Copy was blocked: select the link and press Ctrl+C.' : ''}</span>
    </div>
  );
}
