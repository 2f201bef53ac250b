/**
 * "★ Bookmark": names the moment the class is looking at (the time cursor, or now when live) and puts it on the
 * timeline for everyone in the room (bookmark:add). The name is typed in an inline field, not window.prompt, so
 * the page keeps running and the keyboard stays ours: Enter adds, Escape cancels. The server trims and checks the
 * name (1-60 characters); we only stop an empty one. Any viewer may add today; issue 9 gives it to presenters.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatSimTime } from '../../../shared/model/time.ts';
import { selectCursor } from '../../store/selectors.ts';
import { bootStore, useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';
import './Bookmarks.css';

/** Mirrors BOOKMARK_NAME_MAX (shared/protocol/schemas.ts), not imported: that module would pull zod into the page. */
export const BOOKMARK_NAME_CHARS = 60;

export function BookmarkButton() {
  const client = useClient();
  const cursorMs = useBoot(selectCursor);
  const [open, setOpen] = useState<{ atMs: number } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  // The moment is fixed when the field opens: typing a name while the cluster runs still marks what was seen.
  const start = () => {
    setName('');
    setOpen({ atMs: cursorMs ?? bootStore.getState().clock.simTimeMs });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (open === null || name.trim() === '' || busy) return;
    setBusy(true);
    const ack = await client.addBookmark(name.trim(), open.atMs);
    setBusy(false);
    if (ack.ok) setOpen(null); // on an error the toast says why and the name stays to fix
  };

  if (open === null) {
    return (
      <button type="button" className="tl-btn" data-testid="bookmark-add" onClick={start}
        title={cursorMs === null ? 'Name this moment for everyone in the room' : `Name ${formatSimTime(cursorMs)} for everyone in the room`}>
        <span aria-hidden="true">★</span> Bookmark
      </button>
    );
  }
  return (
    <form className="bookmark-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && setOpen(null)} aria-label="Add a bookmark">
      <label>
        <span className="bookmark-form__at">★ {formatSimTime(open.atMs)}</span>
        <input ref={inputRef} type="text" value={name} maxLength={BOOKMARK_NAME_CHARS} placeholder="Name, e.g. quorum lost"
          aria-label={`Bookmark name for ${formatSimTime(open.atMs)}`} data-testid="bookmark-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="tl-btn" disabled={busy || name.trim() === ''}>Add</button>
      <button type="button" className="tl-btn tl-btn--icon" aria-label="Cancel" onClick={() => setOpen(null)}>✕</button>
    </form>
  );
}
