// Test helper for tests that start real server processes: everything a test opens (processes, directories, sockets,
// timers) is undone after it, in order, even when an assertion fails halfway. Registers its own afterEach.
import { afterEach } from 'vitest';
import type { ServerProcess } from './serverProcess.ts';

export interface ProcessCleanup {
  /** Run `step` after the test. */
  later(step: () => void): void;
  /** `server`, killed (SIGKILL) after the test whatever happened to it. */
  started(server: ServerProcess): ServerProcess;
}

export function useProcessCleanup(): ProcessCleanup {
  const steps: Array<() => void> = [];
  afterEach(() => {
    for (const step of steps.splice(0)) step();
  });
  return {
    later: (step) => void steps.push(step),
    started(server) {
      steps.push(() => server.child.kill('SIGKILL'));
      return server;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
