// "Follow the presenter" brings a student back (issue 16), in Chromium with a presenter and a student context: the
// student looks at another unit on their own, presses Follow, and from then on the presenter's selections arrive.
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

const vertex = (page: Page, node: string, unit: string) => page.locator(`.dag-vertex[data-node="${node}"][data-unit="${unit}"]`).first();

/** Selecting a unit is explaining it: click it, then Explain in its fault menu. */
async function explain(page: Page, node: string, unit: string): Promise<void> {
  await vertex(page, node, unit).click();
  await page.locator('[data-testid="fault-menu"] [data-action="explain"]').first().click();
}

/** The page's selection and following flag, read from the store (architecture §9). */
function focus(page: Page): Promise<{ unit: string | null; following: boolean }> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __bootscope: { store: { getState(): { selected: { unit: string } | null; following: boolean } } } }).__bootscope.store.getState();
    return { unit: s.selected?.unit ?? null, following: s.following };
  });
}

describe.skipIf(skip)('follow the presenter (Chromium, presenter and student)', () => {
  const env = useServerAndBrowser();

  it('a student who looked around and pressed Follow sees the presenter’s next selection', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 1, agents: 1, publicAgents: 0 } }) });
    expect(res.status).toBe(201);
    const urls = (await res.json()) as { presenterUrl: string; viewerUrl: string };
    const presenter = await open(env.browser, urls.presenterUrl);
    const student = await open(env.browser, urls.viewerUrl);
    await expect.poll(() => student.locator('[data-testid="class-bar"]').getAttribute('data-following')).toBe('true');

    await explain(presenter, 'master-1', 'dcos-exhibitor');
    await expect.poll(() => focus(student).then((f) => f.unit), { timeout: 10_000 }).toBe('dcos-exhibitor');

    // The student looks at another unit: exploring on their own.
    await explain(student, 'master-1', 'dcos-mesos-master');
    await expect.poll(() => student.locator('[data-testid="class-bar"]').getAttribute('data-following')).toBe('false');
    expect((await focus(student)).unit).toBe('dcos-mesos-master');

    // Follow: back to the presenter's unit, and following stays on.
    await student.locator('[data-testid="follow-toggle"]').click();
    await expect.poll(() => focus(student)).toEqual({ unit: 'dcos-exhibitor', following: true });
    expect(await student.locator('[data-testid="class-bar"]').getAttribute('data-following')).toBe('true');

    // The presenter's next selection arrives.
    await explain(presenter, 'master-1', 'dcos-net');
    await expect.poll(() => focus(student), { timeout: 10_000 }).toEqual({ unit: 'dcos-net', following: true });
    expect(await student.locator('[data-testid="class-bar"] [role="status"]').textContent()).toContain('Following the presenter');
  });

  it('a student in a class room that waits at 0:00 reads "waiting for the presenter to start"; the presenter lets students inject', async () => {
    const res = await fetch(`${env.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify({ cluster: { masters: 1, agents: 1, publicAgents: 0 } }) });
    const urls = (await res.json()) as { presenterUrl: string; viewerUrl: string };
    const presenter = await open(env.browser, urls.presenterUrl);
    const student = await open(env.browser, urls.viewerUrl);
    await student.locator('[data-testid="waiting-to-start"]').getByText('Waiting for the presenter to start').waitFor({ timeout: 10_000 });
    expect(await presenter.locator('[data-testid="waiting-to-start"]').count()).toBe(0);
    // The students' stop is locked until the presenter flips the switch.
    await vertex(student, 'master-1', 'dcos-exhibitor').click();
    expect(await student.locator('[data-testid="fault-menu"] [data-action^="stop"]').first().getAttribute('aria-disabled')).toBe('true');
    await student.keyboard.press('Escape');
    await presenter.locator('[data-testid="students-may-inject"]').click();
    await expect.poll(() => presenter.locator('[data-testid="students-may-inject"]').isChecked()).toBe(true);
    await expect.poll(() => student.evaluate(() => (globalThis as unknown as { __bootscope: { store: { getState(): { policy: { studentsMayInject: boolean } } } } }).__bootscope.store.getState().policy.studentsMayInject)).toBe(true);
    await vertex(student, 'master-1', 'dcos-exhibitor').click();
    expect(await student.locator('[data-testid="fault-menu"] [data-action^="stop"]').first().getAttribute('aria-disabled')).toBeNull();
    await student.keyboard.press('Escape');
    // Once the presenter starts, the notice goes.
    await presenter.locator('[data-testid="pause"]').click();
    await expect.poll(() => student.locator('[data-testid="waiting-to-start"]').count(), { timeout: 10_000 }).toBe(0);
  });
});
