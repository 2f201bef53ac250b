/**
 * README screenshots of the classroom (`node --import tsx web/e2e/classScreenshots.ts`), into docs/screenshots/:
 * - class-new.png (1366x768): the New class dialog with the links and the viewer link's QR code;
 * - class-presenter.png (1366x768): the presenter in presenter view, "ZooKeeper loses quorum" paused at its worst;
 * - class-viewer.png (1366x768): a student named Ana watching the same room, the presenter's controls disabled;
 * - class-phone.png and class-phone-timeline.png (390x844, touch): a student's phone, top of the page and the
 *   timeline strips with master-1 opened;
 * - class-narration-wait.png (1366x768): the scenario paused at its narration, waiting for the presenter's →;
 * - class-quiz-phone.png (390x844, touch): a student answering "what will fail?" from the list on a phone;
 * - class-quiz-reveal.png and class-quiz-student.png (1366x768): the reveal on the projector (heat map of the
 *   class's votes, what failed, what nobody expected) and a student's own score.
 * The room is made through the dialog itself, so the pictures show what a teacher does.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ROOT_DIR, control, runWithServerAndBrowser, uniqueRoom, toolbarControl } from './harness.ts';

const OUT_DIR = path.join(ROOT_DIR, 'docs', 'screenshots');
const DESK: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
/** The scenario's worst moment: quorum lost, the cluster Unhealthy, Mesos-DNS restarting (zk-quorum-loss.json). */
const WORST_MS = 560_000;

async function open(browser: Browser, url: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript('globalThis.__name = f => f');
  // A fresh profile per picture: light theme, normal layout, no remembered name.
  await context.addInitScript("localStorage.setItem('bootscope-theme', 'light')");
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700); // transitions and the clock settle
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(ROOT_DIR, file)}`);
}

async function pickName(page: Page, name: string): Promise<void> {
  await page.locator('[data-testid="viewer-name"]').click();
  await page.locator('[data-testid="viewer-name-input"]').fill(name);
  await page.locator('[data-testid="viewer-name-save"]').click();
  await page.locator('[data-testid="viewer-name-input"]').waitFor({ state: 'detached' });
}

/** The teacher's tab: New class → links → Open as presenter. Returns the viewer link. */
async function makeClass(teacher: Page): Promise<string> {
  await (await toolbarControl(teacher, 'new-class')).click();
  await teacher.locator('[data-testid="new-class-scenario"]').selectOption('zk-quorum-loss');
  await teacher.locator('[data-testid="new-class-create"]').click();
  await teacher.locator('[data-testid="viewer-qr"]').waitFor();
  await shoot(teacher, 'class-new');
  const viewerUrl = await teacher.locator('[data-testid="viewer-link"]').inputValue();
  await teacher.locator('[data-testid="open-as-presenter"]').click();
  await teacher.waitForURL(viewerUrl.replace(/^http:\/\/[^/]+/, '**'));
  await teacher.locator('[data-testid="cluster-health"]').waitFor();
  return viewerUrl;
}

type StoreWindow = { __bootscope: { store: { getState(): { clock: { simTimeMs: number }; waiting: boolean } } } };

/** Play at 100x to the worst moment; the first narration that waits for the presenter is photographed, then continued. */
async function runToWorst(presenter: Page): Promise<void> {
  await control(presenter, { action: 'speed', speed: 100 });
  await control(presenter, { action: 'resume' });
  let photographed = false;
  for (;;) {
    await presenter.waitForFunction((ms) => {
      const state = (globalThis as unknown as StoreWindow).__bootscope.store.getState();
      return state.waiting || state.clock.simTimeMs >= ms;
    }, WORST_MS, { timeout: 60_000, polling: 100 });
    const waiting = await presenter.evaluate(() => (globalThis as unknown as StoreWindow).__bootscope.store.getState().waiting);
    if (!waiting) break;
    if (!photographed) await shoot(presenter, 'class-narration-wait');
    photographed = true;
    await presenter.locator('[data-testid="narration-continue"]').click();
  }
  await control(presenter, { action: 'pause' });
}

/** A quiz round in a fresh class room: the presenter asks, Ana picks on the graph, Ben on his phone; then the reveal. */
async function quizRound(browser: Browser, baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 3, agents: 2, publicAgents: 1 } }) });
  const { presenterUrl, viewerUrl } = (await res.json()) as { presenterUrl: string; viewerUrl: string };
  const presenter = await open(browser, presenterUrl, DESK);
  await control(presenter, { action: 'speed', speed: 100 });
  await control(presenter, { action: 'resume' });
  await presenter.locator('[data-testid="cluster-health"]').getByText('Healthy', { exact: true }).waitFor({ timeout: 60_000 });
  await control(presenter, { action: 'pause' });
  const ana = await open(browser, viewerUrl, DESK);
  await pickName(ana, 'Ana');
  const ben = await open(browser, viewerUrl, PHONE);
  await pickName(ben, 'Ben');

  await presenter.locator('.dag-vertex[data-node="master-2"][data-unit="dcos-exhibitor"]').first().click();
  await presenter.locator('[data-testid="ask-the-class"]').click();
  await presenter.locator('[data-testid="fault-menu"] [data-action^="stop"]').first().click();

  await ana.locator('[data-testid="quiz-panel"]').waitFor();
  for (const unit of ['dcos-exhibitor', 'dcos-mesos-master', 'dcos-mesos-dns']) {
    await ana.locator(`.dag-vertex[data-node="master-2"][data-unit="${unit}"]`).first().click();
  }
  await ana.locator('[data-testid="quiz-send"]').click();

  await ben.locator('[data-testid="quiz-panel"]').waitFor();
  await ben.locator('.quiz-unit[data-ref="master-2/dcos-exhibitor"]').tap();
  await ben.locator('.quiz-unit[data-ref="master-2/dcos-marathon"]').tap();
  await ben.locator('.quiz-unit[data-ref="master-2/dcos-marathon"]').scrollIntoViewIfNeeded();
  await shoot(ben, 'class-quiz-phone');
  await ben.locator('[data-testid="quiz-send"]').tap();

  await presenter.locator('[data-testid="quiz-count"]').getByText('2').waitFor();
  await presenter.locator('[data-testid="quiz-reveal"]').click();
  await ana.locator('[data-testid="quiz-mine"]').waitFor();
  await shoot(presenter, 'class-quiz-reveal');
  await shoot(ana, 'class-quiz-student');
}

runWithServerAndBrowser(async (server, browser) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const presenter = await open(browser, `${server.url}/?room=${uniqueRoom('teacher')}`, DESK);
  const viewerUrl = await makeClass(presenter);
  await runToWorst(presenter);
  await (await toolbarControl(presenter, 'presenter-view')).click();
  await shoot(presenter, 'class-presenter');

  const viewer = await open(browser, viewerUrl, DESK);
  await pickName(viewer, 'Ana');
  await shoot(viewer, 'class-viewer');

  const phone = await open(browser, viewerUrl, PHONE);
  await pickName(phone, 'Ben');
  await shoot(phone, 'class-phone');
  await phone.locator('[data-testid="phone-timeline"] [data-node="master-1"] > button').tap();
  await phone.locator('[data-testid="phone-timeline"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shoot(phone, 'class-phone-timeline');
  await quizRound(browser, server.url);
});
