/**
 * Screenshots of the room as a class reads it: `node --import tsx web/e2e/projectorScreenshots.ts` saves to
 * docs/screenshots/:
 * - projector-1366.png and projector-1024.png: the presenter's page in Presenter view at 1366x768 and 1024x768, the
 *   "Slow Mesos-DNS at boot" narration docked, Exhibitor stopped on master-2 and Why? open on it;
 * - phone-following.png (390x844, touch): a student following the same kind of narrated lesson on a phone;
 * - phone-quiz.png (390x844, touch): the student answering "what fails if the presenter stops Exhibitor on
 *   master-2?" with OAuth on master-2 picked from the list.
 * It prints the measured label heights and the phone board's height, the numbers of the closing note.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ROOT_DIR, control, runWithServerAndBrowser, uniqueRoom } from './harness.ts';
import { measureBoard } from './boardMeasure.ts';

const OUT_DIR = path.join(ROOT_DIR, 'docs', 'screenshots');
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

async function open(browser: Browser, url: string, options: BrowserContextOptions, presenterView = false): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript('globalThis.__name = f => f');
  await context.addInitScript("localStorage.setItem('bootscope-theme', 'light')");
  if (presenterView) await context.addInitScript("localStorage.setItem('bootscope-presenter-view', '1')");
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(ROOT_DIR, file)}`);
}

function call(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(([m, a]) => {
    const client = (globalThis as unknown as { __bootscope: { client: Record<string, (...x: unknown[]) => Promise<unknown>> } }).__bootscope.client;
    return client[m as string]!(...(a as unknown[]));
  }, [method, args] as const);
}

async function projector(browser: Browser, base: string, width: number): Promise<void> {
  const page = await open(browser, `${base}/?room=${uniqueRoom('shots-projector')}`, { viewport: { width, height: 768 } }, true);
  await call(page, 'loadScenario', 'slow-mesos-dns');
  await control(page, { action: 'speed', speed: 20 });
  await control(page, { action: 'resume' });
  await page.waitForTimeout(6_000);
  await page.locator('[data-testid="narration-dock"] [data-testid="narration"]').first().waitFor({ timeout: 20_000 });
  const cell = page.locator('.board-cell[data-node="master-2"][data-unit="dcos-exhibitor"]');
  await cell.click();
  await page.locator('[data-testid="fault-menu"] [data-action^="stop"]').first().click();
  await page.waitForTimeout(1_500);
  await cell.click();
  await page.locator('[data-testid="fault-menu"] [data-action="explain"]').first().click();
  await page.locator('[data-testid="explain-root"]').waitFor({ timeout: 15_000 });
  await control(page, { action: 'pause' });
  const m = await measureBoard(page);
  console.log(`projector ${width}x768: unit names ${m.nameHeights[0]}-${m.nameHeights.at(-1)} px tall (font ${m.minFontPx} px), cells ≥ ${m.minCell.w}x${m.minCell.h}`);
  await shoot(page, `projector-${width}`);
  await page.context().close();
}

async function phone(browser: Browser, base: string): Promise<void> {
  const res = await fetch(`${base}/api/rooms`, { method: 'POST', body: JSON.stringify({ scenario: 'slow-mesos-dns' }) });
  const urls = (await res.json()) as { presenterUrl: string; viewerUrl: string };
  const presenter = await open(browser, urls.presenterUrl, { viewport: { width: 1366, height: 768 } });
  const student = await open(browser, urls.viewerUrl, PHONE);
  await control(presenter, { action: 'speed', speed: 50 });
  await control(presenter, { action: 'resume' });
  const heights: number[] = [];
  for (let i = 0; i < 30 && (await student.locator('[data-testid="narration"]').count()) < 4; i++) {
    await student.waitForTimeout(700);
    if (await presenter.locator('[data-testid="narration-continue"]').count()) await presenter.locator('[data-testid="narration-continue"]').click();
    heights.push((await measureBoard(student)).board.height);
  }
  console.log(`phone: board ${Math.min(...heights)}-${Math.max(...heights)} px tall while the narration grew to ${await student.locator('[data-testid="narration"]').count()} lines`);
  await control(presenter, { action: 'pause' });
  await student.locator('[data-testid="class-bar"]').scrollIntoViewIfNeeded();
  await student.evaluate(() => window.scrollTo(0, (document.querySelector('.dag-pane') as HTMLElement).getBoundingClientRect().top + window.scrollY - 60));
  await shoot(student, 'phone-following');

  await call(presenter, 'quizAsk', { kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' });
  await student.locator('[data-testid="quiz-panel"][data-phase="asking"]').waitFor({ timeout: 10_000 });
  await student.locator('.quiz-list__others summary').nth(1).tap();
  await student.locator('.quiz-unit[data-ref="master-2/dcos-oauth"]').tap();
  await student.locator('.quiz-unit[data-ref="master-1/dcos-mesos-master"]').tap();
  await student.locator('.quiz-unit[data-ref="master-2/dcos-oauth"]').scrollIntoViewIfNeeded();
  await shoot(student, 'phone-quiz');
  await presenter.context().close();
  await student.context().close();
}

runWithServerAndBrowser(async (server, browser) => {
  mkdirSync(OUT_DIR, { recursive: true });
  await projector(browser, server.url, 1366);
  await projector(browser, server.url, 1024);
  await phone(browser, server.url);
});
