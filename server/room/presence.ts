// Who is in a room and when it was last used: the client count, since when nobody has watched it, and the last change
// anyone made. The registry's sweep (rooms.ts) reads both to drop idle rooms and close forgotten ones.
// Invariants: the count never goes below 0; idleSinceMs is null while anyone is in the room.

export class Presence {
  private count = 0;
  private idleSinceWallMs: number;
  /** Wall time of the last change anyone made (a command that changed the room, a join). */
  lastActivityWallMs: number;

  constructor(private readonly now: () => number) {
    this.idleSinceWallMs = now();
    this.lastActivityWallMs = this.idleSinceWallMs;
  }

  get clients(): number {
    return this.count;
  }

  /** Since when nobody has been in the room (wall ms), or null while someone is. */
  get idleSinceMs(): number | null {
    return this.count > 0 ? null : this.idleSinceWallMs;
  }

  add(): void {
    this.count++;
  }

  remove(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count === 0) this.idleSinceWallMs = this.now();
  }

  /** Someone changed or joined the room just now: it is in use. */
  touch(): void {
    this.lastActivityWallMs = this.now();
  }
}
