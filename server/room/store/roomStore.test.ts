// The room store's file discipline: a record is written whole or not at all (temp + fsync + rename), a temp file a
// crash left behind is swept away without touching the last good record, and a corrupt, truncated, oversized or
// misnamed file is skipped with a log line, never a crash. Also: a record that parses but is not a valid room
// record is refused by parseRoomRecord with a readable reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRoomRecord } from './roomRecord.ts';
import { MAX_RECORD_BYTES, RoomFileStore } from './roomStore.ts';

let dir: string;
let lines: Array<{ msg: string; file?: string; room?: string; error?: string }>;
let store: RoomFileStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-store-'));
  lines = [];
  const sink = { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) };
  store = new RoomFileStore(dir, pino({ level: 'info' }, sink));
  store.open();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('RoomFileStore', () => {
  it('writes a record atomically: the file holds the whole new record, no temp file stays, only we may read it', () => {
    store.save('lab-1', { n: 1 });
    store.save('lab-1', { n: 2, text: 'x'.repeat(10_000) });
    expect(fs.readdirSync(dir).sort()).toEqual(['.lock', 'lab-1.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lab-1.json'), 'utf8'))).toMatchObject({ n: 2 });
    expect(fs.statSync(path.join(dir, 'lab-1.json')).mode & 0o777).toBe(0o600);
    expect(store.loadAll()).toMatchObject([{ room: 'lab-1', json: { n: 2, text: 'x'.repeat(10_000) } }]);
  });

  it('a crash between writing the temp file and the rename leaves the last good record; open() sweeps the temp', () => {
    store.save('lab-1', { n: 1 });
    // What a kill -9 in the middle of save() leaves: a half-written temp file beside the old record.
    fs.writeFileSync(path.join(dir, 'lab-1.json.tmp'), '{"n": 2, "trunc');
    const reopened = new RoomFileStore(dir, pino({ level: 'silent' }));
    reopened.open();
    expect(fs.readdirSync(dir).sort()).toEqual(['.lock', 'lab-1.json']);
    expect(reopened.loadAll()).toMatchObject([{ room: 'lab-1', json: { n: 1 } }]);
  });

  it('skips a corrupt, truncated, oversized or misnamed file with a log line and loads the rest', () => {
    store.save('good', { ok: true });
    fs.writeFileSync(path.join(dir, 'truncated.json'), '{"format":"bootscope-room","rec');
    fs.writeFileSync(path.join(dir, 'binary.json'), Buffer.from([0xff, 0x00, 0xfe]));
    fs.writeFileSync(path.join(dir, 'NOT A ROOM.json'), '{}');
    fs.writeFileSync(path.join(dir, 'huge.json'), Buffer.alloc(MAX_RECORD_BYTES + 1, 0x20));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored: not a record');
    expect(store.loadAll()).toMatchObject([{ room: 'good', json: { ok: true } }]);
    const skipped = lines.filter((l) => /^ignoring|quarantine/.test(l.msg)).map((l) => path.basename(l.file ?? ''));
    expect(skipped.sort()).toEqual(['NOT A ROOM.json', 'binary.json', 'huge.json', 'truncated.json']);
    // The damaged records are kept aside, byte for byte, and gone from where a new room of that name would write.
    const aside = fs.readdirSync(path.join(dir, 'quarantine')).sort();
    expect(aside.map((n) => n.replace(/-\d{4}-.*$/, ''))).toEqual(['binary', 'huge', 'truncated']);
    expect(fs.readFileSync(path.join(dir, 'quarantine', aside[2]!), 'utf8')).toBe('{"format":"bootscope-room","rec');
    expect(fs.existsSync(path.join(dir, 'truncated.json'))).toBe(false);
  });

  it('never turns a room name into a path outside the directory', () => {
    expect(() => store.save('../escape', {})).toThrow(/not a room name/);
    expect(() => store.remove('a/b')).toThrow(/not a room name/);
    expect(fs.readdirSync(path.dirname(dir)).includes('escape.json')).toBe(false);
  });

  it('removes a record', () => {
    store.save('gone', {});
    store.remove('gone');
    store.remove('never-there');
    expect(store.loadAll()).toEqual([]);
  });

  it('reads nothing (with an error line) from a directory it cannot list, instead of crashing', () => {
    const missing = new RoomFileStore(path.join(dir, 'no', 'such'), pino({ level: 'silent' }));
    expect(missing.loadAll()).toEqual([]);
  });
});

describe('the data directory lock', () => {
  it('refuses a directory another live process holds, takes over a dead one, and is released on close', () => {
    const lock = path.join(dir, '.lock');
    fs.writeFileSync(lock, String(process.ppid)); // a live process that is not us
    const second = new RoomFileStore(dir, pino({ level: 'silent' }));
    expect(() => second.open()).toThrow(/in use by another Bootscope process \(pid \d+\)/);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(lock, String(dead));
    second.open();
    expect(fs.readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
    second.close();
    expect(fs.existsSync(lock)).toBe(false);
    expect(store.loadAll()).toEqual([]); // the lock is not a record
  });
});

describe('parseRoomRecord', () => {
  it('refuses JSON that is not a valid room record, saying why', () => {
    for (const json of [null, [], { format: 'bootscope-room' }, { format: 'other', version: 1 }]) {
      const parsed = parseRoomRecord(json);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^not a room record: /);
    }
  });
});
