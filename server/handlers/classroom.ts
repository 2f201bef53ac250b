// Who a socket is in its room (architecture.md §7) and what that lets it do. A class room (one with a presenter
// key) is changed only by its presenter, except `fault:inject` while the policy lets students inject; an open room
// has no roles: everyone may change it, and everyone's faults are `by: {role: 'viewer'}` (nobody holds its key).
// Invariants: the role is decided once per join, from the key sent with it (constant-time compare, presenterKey.ts);
// a wrong key is refused and costs the address a token (AddressLimiter), so a flood of guesses is refused quietly;
// the key itself is never stored on the socket, logged or echoed.
import type { FaultBy } from '../../shared/engine/types.ts';
import type { Ack, RoomRole } from '../../shared/protocol/messages.ts';
import type { AddressLimiter } from '../api/addressLimiter.ts';
import type { Room } from '../room/room.ts';

/** The commands only a class room's presenter may send (fault:inject may be opened to viewers by the policy). */
export type GuardedCommand = 'fault:inject' | 'sim:control' | 'scenario:load' | 'sim:rewind' | 'bookmark:add' | 'room:policy' | 'quiz:ask';

export type RoleDecision = { ok: true; role: RoomRole } | { ok: false; error: string };

/** The role `key` earns in `room`; refused when a key is sent that is not the room's (or is sent to an open room). */
export function decideRole(room: Room, key: string | undefined, address: string, wrongKeys: AddressLimiter): RoleDecision {
  if (key === undefined) return { ok: true, role: 'viewer' };
  if (room.presenterKeyMatches(key)) return { ok: true, role: 'presenter' };
  if (!wrongKeys.take(address)) {
    return { ok: false, error: 'too many wrong presenter keys from your address: wait a minute, then join without a key (as a viewer) or with the right one' };
  }
  if (room.policy.mode === 'open') return { ok: false, error: `room '${room.name}' is an open room and has no presenter key: join without one (anyone may change an open room)` };
  return { ok: false, error: `wrong presenter key for room '${room.name}': join without a key to watch as a viewer, or use the presenter link` };
}

/** null when a socket of `role` may send `command` to `room`, else the refusal. */
export function refusal(room: Room, role: RoomRole, command: GuardedCommand): Ack | null {
  const { mode, studentsMayInject } = room.policy;
  if (command === 'room:policy' && mode === 'open') {
    return { ok: false, error: `room '${room.name}' is an open room: everyone may already change it, so it has no policy to set` };
  }
  if (mode === 'open' || role === 'presenter') return null;
  if (command === 'fault:inject' && studentsMayInject) return null;
  const what = command === 'bookmark:add' ? 'add bookmarks in' : command === 'room:policy' ? 'set the policy of' : 'change';
  return { ok: false, error: `only the presenter may ${what} this room (room '${room.name}' is a class room)` };
}

/** What a fault from this socket carries as `by`. */
export function faultBy(room: Room, role: RoomRole, name: string | null): FaultBy {
  const by: FaultBy = { role: room.policy.mode === 'class' ? role : 'viewer' };
  if (name !== null) by.name = name;
  return by;
}
