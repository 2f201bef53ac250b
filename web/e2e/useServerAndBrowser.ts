// One real server and one Chromium for a describe block of browser tests: started in beforeAll, stopped in
// afterAll (a separate file from harness.ts, which the web benchmark imports without vitest).
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.ts';

export interface ServerAndBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

export function useServerAndBrowser(): ServerAndBrowser {
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    server = await startServer(); // builds dist/ when it is stale
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (server === null) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (browser === null) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
