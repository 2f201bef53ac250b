/**
 * Server + Chromium for the web benchmark. A copy of the node half of web/e2e/harness.ts: the two live in
 * different composite TS projects (node vs e2e), which cannot share a file without a tsconfig change.
 * Keep them in step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Build (first start) + listen; generous because vite shares 2 cores with everyone else. */
export const SERVER_START_TIMEOUT_MS = 150_000;

/** true when the browser tests must not run here (and says so loudly); throws under CI. */
export function chromiumMissing(): boolean {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI is set but there is no Chromium at ${CHROMIUM_PATH}; .ci/run installs it with apt-get install chromium`);
  }
  console.warn(`E2E SKIPPED: no Chromium at ${CHROMIUM_PATH}`);
  return true;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${SERVER_START_TIMEOUT_MS} ms; output:\n${output.slice(-2000)}`)), SERVER_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bootscope is running at (http:\/\/[^\s"/]+:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; output:\n${output.slice(-2000)}`));
    });
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--disable-gpu', '--disable-quic'] });
}

export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`.slice(0, 32);
}

