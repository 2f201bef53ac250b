// Lazy chunks in Chromium: the timeline pane and the popups (fault menu, help) load after the first paint, and a
// failed load of either (the server "gone" for that request) leaves a working page with a placeholder or a toast;
// the next need loads the chunk under a fresh URL. Also checks the build: every lazy chunk imports only what the
// page loaded up front, so no shared chunk can fail on its own and stay failed.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR, chromiumMissing, control, uniqueRoom } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
// The trailing * also blocks the retries' ?retry= URLs: the server is gone for that chunk, whatever the query.
const TIMELINE_CHUNK = '**/assets/TimelinePane-*.js*';
const POPUPS_CHUNK = '**/assets/popups-*.js*';

/** Like harness.openDashboard, but with the given chunk requests failing from the very first load. */
async function openWithBlocked(browser: Browser, baseUrl: string, room: string, blocked: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript('globalThis.__name = f => f');
  for (const glob of blocked) await context.route(glob, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${baseUrl}/?room=${encodeURIComponent(room)}`);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

const vertex = (page: Page, node: string, unit: string) => page.locator(`.dag-pane [data-node="${node}"][data-unit="${unit}"]`).first();

describe.skipIf(skip)('lazy chunks (Chromium)', () => {
  const env = useServerAndBrowser();

  it('every lazy chunk imports only chunks the page loads up front', () => {
    const assets = path.join(ROOT_DIR, 'dist', 'assets');
    // What index.html loads up front: the entry script and its modulepreloads (as bench/web.ts counts them).
    const html = readFileSync(path.join(ROOT_DIR, 'dist', 'index.html'), 'utf8');
    const initial = new Set([...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="[^"]*\/([^"/]+\.js)"/g)].map((m) => m[1]!));
    expect(initial.size).toBeGreaterThan(0);
    const lazy = readdirSync(assets).filter((f) => f.endsWith('.js') && !initial.has(f));
    expect(lazy.map((f) => f.replace(/-[\w-]+\.js$/, '')).sort()).toEqual(['TimelinePane', 'exporter', 'newClass', 'popups', 'zoomD3']);
    for (const file of lazy) {
      const code = readFileSync(path.join(assets, file), 'utf8');
      const imported = [...code.matchAll(/(?:^|[;\s])import\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]!);
      for (const dep of imported) expect(initial, `${file} imports ${dep}`).toContain(dep);
    }
  });

  it('a timeline chunk that fails to load is a placeholder with Retry; the DAG keeps working and Retry loads it', async () => {
    const page = await openWithBlocked(env.browser, env.server.url, uniqueRoom('e2e-lazy-tl'), [TIMELINE_CHUNK]);
    await control(page, { action: 'speed', speed: 50 });
    const unavailable = page.locator('[data-testid="timeline-unavailable"]');
    await unavailable.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="timeline"]').count()).toBe(0);
    // The rest of the page is alive: the DAG updates and a unit's fault menu opens.
    await expect.poll(() => page.locator('.dag-pane [data-unit][data-state="healthy"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await vertex(page, 'master-1', 'dcos-exhibitor').click();
    const menu = page.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await page.context().unroute(TIMELINE_CHUNK);
    await unavailable.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="timeline"]').waitFor({ timeout: 15_000 });
    expect(await unavailable.count()).toBe(0);
    expect(await page.locator('[data-testid="timeline"] [data-node="master-1"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a fault menu chunk that fails to load is a toast; the next click loads it, and help opens', async () => {
    const page = await openWithBlocked(env.browser, env.server.url, uniqueRoom('e2e-lazy-menu'), [POPUPS_CHUNK]);
    const exhibitor = vertex(page, 'master-1', 'dcos-exhibitor');
    await exhibitor.waitFor();
    await exhibitor.hover(); // the prefetch fails quietly
    await exhibitor.click();
    await expect.poll(() => page.locator('[data-testid="toasts"]').textContent(), { timeout: 10_000 }).toMatch(/fault menu could not be loaded/);
    expect(await page.locator('[data-testid="fault-menu-loading"]').count()).toBe(0);
    expect(await page.locator('[data-testid="cluster-health"]').count()).toBe(1);
    await page.locator('[data-testid="timeline"]').waitFor({ timeout: 15_000 });

    await page.context().unroute(POPUPS_CHUNK);
    await exhibitor.click();
    const menu = page.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor({ timeout: 15_000 });
    expect(await menu.locator('[role="menuitem"][data-action="stop"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.locator('body').focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'How to use Bootscope' }).waitFor();
    await page.context().close();
  });
});
