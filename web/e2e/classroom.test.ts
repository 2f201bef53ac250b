// The classroom in Chromium: a teacher makes a class room (POST /api/rooms), opens the presenter link (the key leaves
// the address bar at once) and drives it; a student opens the viewer link and finds the presenter's controls
// disabled, saying why, and the teacher's fault in the log with who did it.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript('globalThis.__name = f => f');
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

describe.skipIf(skip)('classroom (Chromium)', () => {
  const env = useServerAndBrowser();

  it('the presenter drives, a viewer watches with the controls disabled and reads who did what', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 1, agents: 1, publicAgents: 0 } }) });
    expect(res.status).toBe(201);
    const { presenterUrl, viewerUrl, presenterKey } = (await res.json()) as { presenterUrl: string; viewerUrl: string; presenterKey: string };

    const presenter = await open(env.browser, presenterUrl);
    expect(presenter.url()).not.toContain(presenterKey);
    expect(await presenter.evaluate(() => Object.values(sessionStorage))).toContain(presenterKey);
    await expect.poll(() => presenter.locator('[data-testid="presenter-controls"] button').first().isDisabled()).toBe(false);

    const viewer = await open(env.browser, viewerUrl);
    await expect.poll(() => viewer.locator('[data-testid="presenter-controls"] button').first().isDisabled()).toBe(true);
    expect(await viewer.locator('[data-testid="scenario"]').isDisabled()).toBe(true);
    await expect.poll(() => viewer.locator('[data-testid="presenter-note"]').textContent()).toBe('the presenter controls this room');
    expect(await viewer.locator('[data-testid="clear-faults"]').getAttribute('title')).toBe('the presenter controls this room');

    // The presenter's fault reaches the viewer's log, saying who did it.
    const result = await presenter.evaluate(async () => {
      const w = globalThis as unknown as { __bootscope: { client: { inject(f: unknown): Promise<{ ok: boolean; error?: string }> } } };
      return w.__bootscope.client.inject({ kind: 'crash', node: 'agent-1' });
    });
    expect(result).toMatchObject({ ok: true });
    await viewer.getByText('presenter: crash agent-1', { exact: false }).first().waitFor({ timeout: 15_000 });
  });
});
