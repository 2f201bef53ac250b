// Room records in Redis (REDIS_URL): the same record as in the data directory (roomRecord.ts: the issue-6 recording
// plus epoch, script, playback, key digest, policy), one string key per room, `bootscope:room:<room>`. With several
// processes the recording must outlive its owner on a machine of its own, so Redis holds it, not a local file.
// Writes are sent in order on one connection; save() returns the write's promise, which roomSaver.ts awaits before a
// command is acked (write before ack, issue 18) and otherwise only logs (once per run of failures, there). A process that takes a room over reads its record from here.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RecordSink } from '../room/store/roomSaver.ts';
import type { StoredFile } from '../room/store/roomStore.ts';

export class RedisRecords implements RecordSink {
  constructor(private readonly redis: Redis, private readonly logger: Logger) {}

  private key(room: string): string {
    return `bootscope:room:${room}`;
  }

  save(room: string, record: object): Promise<void> {
    return this.redis.set(this.key(room), JSON.stringify(record)).then(() => undefined);
  }

  /** A record that does not validate or replay is renamed aside (bootscope:quarantine:<room>:<time>), never overwritten. */
  async quarantine(room: string, reason: string): Promise<void> {
    const aside = `bootscope:quarantine:${room}:${new Date().toISOString()}`;
    await this.redis.rename(this.key(room), aside).catch(() => undefined);
    this.logger.warn({ room, movedTo: aside, error: reason.slice(0, 300) }, 'a stored room cannot be read or replayed: moved it to quarantine');
  }

  remove(room: string): void {
    this.redis.del(this.key(room)).catch(() => undefined);
  }

  /** The stored record of `room` as parsed JSON (validated by the caller), or null. */
  async load(room: string): Promise<StoredFile | null> {
    const raw = await this.redis.get(this.key(room));
    if (raw === null) return null;
    try {
      return { room, json: JSON.parse(raw) as unknown };
    } catch {
      this.logger.warn({ room }, 'ignoring a room record in Redis that is not JSON');
      return null;
    }
  }
}
