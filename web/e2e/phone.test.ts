// A phone-first viewer (issue 16), in Chromium with a presenter and a 390x844 student: while a narrated scenario's
// transcript grows, the student's picture of the cluster keeps at least 300 px of height, its units are 44 px
// targets, nothing runs off the screen, and a quiz offers every unit that can fail (OAuth on master-2 included).
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing } from './harness.ts';
import { measureBoard } from './boardMeasure.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const PHONE = { width: 390, height: 844 };

async function open(browser: Browser, url: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext(phone ? { viewport: PHONE, hasTouch: true, isMobile: true } : { viewport: { width: 1366, height: 768 } });
  await context.addInitScript('globalThis.__name = f => f');
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

function call(page: Page, method: string, ...args: unknown[]): Promise<{ ok: boolean }> {
  return page.evaluate(([m, a]) => {
    const client = (globalThis as unknown as { __bootscope: { client: Record<string, (...x: unknown[]) => Promise<{ ok: boolean }>> } }).__bootscope.client;
    return client[m as string]!(...(a as unknown[]));
  }, [method, args] as const);
}

describe.skipIf(skip)('the phone viewer (Chromium, 390x844)', () => {
  const env = useServerAndBrowser();

  it('a student following a narrated scenario on a phone keeps a board of at least 300 px with 44 px units', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ scenario: 'slow-mesos-dns' }) });
    const urls = (await res.json()) as { presenterUrl: string; viewerUrl: string };
    const presenter = await open(env.browser, urls.presenterUrl, false);
    const phone = await open(env.browser, urls.viewerUrl, true);
    await call(presenter, 'control', { action: 'speed', speed: 50 });
    await call(presenter, 'control', { action: 'resume' });
    const heights: number[] = [];
    let lines = 0;
    for (let round = 0; round < 30 && lines < 4; round++) {
      await phone.waitForTimeout(700);
      if (await presenter.locator('[data-testid="narration-continue"]').count()) await presenter.locator('[data-testid="narration-continue"]').click();
      lines = await phone.locator('[data-testid="narration"]').count();
      const m = await measureBoard(phone);
      heights.push(m.board.height);
      expect(m.minCell.w).toBeGreaterThanOrEqual(44);
      expect(m.minCell.h).toBeGreaterThanOrEqual(44);
      expect(m.sideways).toBe(false);
      expect(m.unhooked).toBe(0);
    }
    console.log(`phone board heights while the narration grew to ${lines} lines: ${Math.min(...heights)}-${Math.max(...heights)} px`);
    expect(lines).toBeGreaterThanOrEqual(4);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(300);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The narration's time links are thumb-sized.
    const link = (await phone.locator('.narration-line__time').first().boundingBox())!;
    expect(Math.min(link.width, link.height)).toBeGreaterThanOrEqual(44);
  });

  it('a student on a phone can answer a quiz with any unit that can fail, OAuth on master-2 included', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 3, agents: 1, publicAgents: 0 } }) });
    const urls = (await res.json()) as { presenterUrl: string; viewerUrl: string };
    const presenter = await open(env.browser, urls.presenterUrl, false);
    const phone = await open(env.browser, urls.viewerUrl, true);
    expect((await call(presenter, 'quizAsk', { kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' })).ok).toBe(true);
    await phone.locator('[data-testid="quiz-panel"][data-phase="asking"]').waitFor({ timeout: 10_000 });
    await phone.locator('.quiz-list__others summary').nth(1).tap();
    const oauth = phone.locator('.quiz-unit[data-ref="master-2/dcos-oauth"]');
    await oauth.tap();
    await expect.poll(() => oauth.getAttribute('aria-pressed')).toBe('true');
    const box = (await oauth.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    // The board shows the same pick once its other units are unfolded, and a tap on a cell picks too.
    await phone.locator('[data-testid="board-others"]').tap();
    await expect.poll(() => phone.locator('.board-cell[data-node="master-2"][data-unit="dcos-oauth"]').getAttribute('data-quiz-picked')).toBe('true');
    await phone.locator('.board-cell[data-node="master-1"][data-unit="dcos-marathon"]').tap();
    await expect.poll(() => phone.locator('.quiz-unit[data-ref="master-1/dcos-marathon"]').getAttribute('aria-pressed')).toBe('true');
  });
});
