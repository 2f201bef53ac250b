/**
 * README screenshots: `node --import tsx web/e2e/screenshots.ts` saves docs/screenshots/{healthy,broken,
 * explained}.png at 1366x768 (the projector) and the same names with `-1080p` at 1920x1080.
 * healthy: a booted 3-master cluster; broken: Exhibitor stopped on master-1 and master-3 (ZooKeeper loses
 * quorum); explained: the same, with the Marathon on master-2 explained back to the root cause.
 * `--dark` takes the same pictures in the dark theme, with `-dark` in the names.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR, control, openDashboard, runWithServerAndBrowser, uniqueRoom, waitForHealth } from './harness.ts';

const OUT_DIR = path.join(ROOT_DIR, 'docs', 'screenshots');
const VIEWPORTS = [
  { width: 1366, height: 768, suffix: '' },
  { width: 1920, height: 1080, suffix: '-1080p' },
];

async function inject(page: Page, fault: object): Promise<void> {
  const result = await page.evaluate(async (f) => {
    const w = globalThis as unknown as { __bootscope: { client: { inject(x: unknown): Promise<{ ok: boolean; error?: string }> } } };
    return w.__bootscope.client.inject(f);
  }, fault);
  if (!result.ok) throw new Error(`fault:inject ${JSON.stringify(fault)} refused: ${result.error}`);
}

async function shoot(page: Page, name: string, suffix: string): Promise<void> {
  // Let transitions and the clock settle so the picture is not mid-animation.
  await page.waitForTimeout(700);
  const file = path.join(OUT_DIR, `${name}${suffix}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(ROOT_DIR, file)}`);
}

async function series(browser: Browser, url: string, viewport: (typeof VIEWPORTS)[number], theme: string): Promise<void> {
  const page = await openDashboard(browser, url, uniqueRoom('shots'), { width: viewport.width, height: viewport.height });
  await page.evaluate((t) => {
    const w = globalThis as unknown as { __bootscope: { store: { getState(): { actions: { setTheme(x: string): void } } } } };
    w.__bootscope.store.getState().actions.setTheme(t);
  }, theme);
  await control(page, { action: 'speed', speed: 100 });
  await waitForHealth(page, 'Healthy', 90_000);
  await page.waitForTimeout(1_500);
  await control(page, { action: 'speed', speed: 1 });
  await shoot(page, 'healthy', viewport.suffix);

  await control(page, { action: 'speed', speed: 20 });
  await inject(page, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
  await inject(page, { kind: 'stop', node: 'master-3', unit: 'dcos-exhibitor' });
  await waitForHealth(page, 'Unhealthy', 30_000);
  await page.waitForTimeout(4_000);
  await control(page, { action: 'pause' });
  await shoot(page, 'broken', viewport.suffix);

  await page.locator('.dag-pane [data-node="master-2"][data-unit="dcos-marathon"]').first().click();
  await page.locator('[data-testid="fault-menu"] [data-action="explain"]').click();
  await page.locator('[data-testid="explain-chain"] li').nth(1).waitFor({ timeout: 10_000 });
  await shoot(page, 'explained', viewport.suffix);
  await page.context().close();
}

runWithServerAndBrowser(async (server, browser) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const theme = process.argv.includes('--dark') ? 'dark' : 'light';
  for (const viewport of VIEWPORTS) await series(browser, server.url, { ...viewport, suffix: viewport.suffix + (theme === 'dark' ? '-dark' : '') }, theme);
});
