// Test helper for tests that start real server processes: everything a test opens (processes, directories, sockets,
// timers) is undone after it, in order, even when an assertion fails halfway. Registers its own afterEach.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

export interface ProcessCleanup {
  /** Run `step` after the test. */
  later(step: () => void): void;
  /** `server`, killed (SIGKILL) after the test whatever happened to it. */
  started(server: ServerProcess): ServerProcess;
  /** A server process on a fresh DATA_DIR (`prefix` names it), both gone after the test; resolves to its URL. */
  serverInTempDir(prefix: string): Promise<{ server: ServerProcess; url: string; dir: string }>;
}

export function useProcessCleanup(): ProcessCleanup {
  const steps: Array<() => void> = [];
  afterEach(() => {
    for (const step of steps.splice(0)) step();
  });
  const cleanup: ProcessCleanup = {
    later: (step) => void steps.push(step),
    started(server) {
      steps.push(() => server.child.kill('SIGKILL'));
      return server;
    },
    async serverInTempDir(prefix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
      cleanup.later(() => fs.rmSync(dir, { recursive: true, force: true }));
      const server = cleanup.started(startServerProcess({ DATA_DIR: dir }));
      return { server, url: await server.url, dir };
    },
  };
  return cleanup;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
