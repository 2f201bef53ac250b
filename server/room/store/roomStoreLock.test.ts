// A lock that cannot lie (issue 18, item 10), against real processes: a zombie or a pid that now names another
// process does not hold the data directory; a live holder (same pid, same start time) does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomFileStore } from './roomStore.ts';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-lock-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function spawned(script: string): ChildProcess {
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
  });
}

function startTime(pid: number): string {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19]!;
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const logger = pino({ level: 'silent' });

describe.runIf(fs.existsSync('/proc/self/stat'))('the data directory lock', () => {
  it('a zombie named in the lock does not hold the directory (as right after a kill -9 nobody has reaped yet)', async () => {
    // The backgrounded `sleep 0` exits; its parent execs into `sleep 60`, which never reaps it: a zombie.
    const parent = spawned('sleep 0 & echo $!; exec sleep 60');
    const zombie = Number(await firstLine(parent));
    await until(() => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z '), 'the zombie');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.lock'), String(zombie));
    new RoomFileStore(dir, logger).open();
    expect(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
  });

  it('a reused pid (alive, but started at another time) does not hold it; the same process does', async () => {
    const other = spawned('echo $$; exec sleep 60');
    const pid = Number(await firstLine(other));
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.lock'), `${pid} 1`); // the crashed holder started at tick 1: not this process
    new RoomFileStore(dir, logger).open();
    fs.writeFileSync(path.join(dir, '.lock'), `${pid} ${startTime(pid)}`);
    expect(() => new RoomFileStore(dir, logger).open()).toThrow(/in use by another Bootscope process/);
  });

  it('a lock taken by another process after ours was deleted stops our writes; a deleted lock is taken again', async () => {
    const dir = tempDir();
    const store = new RoomFileStore(dir, logger);
    store.open();
    store.save('lab', { n: 1 });
    fs.rmSync(path.join(dir, '.lock'));
    store.save('lab', { n: 2 });
    expect(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    const other = spawned('echo $$; exec sleep 60');
    const pid = Number(await firstLine(other));
    fs.writeFileSync(path.join(dir, '.lock'), `${pid} ${startTime(pid)}`);
    expect(() => store.save('lab', { n: 3 })).toThrow(/locked by another process/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lab.json'), 'utf8'))).toEqual({ n: 2 });
  });
});
