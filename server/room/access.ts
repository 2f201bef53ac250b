// Who may change a room (architecture.md §7). A class room (one with a presenter key) is changed only by its
// presenter, except `fault:inject` while the policy lets students inject; an open room has no roles: everyone may
// change it, and everyone's faults are `by: {role: 'viewer'}` (nobody holds its key).
// Invariants: a room keeps only its key's SHA-256 digest (presenterKey.ts), never the key, and never logs or
// broadcasts it; a socket's role is decided once per join, from the key sent with it (constant-time compare); a wrong
// key is refused and costs the address a token (a WrongKeyBudget), so a flood of guesses is refused quietly.
import type { FaultBy } from '../../shared/engine/types.ts';
import type { Refusal, RoomPolicy, RoomRole } from '../../shared/protocol/messages.ts';
import { keyDigest, keyMatchesDigest } from './presenterKey.ts';

/** A room's key digest and policy: what makes it open or class, and what its viewers may do. */
export class RoomAccess {
  /**
   * Set for class rooms (PRESENTER_KEY for the default room, POST /api/rooms, `sim:fork`): the SHA-256 digest of the
   * key of whoever may drive it (the key itself is not kept, presenterKey.ts). Never logged or broadcast.
   */
  private digest: string | null;
  /** Class rooms only: viewers may inject faults (room:policy). */
  private studentsMayInject = false;

  constructor(presenterKey: string | null | undefined) {
    this.digest = presenterKey != null ? keyDigest(presenterKey) : null;
  }

  /** Open (anyone may change it) or class (only its presenter may, unless the policy lets viewers inject). */
  get policy(): RoomPolicy {
    return { mode: this.digest === null ? 'open' : 'class', studentsMayInject: this.studentsMayInject };
  }

  get isClass(): boolean {
    return this.digest !== null;
  }

  /** The key's digest (null: an open room), for the room's stored record; never the key. */
  get keyDigest(): string | null {
    return this.digest;
  }

  /** Makes this a class room whose presenter holds `key` (a fork's new room). */
  setPresenterKey(key: string): void {
    this.digest = keyDigest(key);
  }

  /** True iff this is a class room and `given` is its presenter key (constant time, presenterKey.ts). */
  presenterKeyMatches(given: string): boolean {
    return this.digest !== null && keyMatchesDigest(given, this.digest);
  }

  /** room:policy (presenter only, checked by the caller). */
  change(change: { studentsMayInject?: boolean }): RoomPolicy {
    if (change.studentsMayInject !== undefined) this.studentsMayInject = change.studentsMayInject;
    return this.policy;
  }

  /** A room brought back from its stored record. */
  restore(state: { presenterKeyDigest: string | null; studentsMayInject: boolean }): void {
    this.digest = state.presenterKeyDigest;
    this.studentsMayInject = state.studentsMayInject;
  }
}

/** What the role rules read of a room (Room is one). */
export interface GuardedRoom {
  readonly name: string;
  readonly policy: RoomPolicy;
  readonly access: Pick<RoomAccess, 'presenterKeyMatches'>;
}

/** The commands only a class room's presenter may send (fault:inject may be opened to viewers by the policy). */
export type GuardedCommand = 'fault:inject' | 'sim:control' | 'scenario:load' | 'sim:rewind' | 'bookmark:add' | 'room:policy' | 'quiz:ask';

/** A per-address budget of wrong keys (api/addressLimiter.ts is one): false once the address has spent it. */
export interface WrongKeyBudget {
  take(address: string): boolean;
}

export type RoleDecision = { ok: true; role: RoomRole } | { ok: false; error: string };

/** The role `key` earns in `room`; refused when a key is sent that is not the room's (or is sent to an open room). */
export function decideRole(room: GuardedRoom, key: string | undefined, address: string, wrongKeys: WrongKeyBudget): RoleDecision {
  if (key === undefined) return { ok: true, role: 'viewer' };
  if (room.access.presenterKeyMatches(key)) return { ok: true, role: 'presenter' };
  if (!wrongKeys.take(address)) {
    return { ok: false, error: 'too many wrong presenter keys from your address: wait a minute, then join without a key (as a viewer) or with the right one' };
  }
  if (room.policy.mode === 'open') return { ok: false, error: `room '${room.name}' is an open room and has no presenter key: join without one (anyone may change an open room)` };
  return { ok: false, error: `wrong presenter key for room '${room.name}': join without a key to watch as a viewer, or use the presenter link` };
}

/** null when a socket of `role` may send `command` to `room`, else the refusal. */
export function refusal(room: GuardedRoom, role: RoomRole, command: GuardedCommand): Refusal | null {
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
export function faultBy(room: GuardedRoom, role: RoomRole, name: string | null): FaultBy {
  const by: FaultBy = { role: room.policy.mode === 'class' ? role : 'viewer' };
  if (name !== null) by.name = name;
  return by;
}
