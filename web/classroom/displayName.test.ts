// A student's name passes or fails here exactly as on the server, with the server's words, and a remembered name that
// no longer passes (edited by hand) is dropped instead of making every join fail.
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayNameSchema } from '../../shared/protocol/schemas.ts';
import { NAME_MAX_CHARS, NAME_STORAGE_KEY, checkDisplayName, rememberDisplayName, storedDisplayName } from './displayName.ts';

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('display name', () => {
  it('has the same cap as the server', () => {
    expect(NAME_MAX_CHARS).toBe(DISPLAY_NAME_MAX);
  });

  it.each(['Ana', '  Ana  ', '<b>Ana</b> & co', 'Zoë 🎓', 'x'.repeat(32), '', '   ', 'x'.repeat(33), 'A\u0007na', 'tab\there'])('judges %j as the server does', (text) => {
    const server = displayNameSchema.safeParse(text);
    const here = checkDisplayName(text);
    expect(here.ok).toBe(server.success);
    if (here.ok && server.success) expect(here.name).toBe(server.data);
    if (!here.ok && !server.success) expect(server.error.issues[0]!.message).toBe(here.error);
  });

  it('remembers a name and drops a stored one the server would refuse', () => {
    const storage = memory();
    expect(storedDisplayName(storage)).toBeUndefined();
    rememberDisplayName('Ana', storage);
    expect(storedDisplayName(storage)).toBe('Ana');
    storage.setItem(NAME_STORAGE_KEY, 'y'.repeat(200));
    expect(storedDisplayName(storage)).toBeUndefined();
  });
});
