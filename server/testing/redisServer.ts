// A throwaway redis-server for tests (Debian's package, `apt-get install redis-server`): on a free port (or a given
// one, to restart it), with an append-only file in a temp directory (the server refuses a Redis without persistence;
// `persistent: false` starts one with nothing saved, the README's old example), killed by PID. `available()` says whether the binary is there (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './serverProcess.ts';

export const REDIS_SERVER = '/usr/bin/redis-server';

export function redisAvailable(): boolean {
  return existsSync(REDIS_SERVER);
}

export interface RedisOptions {
  /** Append-only file on (default) or nothing saved at all. */
  persistent?: boolean;
  /** Restart on this port and directory (a Redis killed earlier). */
  port?: number;
  dir?: string;
}

export async function startRedis(options: RedisOptions = {}): Promise<{ url: string; port: number; dir: string; process: ChildProcess; stop(): void }> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'bootscope-redis-'));
  const persistence = options.persistent === false ? ['--save', '', '--appendonly', 'no'] : ['--save', '', '--appendonly', 'yes'];
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...persistence], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, port, dir, process: child, stop: () => child.kill('SIGKILL') };
}
