// The classroom's screens in Chromium, as a teacher and students use them: the New class dialog (by keyboard, with
// the server's refusals, links and QR code, "Open as presenter" without the key ever in the address bar), a student's
// display name (escaped, remembered, sent again after a reload), a student's phone (390x844 with touch: the verdict,
// then the graph with pinch and drag, then Why?, the timeline as strips, nothing off screen, 44 px targets), and the
// presenter view (remembered, larger type, a taller timeline, a foldable log).
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, uniqueRoom, toolbarControl } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function open(browser: Browser, url: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { viewport: PHONE, hasTouch: true, isMobile: true } : { viewport: DESK });
  await context.addInitScript('globalThis.__name = f => f');
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="cluster-health"]').waitFor({ timeout: 30_000 });
  return page;
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

async function inject(page: Page, fault: object): Promise<void> {
  const result = await page.evaluate(async (f) => {
    const w = globalThis as unknown as { __bootscope: { client: { inject(x: unknown): Promise<{ ok: boolean; error?: string }> } } };
    return w.__bootscope.client.inject(f);
  }, fault);
  expect(result).toMatchObject({ ok: true });
}

/** Every visible control outside the graph's drawing (which pinch-zooms) that is smaller than 44 px either way. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, a[href], [role="button"], [role="menuitem"]')) {
      if (el.closest('.dag-svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) small.push(`${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
  });
}

/** The DAG's camera, as d3-zoom wrote it on the viewport group. */
async function dagCamera(page: Page): Promise<{ x: number; y: number; k: number }> {
  const transform = await page.locator('.dag-pane .dag-svg > g[transform]').first().getAttribute('transform');
  const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`no camera in ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
}

describe.skipIf(skip)('classroom screens (Chromium)', () => {
  const env = useServerAndBrowser();

  it('a teacher makes a class by keyboard, reads a refusal, gets the links and a QR code, and opens it as presenter', async () => {
    const page = await open(env.browser, `${env.server.url}/?room=${uniqueRoom('e2e-newclass')}`);
    const button = await toolbarControl(page, 'new-class');
    const dialog = page.locator('[data-testid="new-class-dialog"]');
    await button.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await focusedTestId(page)).toBe('new-class-scenario');
    // Focus stays inside while tabbing; Escape closes and gives focus back to the toolbar button.
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="new-class-dialog"]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('new-class');

    await button.click();
    await page.locator('[data-testid="new-class-name"]').fill('Not Valid!');
    await page.locator('[data-testid="new-class-create"]').click();
    expect(await page.locator('[data-testid="new-class-error"]').textContent()).toContain('room names are 1-32 characters');

    await page.locator('[data-testid="new-class-name"]').fill('');
    await page.locator('[data-testid="new-class-scenario"]').selectOption('zk-quorum-loss');
    expect(await page.locator('[data-testid="new-class-masters"]').isDisabled()).toBe(true); // the scenario brings its cluster
    await page.locator('[data-testid="new-class-create"]').click();
    await page.locator('[data-testid="class-links"]').waitFor();
    expect(await focusedTestId(page)).toBe('open-as-presenter');
    const viewerLink = await page.locator('[data-testid="viewer-link"]').inputValue();
    const shownPresenterLink = await page.locator('[data-testid="presenter-link"]').inputValue();
    expect(viewerLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?room=class-[a-z0-9-]+$/);
    expect(shownPresenterLink).toBe(`${viewerLink}#key=••••••••`);
    expect((await page.locator('[data-testid="viewer-qr"] path').getAttribute('d'))!.length).toBeGreaterThan(200);
    expect(await page.locator('[data-testid="viewer-qr"]').getAttribute('aria-label')).toContain(viewerLink);

    await page.locator('[data-testid="open-as-presenter"]').click();
    await page.waitForURL(viewerLink.replace(/^http:\/\/[^/]+/, '**'));
    await page.locator('[data-testid="cluster-health"]').waitFor();
    expect(page.url()).toBe(viewerLink);
    await expect.poll(() => page.locator('[data-testid="presenter-controls"] button').first().isDisabled()).toBe(false);
    expect(await page.locator('.scenario-title').first().textContent()).toBe('ZooKeeper loses quorum');
  });

  it('a student names themself once: the log says who did what, as text, and the name survives a reload', async () => {
    const page = await open(env.browser, `${env.server.url}/?room=${uniqueRoom('e2e-name')}`);
    await page.locator('[data-testid="viewer-name"]').click();
    await page.locator('[data-testid="viewer-name-input"]').fill('<b>Ana</b>');
    await page.locator('[data-testid="viewer-name-save"]').click();
    await expect.poll(() => page.locator('[data-testid="viewer-name"]').textContent()).toBe('<b>Ana</b>');
    await inject(page, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    await page.getByText('viewer <b>Ana</b>: stop', { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.eventlog b').count()).toBe(0);

    await page.reload();
    await page.locator('[data-testid="cluster-health"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="viewer-name"]').textContent()).toBe('<b>Ana</b>');
    await inject(page, { kind: 'crash', node: 'agent-1' });
    await page.getByText('viewer <b>Ana</b>: crash agent-1', { exact: false }).first().waitFor({ timeout: 15_000 });
  });

  it("a student's phone: verdict, then the board (or the graph: pinch, drag), then Why?, strips per node, nothing off screen, 44 px targets", async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 3, agents: 2, publicAgents: 1 } }) });
    const { presenterUrl, viewerUrl } = (await res.json()) as { presenterUrl: string; viewerUrl: string };
    const presenter = await open(env.browser, presenterUrl);
    await presenter.evaluate(async () => {
      const w = globalThis as unknown as { __bootscope: { client: { control(c: unknown): Promise<unknown> } } };
      await w.__bootscope.client.control({ action: 'speed', speed: 50 });
      await w.__bootscope.client.control({ action: 'resume' });
    });
    const phone = await open(env.browser, viewerUrl, true);
    await phone.locator('[data-testid="phone-timeline"]').waitFor();

    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const top = (sel: string) => phone.locator(sel).first().evaluate((el) => el.getBoundingClientRect().top);
    const [health, dag, explain, strips] = [await top('.health-panel'), await top('.dag-pane'), await top('.explain'), await top('[data-testid="phone-timeline"]')];
    expect(health).toBeLessThan(dag);
    expect(dag).toBeLessThan(explain);
    expect(explain).toBeLessThan(strips);
    expect((await phone.locator('.dag-pane').boundingBox())!.width).toBeGreaterThan(300);
    expect(await smallTargets(phone)).toEqual([]);

    // The toolbar folds behind one button; unfolded it wraps inside the screen, still with thumb-sized controls.
    expect(await phone.locator('[data-testid="clear-faults"]').isVisible()).toBe(false);
    await phone.locator('[data-testid="toolbar-more"]').tap();
    expect(await phone.locator('[data-testid="clear-faults"]').isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await smallTargets(phone)).toEqual([]);
    await phone.locator('[data-testid="toolbar-more"]').tap();

    // One strip per node; a tap shows the node's units (with the UI hooks), a tap on a unit opens its menu on screen.
    const nodeRow = phone.locator('[data-testid="phone-timeline"] [data-node="master-1"] > button');
    await nodeRow.tap();
    const unitRow = phone.locator('[data-testid="phone-timeline"] button[data-node="master-1"][data-unit="dcos-exhibitor"]');
    expect(await unitRow.getAttribute('aria-label')).toMatch(/^dcos-exhibitor on master-1: [a-z]+$/);
    expect(await smallTargets(phone)).toEqual([]);
    await unitRow.tap();
    const menu = phone.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor();
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await phone.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    // The phone shows the board; ⇄ Graph switches to the dependency graph, which pinches and drags, through real touch
    // events (d3-zoom's touch handlers).
    expect(await phone.locator('[data-testid="dag-view"][data-board="true"]').count()).toBe(1);
    await phone.locator('[data-testid="dag-switch"]').tap();
    await phone.locator('.dag-pane .dag-svg').waitFor();
    await phone.locator('.dag-pane').scrollIntoViewIfNeeded();
    const svg = (await phone.locator('.dag-pane .dag-svg').boundingBox())!;
    const cx = svg.x + svg.width / 2;
    const cy = svg.y + svg.height / 2;
    const cdp = await phone.context().newCDPSession(phone);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    const before = await dagCamera(phone);
    await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
    for (let step = 1; step <= 6; step++) await touch('touchMove', [[cx - 20 - step * 15, cy], [cx + 20 + step * 15, cy]]);
    await touch('touchEnd', []);
    const pinched = await dagCamera(phone);
    expect(pinched.k).toBeGreaterThan(before.k * 1.5);
    await touch('touchStart', [[cx, cy]]);
    for (let step = 1; step <= 5; step++) await touch('touchMove', [[cx - step * 20, cy + step * 10]]);
    await touch('touchEnd', []);
    const dragged = await dagCamera(phone);
    expect(dragged.k).toBeCloseTo(pinched.k, 5);
    expect(dragged.x).toBeLessThan(pinched.x - 50);
  });

  it('presenter view: a toolbar toggle, remembered, with larger type, the service board given more of the column and a log that folds', async () => {
    const page = await open(env.browser, `${env.server.url}/?room=${uniqueRoom('e2e-pview')}`);
    await page.locator('[data-testid="timeline"]').waitFor({ timeout: 30_000 });
    const measure = () => page.evaluate(() => ({
      font: Number.parseFloat(getComputedStyle(document.body).fontSize),
      dag: document.querySelector('.dag-pane')!.getBoundingClientRect().height,
      board: document.querySelector('[data-testid="dag-view"][data-board="true"]') !== null,
      log: document.querySelector('.eventlog-scroll')?.getBoundingClientRect().height ?? 0,
    }));
    const normal = await measure();
    expect(await page.locator('[data-testid="log-fold"]').isVisible()).toBe(false);

    await (await toolbarControl(page, 'presenter-view')).click();
    expect(await page.locator('[data-testid="presenter-view"]').getAttribute('aria-pressed')).toBe('true');
    const presenting = await measure();
    expect(presenting.font).toBeGreaterThan(normal.font);
    expect(normal.board).toBe(false);
    expect(presenting.board).toBe(true);
    expect(presenting.dag).toBeGreaterThan(normal.dag + 40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESK.width);

    await page.locator('[data-testid="log-fold"]').click();
    expect((await measure()).log).toBe(0);
    await page.reload();
    await page.locator('[data-testid="cluster-health"]').waitFor();
    expect(await page.locator('[data-testid="presenter-view"]').getAttribute('aria-pressed')).toBe('true');
    expect((await measure()).log).toBe(0);

    // Back to the normal layout: the log is there again (folding belongs to presenter view).
    await (await toolbarControl(page, 'presenter-view')).click();
    expect((await measure()).log).toBeGreaterThan(100);
    expect((await measure()).font).toBe(normal.font);
  });
});
