/**
 * README screenshots of the classroom (`node --import tsx web/e2e/classScreenshots.ts`), into docs/screenshots/:
 * - class-new.png (1366x768): the New class dialog with the links and the viewer link's QR code;
 * - class-presenter.png (1366x768): the presenter in presenter view, "ZooKeeper loses quorum" paused at its worst;
 * - class-viewer.png (1366x768): a student named Ana watching the same room, the presenter's controls disabled;
 * - class-phone.png and class-phone-timeline.png (390x844, touch): a student's phone, top of the page and the
 *   timeline strips with master-1 opened.
 * The room is made through the dialog itself, so the pictures show what a teacher does.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ROOT_DIR, chromiumMissing, control, launchBrowser, startServer, uniqueRoom } from './harness.ts';

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
  await teacher.locator('[data-testid="new-class"]').click();
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

async function runToWorst(presenter: Page): Promise<void> {
  await control(presenter, { action: 'speed', speed: 100 });
  await control(presenter, { action: 'resume' });
  await presenter.waitForFunction((ms) => {
    const w = globalThis as unknown as { __bootscope: { store: { getState(): { clock: { simTimeMs: number } } } } };
    return w.__bootscope.store.getState().clock.simTimeMs >= ms;
  }, WORST_MS, { timeout: 60_000, polling: 200 });
  await control(presenter, { action: 'pause' });
}

async function main(): Promise<void> {
  if (chromiumMissing()) process.exit(1);
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const presenter = await open(browser, `${server.url}/?room=${uniqueRoom('teacher')}`, DESK);
    const viewerUrl = await makeClass(presenter);
    await runToWorst(presenter);
    await presenter.locator('[data-testid="presenter-view"]').click();
    await presenter.locator('.narration .link-button').click().catch(() => undefined); // the banner would hide the graph
    await shoot(presenter, 'class-presenter');

    const viewer = await open(browser, viewerUrl, DESK);
    await pickName(viewer, 'Ana');
    await viewer.locator('.narration .link-button').click().catch(() => undefined);
    await shoot(viewer, 'class-viewer');

    const phone = await open(browser, viewerUrl, PHONE);
    await pickName(phone, 'Ben');
    await phone.locator('.narration .link-button').tap().catch(() => undefined);
    await shoot(phone, 'class-phone');
    await phone.locator('[data-testid="phone-timeline"] [data-node="master-1"] > button').tap();
    await phone.locator('[data-testid="phone-timeline"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(phone, 'class-phone-timeline');
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
