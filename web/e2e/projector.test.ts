// The projector-first board (issue 16): in Presenter view at 1366x768 and 1024x768, with a narrated scenario's
// narration docked, a fault in and Why? open, the back row reads the unit names (at least 16 and 14 px tall), every
// node's column is on screen, and each cell is a vertex with the §4 hooks.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, control, uniqueRoom } from './harness.ts';
import { measureBoard } from './boardMeasure.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

async function lesson(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { __bootscope: { client: { loadScenario(n: string): Promise<unknown> } } }).__bootscope.client.loadScenario('slow-mesos-dns'));
  await control(page, { action: 'speed', speed: 20 });
  await control(page, { action: 'resume' });
  await page.locator('[data-testid="narration-dock"] [data-testid="narration"]').first().waitFor({ timeout: 20_000 });
  const cell = page.locator('.board-cell[data-node="master-2"][data-unit="dcos-exhibitor"]');
  await cell.click();
  await page.locator('[data-testid="fault-menu"] [data-action^="stop"]').first().click();
  await page.locator('[data-testid="toasts"], .eventlog').first().waitFor();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 15_000 }).toMatch(/stopped|failed/);
  await cell.click();
  await page.locator('[data-testid="fault-menu"] [data-action="explain"]').first().click();
  await page.locator('[data-testid="explain-root"]').waitFor({ timeout: 15_000 });
}

describe.skipIf(skip)('the board on a projector (Chromium, Presenter view)', () => {
  const env = useServerAndBrowser();

  for (const [width, height, minName] of [[1366, 768, 16], [1024, 768, 14]] as const) {
    it(`at ${width}x${height} the back row reads every unit name (≥ ${minName} px) with the narration docked, a fault in and Why? open`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height } });
      await context.addInitScript('globalThis.__name = f => f');
      await context.addInitScript("localStorage.setItem('bootscope-presenter-view', '1')");
      const page = await context.newPage();
      await page.goto(`${env.server.url}/?room=${uniqueRoom('e2e-projector')}`);
      await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
      await lesson(page);
      const m = await measureBoard(page);
      console.log(`board at ${width}x${height}: names ${m.nameHeights[0]}-${m.nameHeights.at(-1)} px tall (font ${m.minFontPx} px), ${m.cells} cells, smallest ${m.minCell.w}x${m.minCell.h}, board ${m.board.width}x${m.board.height}`);
      expect(m.nameHeights.length).toBeGreaterThanOrEqual(7);
      expect(m.nameHeights[0]).toBeGreaterThanOrEqual(minName);
      expect(m.minFontPx).toBeGreaterThanOrEqual(minName);
      expect(m.sideways).toBe(false);
      expect(m.unhooked).toBe(0);
      expect(m.cells).toBeGreaterThanOrEqual(3 * 6 + 3 * 2);
      expect(m.board.bottom).toBeLessThanOrEqual(height);
      await page.screenshot({ path: `/tmp/ui/proj-${width}.png` });
      // Why? takes the sidebar: the root cause in full, not cut to a line.
      const why = (await page.locator('[data-testid="explain"]').boundingBox())!;
      expect(why.height).toBeGreaterThan(300);
      // The narration is docked beside the board, not over it.
      const dock = (await page.locator('[data-testid="narration-dock"]').boundingBox())!;
      const board = (await page.locator('[data-testid="dag-view"]').boundingBox())!;
      expect(dock.x).toBeGreaterThanOrEqual(board.x + board.width - 1);
      await context.close();
    });
  }
});
