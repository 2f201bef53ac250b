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
// The lock cannot lie: it holds the pid and the process's start time (/proc/<pid>/stat field 22), so a
// zombie (state Z) or a pid the kernel reused for another process does not count as its holder; every write first
// checks the lock is still ours (a deleted lock is taken again, another process's lock stops our writes); files in the
// directory that are not regular files (a FIFO named x.json) are skipped without being opened; a record that cannot be
// read or replayed is moved to quarantine/<room>-<time>.json, never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { roomNameSchema } from '../../../shared/protocol/schemas.ts';

const SUFFIX = '.json';
const LOCK = '.lock';
const TEMP_SUFFIX = '.json.tmp';
/** Damaged records are moved here (inside the data directory), kept for whoever wants to inspect them. */
export const QUARANTINE_DIR = 'quarantine';
/** A record larger than this is not ours (a recording holds at most 5,000 short steps: well under 2 MB). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export interface StoredFile {
  room: string;
  json: unknown;
  /** The file's text as read (kept so a record found damaged later is quarantined byte for byte). */
  text?: string;
}

export class RoomFileStore {
  /** What our lock file holds: "<pid> <start time>" (the start time is absent where /proc is not). */
  private readonly token = lockToken(process.pid);

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
    this.checkLock();
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
      if (fs.readFileSync(file, 'utf8').trim() === this.token) fs.rmSync(file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  }

  remove(room: string): void {
    this.checkLock();
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
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(file);
      } catch {
        continue; // gone meanwhile
      }
      // Never open a FIFO, socket, device or symlink: reading a FIFO would wait forever for a writer.
      if (!stat.isFile()) {
        this.logger.warn({ file }, 'ignoring a file in the data directory: it is not a regular file');
        continue;
      }
      try {
        if (stat.size > MAX_RECORD_BYTES) throw new Error(`${stat.size} bytes, more than a room record may hold (${MAX_RECORD_BYTES})`);
        const text = readRegular(file);
        loaded.push({ room, json: JSON.parse(text) as unknown, text });
      } catch (error) {
        this.quarantine(room, error instanceof Error ? error.message : String(error));
      }
    }
    return loaded;
  }

  /**
   * Moves `room`'s damaged record to quarantine/<room>-<time>.json (logged), so that joining the name makes a fresh
   * room without overwriting it. `text`: the record as it was read (the file may have been replaced since: the default
   * room's fresh record is written before stored rooms are restored); it is kept aside, and the file removed only if it
   * still holds it. Never throws: a record that cannot be moved is left where it is.
   */
  quarantine(room: string, reason: string, text?: string): void {
    const file = this.fileOf(room);
    const aside = path.join(this.dir, QUARANTINE_DIR, `${room}-${new Date().toISOString().replace(/[:.]/g, '-')}${SUFFIX}`);
    try {
      fs.mkdirSync(path.dirname(aside), { recursive: true, mode: 0o700 });
      if (text === undefined) fs.renameSync(file, aside);
      else {
        const fd = fs.openSync(aside, 'wx', 0o600);
        try {
          fs.writeSync(fd, text);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        if (readRegular(file) === text) fs.rmSync(file, { force: true });
      }
      this.syncDirectory();
      this.logger.warn({ file, movedTo: aside, error: reason.slice(0, 300) }, 'a stored room cannot be read or replayed: moved it to quarantine');
    } catch (error) {
      this.logger.warn({ file, error: reason.slice(0, 300), moveError: error instanceof Error ? error.message : String(error) }, 'ignoring a stored room that cannot be read (and could not move it to quarantine)');
    }
  }

  private lock(): void {
    const file = path.join(this.dir, LOCK);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, this.token, { flag: 'wx', mode: 0o600 });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLock(file);
      // The same process may open its directory twice (tests run two apps in one process); another live one may not.
      if (holder !== null && holder.pid !== process.pid && holds(holder)) {
        throw new Error(`it is in use by another Bootscope process (pid ${holder.pid}); stop that one or give this one another DATA_DIR (if none runs, delete ${file})`);
      }
      fs.rmSync(file, { force: true }); // a crashed process's lock (or our own): take it over
    }
    throw new Error(`could not take its lock file ${file}`);
  }

  /**
   * Before every write: the lock must still be ours. Deleted (by hand): take it again. Another process's (it started
   * on this directory after ours was deleted): refuse to write, so two processes never write one directory.
   */
  private checkLock(): void {
    const file = path.join(this.dir, LOCK);
    let held: string;
    try {
      held = fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.writeFileSync(file, this.token, { flag: 'wx', mode: 0o600 });
      this.logger.warn({ file }, 'the data directory lock was deleted: took it again');
      return;
    }
    if (held === this.token) return;
    const holder = parseLock(held);
    if (holder !== null && holder.pid !== process.pid && holds(holder)) {
      throw new Error(`the data directory is now locked by another process (pid ${holder.pid}); not writing to it`);
    }
    fs.writeFileSync(file, this.token, { mode: 0o600 });
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

interface LockHolder {
  pid: number;
  /** /proc/<pid>/stat starttime (clock ticks since boot); null in an old lock or where /proc is not. */
  startTime: string | null;
}

function lockToken(pid: number): string {
  const start = procStat(pid)?.startTime;
  return start !== undefined ? `${pid} ${start}` : String(pid);
}

function parseLock(text: string): LockHolder | null {
  const [pidText, start] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startTime: start !== undefined && /^\d+$/.test(start) ? start : null };
}

function readLock(file: string): LockHolder | null {
  try {
    return parseLock(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** State and start time of `pid` from /proc (Linux); undefined when there is no such process or no /proc. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19]; // field 22 of the whole line
  return state !== undefined && startTime !== undefined ? { state, startTime } : undefined;
}

/** Whether the process the lock names still holds it: alive, not a zombie, and the same process (start time). */
function holds(holder: LockHolder): boolean {
  if (fs.existsSync('/proc/self/stat')) {
    const stat = procStat(holder.pid);
    if (stat === undefined) return false;
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return holder.startTime === null || holder.startTime === stat.startTime;
  }
  return isAlive(holder.pid);
}

/** Reads a regular file without ever blocking on a FIFO swapped in after lstat (O_NONBLOCK, then fstat). */
function readRegular(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error('not a regular file');
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
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
