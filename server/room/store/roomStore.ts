// The embedded store of room records (architecture.md §8): one JSON file per room in the data directory (DATA_DIR,
// default `data/` in the project). Why plain files and not SQLite: Node 20 has no node:sqlite, a native driver needs a
// prebuilt binary or a compiler on every machine that runs `npm install`, and what we store is small (a recording is
// the cluster, the seed and the commands, a few KB) and written whole by one process, one room at a time. A file per
// room written as write-to-temp + fsync + rename + fsync of the directory gives the one property we need: after a
// crash (kill -9, power loss) each room's file is either its previous version or its new one, never a mix.
// The fsyncs are what a power cut needs; a process crash (kill -9) never loses what write() and rename() handed to the
// kernel. fsync costs 1-7 ms on this kind of disk, so save() takes `sync` and roomSaver.ts asks for it at most a few
// times a second per room.
// Invariants: writes are synchronous, so a caller that returns from save() knows the kernel has the whole record
// (roomSaver.ts relies on it before events leave the room); a file that cannot be read or parsed is logged and skipped, never fatal;
// room names are validated (a-z, 0-9, -) before they become file names, so no name can leave the directory; one
// process uses a directory at a time (a `.lock` file holding its pid: a second `npm start` on the same directory is
// refused before it reads or writes anything; a lock whose process is gone, after a crash, is taken over).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { roomNameSchema } from '../../../shared/protocol/schemas.ts';

const SUFFIX = '.json';
const LOCK = '.lock';
const TEMP_SUFFIX = '.json.tmp';
/** A record larger than this is not ours (a recording holds at most 5,000 short steps: well under 2 MB). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export interface StoredFile {
  room: string;
  json: unknown;
}

export class RoomFileStore {
  constructor(readonly dir: string, private readonly logger: Logger) {}

  /**
   * Creates the directory, takes its lock (throws when another live process holds it) and removes temp files a crash
   * left behind (their rename never happened).
   */
  open(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    this.lock();
    for (const name of fs.readdirSync(this.dir)) {
      if (name.endsWith(TEMP_SUFFIX)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /**
   * Atomically replaces `room`'s file with `record`; `sync`: also fsync the file and the directory, so the record
   * survives a power cut. Throws on an IO error (the caller logs and retries later).
   */
  save(room: string, record: object, sync = true): void {
    const file = this.fileOf(room);
    const temp = `${file.slice(0, -SUFFIX.length)}${TEMP_SUFFIX}`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(record));
      if (sync) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    if (sync) this.syncDirectory();
  }

  /** Releases the lock (shutdown); the records stay. */
  close(): void {
    const file = path.join(this.dir, LOCK);
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  }

  remove(room: string): void {
    fs.rmSync(this.fileOf(room), { force: true });
    this.syncDirectory();
  }

  /** Every readable record, parsed as JSON; unreadable, oversized or malformed files are logged and skipped. */
  loadAll(): StoredFile[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (error) {
      this.logger.error({ err: error, dir: this.dir }, 'cannot read the data directory; starting without stored rooms');
      return [];
    }
    const loaded: StoredFile[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith(SUFFIX)) continue;
      const room = name.slice(0, -SUFFIX.length);
      const file = path.join(this.dir, name);
      if (!roomNameSchema.safeParse(room).success) {
        this.logger.warn({ file }, 'ignoring a file in the data directory: its name is not a room name');
        continue;
      }
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_RECORD_BYTES) throw new Error(`${size} bytes, more than a room record may hold (${MAX_RECORD_BYTES})`);
        loaded.push({ room, json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown });
      } catch (error) {
        this.logger.warn({ file, error: error instanceof Error ? error.message.slice(0, 200) : String(error) }, 'ignoring a stored room that cannot be read');
      }
    }
    return loaded;
  }

  private lock(): void {
    const file = path.join(this.dir, LOCK);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      // The same process may open its directory twice (tests run two apps in one process); another live one may not.
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`it is in use by another Bootscope process (pid ${holder}); stop that one or give this one another DATA_DIR (if none runs, delete ${file})`);
      }
      fs.rmSync(file, { force: true }); // a crashed process's lock (or our own): take it over
    }
    throw new Error(`could not take its lock file ${file}`);
  }

  private fileOf(room: string): string {
    if (!roomNameSchema.safeParse(room).success) throw new Error(`not a room name: '${room.slice(0, 40)}'`);
    return path.join(this.dir, `${room}${SUFFIX}`);
  }

  /** The rename is durable only once the directory entry is: fsync the directory (not possible everywhere). */
  private syncDirectory(): void {
    let fd: number | null = null;
    try {
      fd = fs.openSync(this.dir, 'r');
      fs.fsyncSync(fd);
    } catch {
      // Some platforms refuse fsync on a directory; the file itself is synced, which is what they offer.
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
