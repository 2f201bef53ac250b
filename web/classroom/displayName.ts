/**
 * A viewer's display name (the `by.name` on their faults, "viewer Ana stopped Exhibitor on master-1"): checked here by
 * the server's own rules so the field can say what is wrong before sending, remembered in localStorage so a student
 * who reloads or comes back next week is still "Ana", and sent with every join (web/socket.ts). It is only ever shown
 * as text (React escapes it); the server validates it again (displayNameSchema).
 */

/** Equal to DISPLAY_NAME_MAX in shared/protocol/schemas.ts (a test keeps them equal; importing it would pull zod in). */
export const NAME_MAX_CHARS = 32;
export const NAME_STORAGE_KEY = 'bootscope-name';

export type NameCheck = { ok: true; name: string } | { ok: false; error: string };

/** The server's rules (trimmed, 1-32 characters, no control characters), with the same wording. */
export function checkDisplayName(text: string): NameCheck {
  const name = text.trim();
  if (name === '') return { ok: false, error: 'name must not be empty' };
  if (name.length > NAME_MAX_CHARS) return { ok: false, error: `name must be at most ${NAME_MAX_CHARS} characters` };
  if (/\p{Cc}/u.test(name)) return { ok: false, error: 'name must not contain control characters' };
  return { ok: true, name };
}

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled: the name lasts for this page
  }
}

/** The remembered name, if it still passes the rules (a hand-edited value must not make every join fail). */
export function storedDisplayName(storage: Pick<Storage, 'getItem'> | null = local()): string | undefined {
  const saved = storage?.getItem(NAME_STORAGE_KEY);
  if (saved == null) return undefined;
  const checked = checkDisplayName(saved);
  return checked.ok ? checked.name : undefined;
}

export function rememberDisplayName(name: string, storage: Pick<Storage, 'setItem'> | null = local()): void {
  try {
    storage?.setItem(NAME_STORAGE_KEY, name);
  } catch {
    // quota or privacy mode: the name still holds for this page
  }
}
