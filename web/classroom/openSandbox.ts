/**
 * A private copy of the room to break on one's own: `sim:fork` at a moment (default now) makes a new room with this
 * page as its presenter; its key goes to sessionStorage (never the address bar, web/presenterKey.ts) and the room
 * opens in a new tab, so the class room stays open in this one. Used by "Try it yourself" and the past banner's fork.
 */
import { KEY_STORAGE_PREFIX } from '../presenterKey.ts';
import type { SocketClient } from '../socket.ts';

export async function openSandbox(client: SocketClient, toast: (text: string, kind?: 'error' | 'info') => void, atMs?: number): Promise<string | null> {
  const ack = await client.fork(atMs);
  if (!ack.ok) return null;
  try {
    window.sessionStorage?.setItem(`${KEY_STORAGE_PREFIX}${ack.room}`, ack.key);
  } catch {
    // storage off: the new tab joins as a viewer of its own room, which is open to nobody else anyway
  }
  // A new tab opened by window.open copies this tab's sessionStorage, key included.
  const opened = window.open(`/?room=${encodeURIComponent(ack.room)}`, '_blank');
  if (opened === null) toast(`Your own room ${ack.room} is ready: open /?room=${ack.room} (this browser blocked the new tab)`, 'info');
  return ack.room;
}
