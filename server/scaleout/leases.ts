// Room ownership across processes (architecture.md §8, REDIS_URL): a room's simulation runs in exactly one process, the
// holder of its lease, a Redis key `bootscope:lease:<room>` whose value names the process ({id, url}) and which expires
// after LEASE_MS unless its holder renews it. Why a lease and not a lock: a process that dies (kill -9, a lost machine)
// cannot release anything; its lease simply runs out and another process takes the room over from its recording.
// Invariants: acquire is SET NX PX (atomic); renew and release act only if the key still holds our value (a Lua
// compare-and-set), so a process that lost its lease (paused past LEASE_MS) can never extend or drop the new holder's.
import type { Redis } from 'ioredis';

/** How long a lease lasts without renewal: the longest a room goes without an owner after its owner dies. */
export const LEASE_MS = 5_000;
/** Renew this often (three tries per lease period). */
export const RENEW_EVERY_MS = Math.floor(LEASE_MS / 3);

export interface LeaseHolder {
  /** The holding process's id (random per process start). */
  id: string;
  /** Where that process serves HTTP (the room's HTTP routes are proxied there). */
  url: string;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class Leases {
  /** `self.url` is set once the process listens (before it takes any lease). */
  constructor(private readonly redis: Redis, readonly self: LeaseHolder) {}

  private get value(): string {
    return JSON.stringify(this.self);
  }

  private key(room: string): string {
    return `bootscope:lease:${room}`;
  }

  /** True when this process now holds `room` (it was free, or already ours). */
  async acquire(room: string): Promise<boolean> {
    const set = await this.redis.set(this.key(room), this.value, 'PX', LEASE_MS, 'NX');
    if (set === 'OK') return true;
    return (await this.redis.get(this.key(room))) === this.value;
  }

  /** False when the lease is no longer ours (expired and maybe taken): the caller must stop running the room. */
  async renew(room: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(room), this.value, String(LEASE_MS))) === 1;
  }

  async release(room: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(room), this.value);
  }

  /** Who holds `room` now, or null when nobody does. */
  async holder(room: string): Promise<LeaseHolder | null> {
    const raw = await this.redis.get(this.key(room));
    if (raw === null) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<LeaseHolder>;
      return typeof parsed.id === 'string' && typeof parsed.url === 'string' ? { id: parsed.id, url: parsed.url } : null;
    } catch {
      return null;
    }
  }
}
