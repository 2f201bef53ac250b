// A room's named bookmarks for one epoch: annotations a presenter puts on the timeline ("here the quorum broke").
// They are not commands: the engine never sees them, so they cannot change what the simulation does, and the
// recording (which must replay byte for byte with the CLI) does not carry them. Invariants: at most
// MAX_BOOKMARKS per epoch (a flood cannot grow a room's memory); the list is kept in moment order, ties by id;
// ids come from a counter, never reused within the epoch.
import type { Ack, Bookmark } from '../../shared/protocol/messages.ts';
import { checkMoment } from './history/branch.ts';

/** Enough for any lesson; a class that needs more is flooding, not teaching. */
export const MAX_BOOKMARKS = 100;

export class RoomBookmarks {
  private marks: Bookmark[] = [];
  private nextId = 1;

  /** A rewind keeps the bookmarks of the history it keeps (those not after the moment it went back to). */
  static keptFrom(previous: RoomBookmarks, untilMs: number): RoomBookmarks {
    const kept = new RoomBookmarks();
    kept.marks = previous.marks.filter((b) => b.atMs <= untilMs);
    kept.nextId = previous.nextId;
    return kept;
  }

  /** Bookmarks read back from a room's stored record (roomRecord.ts), in moment order, ids below `nextId`. */
  static restored(list: readonly Bookmark[], nextId: number): RoomBookmarks {
    const kept = new RoomBookmarks();
    kept.marks = list.slice(0, MAX_BOOKMARKS).map((b) => ({ ...b })).sort((a, b) => a.atMs - b.atMs || a.id - b.id);
    kept.nextId = Math.max(nextId, ...kept.marks.map((b) => b.id + 1));
    return kept;
  }

  /** The id the next bookmark gets (stored with the list so ids are never reused within the epoch). */
  get nextBookmarkId(): number {
    return this.nextId;
  }

  get length(): number {
    return this.marks.length;
  }

  /** The caller has checked that 0 <= atMs <= now and that the name is trimmed and valid. */
  /** `bookmark:add` in room `room` whose simulation is at `nowMs`: at `atMs` (default now), a moment of this epoch. */
  addAt(room: string, name: string, atMs: number | undefined, nowMs: number): Ack<{ bookmark: Bookmark }> {
    const at = atMs ?? nowMs;
    const error = checkMoment(at, nowMs, room, 'atMs');
    return error !== null ? { ok: false, error } : this.add(name, at);
  }

  add(name: string, atMs: number): Ack<{ bookmark: Bookmark }> {
    if (this.marks.length >= MAX_BOOKMARKS) {
      return { ok: false, error: `this room already has ${MAX_BOOKMARKS} bookmarks (the most one run may have); reset or rewind to start again` };
    }
    const bookmark: Bookmark = { id: this.nextId++, name, atMs };
    const at = this.marks.findIndex((b) => b.atMs > atMs);
    if (at < 0) this.marks.push(bookmark);
    else this.marks.splice(at, 0, bookmark);
    return { ok: true, bookmark: { ...bookmark } };
  }

  /** Copies: a receiver (or a test) holding the list cannot change the room's. */
  list(): Bookmark[] {
    return this.marks.map((b) => ({ ...b }));
  }
}
