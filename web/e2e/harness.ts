/**
 * Browser-test harness shared by the e2e tests, the screenshot script and the web benchmark:
 * starts the real server (`node --import tsx server/main.ts`, PORT=0, it builds dist/ when stale) as a
 * child process we can kill by PID, launches Debian's Chromium through playwright-core, and opens the
 * dashboard in a fresh room. Without Chromium: skip loudly locally, fail under CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
  /** Its DATA_DIR: start another server on it (and the same port) to restart this one with its rooms. */
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `port` 0 picks a free port; a fixed one lets a test restart the server where the page expects it. `dataDir`: where
 * it stores its rooms (DATA_DIR); a fresh temporary one by default, so no test sees another's rooms.
 */
export async function startServer(port = 0, dataDir = mkdtempSync(path.join(tmpdir(), 'bootscope-e2e-'))): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir },
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
    dataDir,
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

/** A page on the dashboard for `room`, waiting until the first snapshot is drawn. */
export async function openDashboard(browser: Browser, baseUrl: string, room: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // tsx compiles named inner functions with a __name helper the page does not have (toolchain.md).
  await context.addInitScript('globalThis.__name = f => f');
  const page = await context.newPage();
  await page.goto(`${baseUrl}/?room=${encodeURIComponent(room)}`);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

/** Sends a command through the page's own socket client (same path as the UI buttons). */
export async function control(page: Page, command: object): Promise<void> {
  // globalThis, not window: this file is also type-checked by the node project (bench/web.ts imports it).
  const result = await page.evaluate(async (cmd) => {
    const w = globalThis as unknown as { __bootscope: { client: { control(c: unknown): Promise<{ ok: boolean; error?: string }> } } };
    return w.__bootscope.client.control(cmd);
  }, command);
  if (!result.ok) throw new Error(`sim:control ${JSON.stringify(command)} refused: ${result.error}`);
}

export async function waitForHealth(page: Page, word: 'Healthy' | 'Unhealthy', timeoutMs = 60_000): Promise<void> {
  await page.locator(`[data-testid="cluster-health"]:text-is("${word}")`).waitFor({ timeout: timeoutMs });
}

/**
 * A script's whole main (the screenshot scripts): a server and Chromium for `body`, both stopped after it whatever
 * happens; no Chromium is exit code 1, an error is printed and sets exit code 1.
 */
export function runWithServerAndBrowser(body: (server: RunningServer, browser: Browser) => Promise<void>): void {
  const main = async () => {
    if (chromiumMissing()) process.exit(1);
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      await body(server, browser);
    } finally {
      await browser.close();
      await server.stop();
    }
  };
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/**
 * A toolbar control, opening the toolbar's "More" fold first when the control is folded behind it (below 1400 px the
 * less used controls are; architecture §9).
 */
export async function toolbarControl(page: Page, testId: string): Promise<ReturnType<Page['locator']>> {
  const control = page.locator(`[data-testid="${testId}"]`);
  if (!(await control.isVisible())) {
    const more = page.locator('[data-testid="toolbar-overflow"]');
    if (await more.isVisible()) await more.click();
    await control.waitFor({ state: 'visible' });
  }
  return control;
}
