// The toolbar never runs off the window (issue 16; architecture §9): at every width a teacher's laptop or a projector
// has, each control is drawn inside the window or folded behind the visible "More" button, which opens them inside it.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing } from './harness.ts';
import { measureToolbar } from './toolbarFit.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const WIDTHS = [761, 900, 1024, 1200, 1366, 1920];

async function open(browser: Browser, url: string, width: number, presenterView: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 768 } });
  await context.addInitScript('globalThis.__name = f => f');
  if (presenterView) await context.addInitScript("localStorage.setItem('bootscope-presenter-view', '1')");
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

describe.skipIf(skip)('the toolbar at every width (Chromium)', () => {
  const env = useServerAndBrowser();

  for (const presenterView of [false, true]) {
    it(`the teacher reaches every control at 761-1920 px${presenterView ? ' in Presenter view' : ''}`, async () => {
      for (const width of WIDTHS) {
        const page = await open(env.browser, `${env.server.url}/`, width, presenterView);
        const fit = await measureToolbar(page);
        expect({ width, outside: fit.outside, lost: fit.lost }).toEqual({ width, outside: [], lost: [] });
        expect(fit.shown.length + fit.folded.length).toBeGreaterThanOrEqual(9);
        if (fit.folded.length > 0) {
          // "More" opens the folded controls, each inside the window.
          await page.locator('[data-testid="toolbar-overflow"]').click();
          const opened = await measureToolbar(page);
          expect({ width, outside: opened.outside, folded: opened.folded }).toEqual({ width, outside: [], folded: [] });
          await page.locator('[data-testid="presenter-view"]').waitFor({ state: 'visible' });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.context().close();
      }
    });
  }

  it('a student in a class room reads the lock note and every control stays inside the window', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 1, agents: 1, publicAgents: 0 } }) });
    const { viewerUrl } = (await res.json()) as { viewerUrl: string };
    for (const width of [761, 1024, 1366]) {
      const page = await open(env.browser, viewerUrl, width, false);
      await page.locator('[data-testid="presenter-note"]').waitFor();
      const fit = await measureToolbar(page);
      expect({ width, outside: fit.outside, lost: fit.lost }).toEqual({ width, outside: [], lost: [] });
      await page.context().close();
    }
  });
});
