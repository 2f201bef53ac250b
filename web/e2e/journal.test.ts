// The Journal panel and a real boot in a real Chromium against the real server, at the projector's 1366x768: the
// panel shows the selected node's journal up to the time cursor and follows it; a click on a line selects its unit and
// puts the cursor at its event; an event's "journal" button comes back to its lines; uploading a real journal lists
// its divergences and draws it on the timeline as the ghost strip. Screenshots go to docs/screenshots/.
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, openDashboard, ROOT_DIR, uniqueRoom, waitForHealth } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const SHOTS = path.join(ROOT_DIR, 'docs/screenshots');

interface Store {
  getState(): { selected: { node: string; unit: string } | null; cursorMs: number | null; actions: { setCursor(ms: number | null): void; select(t: { node: string; unit: string } | null): void } };
}
const store = (page: Page, body: string) => page.evaluate(`(() => { const s = window.__bootscope.store; ${body} })()`);
const lineTimes = (page: Page) => page.locator('[data-testid="journal-line"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sim-ms'))));

describe.skipIf(skip)('journal panel in Chromium', () => {
  const env = useServerAndBrowser();

  it('follows the time cursor, selects events, comes back from the event log, and draws a real boot', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-journal'));
    await page.locator('[data-testid="speed"]').selectOption('100');
    await waitForHealth(page, 'Healthy', 120_000);
    await page.locator('[data-testid="speed"]').selectOption('1');
    await page.locator('[data-testid="log-tab-journal"]').first().click();
    const panel = page.locator('[data-testid="journal-panel"]');
    await expect.poll(() => panel.getAttribute('data-node')).toBe('master-1');
    await expect.poll(() => page.locator('[data-testid="journal-line"]').count(), { timeout: 10_000 }).toBeGreaterThan(20);

    // Follows the cursor: nothing after it; moving it on shows more.
    await store(page, 's.getState().actions.setCursor(60000)');
    await expect.poll(async () => Math.max(...(await lineTimes(page)))).toBeLessThanOrEqual(60_000);
    const early = await page.locator('[data-testid="journal-line"]').count();
    await store(page, 's.getState().actions.setCursor(240000)');
    await expect.poll(async () => Math.max(...(await lineTimes(page)))).toBeGreaterThan(60_000);
    expect(await page.locator('[data-testid="journal-line"]').count()).toBeGreaterThan(early);

    // A line of the Mesos master: clicking it selects that unit and puts the cursor at its event.
    await page.locator('[aria-label="Journal unit"]').selectOption('dcos-mesos-master');
    const line = page.locator('[data-testid="journal-line"]').filter({ hasText: 'Elected as the leading master' }).first();
    const hasElected = (await line.count()) > 0;
    const target = hasElected ? line : page.locator('[data-testid="journal-line"]').last();
    const simMs = Number(await target.getAttribute('data-sim-ms'));
    await target.click();
    const after = (await page.evaluate(() => {
      const s = (window as unknown as { __bootscope: { store: Store } }).__bootscope.store.getState();
      return { selected: s.selected, cursorMs: s.cursorMs };
    }));
    expect(after).toEqual({ selected: { node: 'master-1', unit: 'dcos-mesos-master' }, cursorMs: simMs });
    expect(await target.getAttribute('aria-current')).toBe('true');
    await page.locator('.tl-lane, [data-node="master-1"][data-unit="dcos-mesos-master"]').first().waitFor();
    await store(page, 's.getState().actions.setExplanation(null)');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'journal-panel-1366x768.png') });

    // From the event log back to the journal.
    await store(page, 's.getState().actions.setCursor(null)');
    await page.locator('[data-testid="log-tab-events"]').first().click();
    await page.locator('[aria-label="Filter by event type"]').selectOption('leader');
    const show = page.locator('.eventlog [data-testid="show-in-journal"]').first();
    await show.click();
    const focused = page.locator('[data-testid="journal-line"][aria-current="true"]');
    await expect.poll(() => focused.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await focused.first().textContent()).toMatch(/Elected as the leading master!|Leader won/);

    // A real boot of master-1 (a journalctl -o json export of host ip-10-0-0-1): divergences listed, ghost drawn.
    await store(page, 's.getState().actions.setCursor(null)');
    const fixture = readFileSync(path.join(ROOT_DIR, 'shared/journal/fixtures/dcos-master.journal.ndjson'), 'utf8').replaceAll('ip-10-0-4-17.us-west-2.compute.internal', 'ip-10-0-0-1');
    await page.locator('[data-testid="real-boot-upload"]').setInputFiles({ name: 'master-1.journal.json', mimeType: 'application/json', buffer: Buffer.from(fixture) });
    await page.locator('[data-testid="real-boot-summary"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid="real-boot-divergence"]').count()).toBeGreaterThan(0);
    const texts = await page.locator('[data-testid="real-boot-divergence"]').allTextContents();
    expect(texts.join('\n')).toMatch(/real Mesos DNS became ready \d\d:\d\d (later|earlier) than the model/);
    await expect.poll(() => page.locator('[data-ghost="true"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await store(page, "s.getState().actions.select({ node: 'master-1', unit: 'dcos-mesos-dns' })");
    await page.locator('[data-testid="log-tab-journal"]').first().click();
    await store(page, 's.getState().actions.setExplanation(null)');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'real-boot-overlay-1366x768.png') });
    const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    await page.context().close();
  });
});
