// The process as `npm start` runs it: listens on PORT (0 here), logs its URL, serves the API and the socket,
// rejects bad arguments with exit 2, and exits 0 on SIGTERM / SIGINT after closing its sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectClient, request } from './testing/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function start(args: string[] = []): { child: ChildProcess; url: Promise<string>; exit: Promise<number | null>; output: () => string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bootscope-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    // A data directory of its own: the project's data/ belongs to whoever runs `npm start` here.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOOTSCOPE_NO_BUILD: '1', LOG_LEVEL: 'info', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bootscope is running at (http:\/\/[^\s"/]+:\d+)\//.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`server exited before listening: ${output}`)));
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exit.then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { child, url, exit, output: () => output };
}

describe.concurrent('server/main.ts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('serves, then exits 0 on %s with a client connected', async (signal) => {
    const server = start();
    const url = await server.url;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const socket = await connectClient(url);
    expect((await request(socket, 'sim:join', {})).ok).toBe(true);
    const started = Date.now();
    server.child.kill(signal);
    expect(await server.exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(server.output()).toMatch(/shutting down/);
    socket.disconnect();
  });

  it('refuses an unknown argument with exit 2 and one readable line', async () => {
    const server = start(['--bogus']);
    server.url.catch(() => undefined);
    expect(await server.exit).toBe(2);
    expect(server.output()).toMatch(/unknown argument\(s\) --bogus; allowed: --dev/);
  });
});
