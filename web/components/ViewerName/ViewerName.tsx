/**
 * A viewer's display name, in the header: "Your name…" until set, then the name; a press opens a small form. The name
 * is checked by the server's rules before it is sent (viewer:name), the server's own refusal is shown beside the
 * field, and an accepted name is remembered for the next visit (classroom/displayName.ts). The presenter has no name
 * to pick (their faults read "presenter"), so the control is a viewer's only.
 */
import { useState, type FormEvent } from 'react';
import { checkDisplayName, NAME_MAX_CHARS, rememberDisplayName, storedDisplayName } from '../../classroom/displayName.ts';
import { useClient } from '../../hooks/useClient.ts';
import { selectRole } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import './ViewerName.css';

function NameForm({ initial, onSaved, onCancel }: { initial: string; onSaved(name: string): void; onCancel(): void }) {
  const client = useClient();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkDisplayName(text);
    if (!checked.ok) return setError(checked.error);
    setBusy(true);
    void client.setName(checked.name).then((ack) => {
      setBusy(false);
      if (!ack.ok) return setError(ack.error);
      rememberDisplayName(ack.name);
      onSaved(ack.name);
    });
  };
  return (
    <form className="viewer-name__form" onSubmit={submit} aria-label="Your display name" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor="viewer-name-input">Your name, as the class sees it next to what you do</label>
      <input id="viewer-name-input" data-testid="viewer-name-input" type="text" value={text} maxLength={NAME_MAX_CHARS} autoComplete="nickname" autoFocus
        aria-invalid={error !== null} aria-describedby={error ? 'viewer-name-error' : undefined} onChange={(e) => setText(e.target.value)} />
      {error && <p id="viewer-name-error" className="viewer-name__error" role="alert">{error}</p>}
      <div className="viewer-name__actions">
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn btn-primary" data-testid="viewer-name-save" disabled={busy}>Save</button>
      </div>
    </form>
  );
}

export function ViewerName() {
  const role = useBoot(selectRole);
  const [name, setName] = useState(() => storedDisplayName() ?? null);
  const [open, setOpen] = useState(false);
  if (role !== 'viewer') return null;
  return (
    <div className="viewer-name">
      <button type="button" className="btn viewer-name__button" data-testid="viewer-name" aria-expanded={open}
        aria-label={name === null ? 'Pick your display name' : `Your display name: ${name}. Change it`} title="Your name, shown next to what you do" onClick={() => setOpen((o) => !o)}>
        {name !== null ? <span className="viewer-name__text">{name}</span> : <span className="viewer-name__text"><span className="viewer-name__your">Your </span>name…</span>}
      </button>
      {open && (
        <NameForm initial={name ?? ''} onCancel={() => setOpen(false)} onSaved={(saved) => {
          setName(saved);
          setOpen(false);
        }} />
      )}
    </div>
  );
}
