// The data directory under hostile conditions (issue 18, items 5, 10, 13), with real server processes and sockets:
// - a room whose record cannot be written (its temp path is a directory: every write fails with EISDIR, as on a
//   read-only or full disk, and works as root too, where chmod would not) tells its viewers (room:storage), acks the
//   change that could not be stored with an error, refuses further changes, and recovers when writing works again;
// - deleting `.lock` does not let a second server use the directory: the first takes it again on its next write;
// - a FIFO named `x.json` does not hang start-up;
// - a damaged record is moved to quarantine/ and joining its name makes a fresh room that does not overwrite it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageState } from '../shared/protocol/events.ts';
import { connectClient, request, until, type ClientSocket } from './testing/harness.ts';
import { startServerProcess, type ServerProcess } from './testing/serverProcess.ts';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-hard-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function started(env: Record<string, string>): ServerProcess {
  const server = startServerProcess(env);
  cleanup.push(() => server.child.kill('SIGKILL'));
  return server;
}

async function client(url: string): Promise<ClientSocket> {
  const socket = await connectClient(url);
  cleanup.push(() => socket.disconnect());
  return socket;
}

const stop = (unit: string) => ({ kind: 'stop', node: 'master-1', unit });

describe('the data directory under hostile conditions', () => {
  it('a room that cannot be stored says so, refuses changes, and recovers when the disk does', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const url = await started({ DATA_DIR: dir }).url;
    const socket = await client(url);
    const states: StorageState[] = [];
    socket.on('room:storage', (state) => states.push(state));
    expect((await request(socket, 'sim:join', { room: 'lab' })).ok).toBe(true);
    expect((await request(socket, 'fault:inject', stop('dcos-exhibitor'))).ok).toBe(true);

    fs.mkdirSync(path.join(dir, 'lab.json.tmp')); // every write of lab's record now fails (EISDIR)
    const failed = await request(socket, 'fault:inject', stop('dcos-marathon'));
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatch(/could not be stored/);
    await until(() => states.some((s) => !s.ok), 10_000, 'room:storage ok:false');
    const refused = await request(socket, 'bookmark:add', { name: 'x' });
    expect(!refused.ok && refused.error).toMatch(/cannot be stored right now/);
    // A viewer joining now is told at once.
    const late = await client(url);
    const lateStates: StorageState[] = [];
    late.on('room:storage', (state) => lateStates.push(state));
    await request(late, 'sim:join', { room: 'lab' });
    await until(() => lateStates.length > 0, 10_000, 'room:storage on join');
    expect(lateStates[0]!.ok).toBe(false);

    fs.rmdirSync(path.join(dir, 'lab.json.tmp'));
    await until(() => states.at(-1)?.ok === true, 10_000, 'room:storage ok:true');
    expect((await request(socket, 'bookmark:add', { name: 'back' })).ok).toBe(true);
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'lab.json'), 'utf8')) as { recording: { steps: Array<{ fault?: { unit: string } }> } };
    // The fault whose ack said "could not be stored" was applied and is stored now that the disk works.
    expect(record.recording.steps.map((s) => s.fault?.unit)).toEqual(['dcos-exhibitor', 'dcos-marathon']);
  });

  it('deleting .lock does not let a second server use the directory', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const a = started({ DATA_DIR: dir });
    const socket = await client(await a.url);
    expect((await request(socket, 'sim:join', { room: 'lab' })).ok).toBe(true);
    fs.rmSync(path.join(dir, '.lock'));
    // Any write takes the lock again (a change is written before it is acked).
    expect((await request(socket, 'fault:inject', stop('dcos-exhibitor'))).ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${a.child.pid} `));
    const b = started({ DATA_DIR: dir });
    expect(await b.exit).not.toBe(0);
    expect(b.output()).toMatch(/in use by another Bootscope process/);
  });

  it('a FIFO named x.json does not hang start-up', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'x.json')]);
    const server = started({ DATA_DIR: dir });
    await server.url;
    expect(server.logs().some((l) => l.msg === 'ignoring a file in the data directory: it is not a regular file')).toBe(true);
  });

  it('a damaged record is quarantined, and joining its name makes a fresh room without overwriting it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const damaged = '{"format":"bootscope-room","version":1,"room":"broken"}';
    fs.writeFileSync(path.join(dir, 'broken.json'), damaged);
    fs.writeFileSync(path.join(dir, 'default.json'), '{"not": "a record"}');
    const server = started({ DATA_DIR: dir });
    const socket = await client(await server.url);
    expect((await request(socket, 'sim:join', { room: 'broken' })).ok).toBe(true);
    expect((await request(socket, 'fault:inject', stop('dcos-exhibitor'))).ok).toBe(true);
    const aside = fs.readdirSync(path.join(dir, 'quarantine')).sort();
    expect(aside.map((n) => n.replace(/-\d{4}-.*$/, ''))).toEqual(['broken', 'default']);
    expect(fs.readFileSync(path.join(dir, 'quarantine', aside[0]!), 'utf8')).toBe(damaged);
    expect(fs.readFileSync(path.join(dir, 'quarantine', aside[1]!), 'utf8')).toBe('{"not": "a record"}');
    // The fresh rooms have records of their own.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'broken.json'), 'utf8'))).toMatchObject({ format: 'bootscope-room', room: 'broken' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'default.json'), 'utf8'))).toMatchObject({ format: 'bootscope-room', room: 'default' });
  });
});
