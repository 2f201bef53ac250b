// The class's path through the dashboard in a real Chromium against the real server: boot to Healthy,
// stop Exhibitor on master-1 by clicking its vertex, see the cluster turn Unhealthy and the vertex
// failed (Exhibitor is a JVM: exit 143 on SIGTERM leaves the unit failed in 1.11), explain a unit that now suffers, clear faults back to Healthy, and reload mid-run without
// losing or duplicating anything.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, control, openDashboard, startServer, uniqueRoom, waitForHealth } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

interface PageState {
  lastSeq: number;
  epoch: number;
  logSeqs: number[];
  vertices: string[];
  health: string;
}

/** What a viewer shows, read from the DOM hooks (data-*) plus the store's seq bookkeeping. */
async function readState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const w = window as unknown as { __bootscope: { store: { getState(): { lastSeq: number; epoch: number; log: { seq: number }[] } } } };
    const s = w.__bootscope.store.getState();
    const vertices = [...document.querySelectorAll('.dag-pane [data-node][data-unit][data-state]')]
      .map((el) => `${el.getAttribute('data-node')}/${el.getAttribute('data-unit')}=${el.getAttribute('data-state')}`)
      .sort();
    return {
      lastSeq: s.lastSeq,
      epoch: s.epoch,
      logSeqs: s.log.map((e) => e.seq),
      vertices,
      health: document.querySelector('[data-testid="cluster-health"]')?.textContent ?? '',
    };
  });
}

const vertex = (page: Page, node: string, unit: string) => page.locator(`.dag-pane [data-node="${node}"][data-unit="${unit}"]`).first();

describe.skipIf(skip)('dashboard in Chromium', () => {
  const env = useServerAndBrowser();

  it('boots to Healthy, breaks on Stop, explains, and recovers on Clear', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-break'));
    await page.locator('[data-testid="speed"]').selectOption('100');
    await waitForHealth(page, 'Healthy', 90_000);
    // The projector layout: everything fits 1366x768, no page scroll in either direction.
    const fits = await page.evaluate(() => {
      const root = document.documentElement;
      return root.scrollHeight <= window.innerHeight && root.scrollWidth <= window.innerWidth;
    });
    expect(fits).toBe(true);

    // Click the Exhibitor vertex on master-1 and choose Stop from its menu.
    await vertex(page, 'master-1', 'dcos-exhibitor').click();
    const menu = page.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor();
    await menu.locator('[role="menuitem"][data-action="stop"]').click();
    await waitForHealth(page, 'Unhealthy', 30_000);
    await expect.poll(() => vertex(page, 'master-1', 'dcos-exhibitor').getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
    expect(await vertex(page, 'master-1', 'dcos-exhibitor').getAttribute('aria-label')).toBe('dcos-exhibitor on master-1: failed');

    // Some other unit on master-1 now suffers; Explain traces it back to the stopped Exhibitor.
    const sufferer = page.locator('.dag-pane [data-node="master-1"][data-unit]:not([data-unit="dcos-exhibitor"]):not([data-state="healthy"])').first();
    await sufferer.waitFor({ timeout: 30_000 });
    const unit = await sufferer.getAttribute('data-unit');
    await sufferer.click();
    await menu.locator('[role="menuitem"][data-action="explain"]').click();
    const chain = page.locator('[data-testid="explain-chain"] li');
    await expect.poll(() => chain.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const refs = await chain.evaluateAll((items) => items.map((li) => li.getAttribute('data-ref')));
    expect(refs[0]).toBe(`master-1/${unit}`);
    expect(refs.join(' ')).toMatch(/master-1\/dcos-exhibitor|fault:/);

    await page.locator('[data-testid="clear-faults"]').click();
    await waitForHealth(page, 'Healthy', 60_000);
    await expect.poll(() => vertex(page, 'master-1', 'dcos-exhibitor').getAttribute('data-state'), { timeout: 10_000 }).toBe('healthy');
    await page.context().close();
  });

  it('works from the keyboard: Enter opens a unit menu, Escape closes it, Space pauses, ? shows help', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-keys'));
    const exhibitor = vertex(page, 'master-2', 'dcos-exhibitor');
    await exhibitor.waitFor();
    await exhibitor.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-unit]')?.getAttribute('data-unit'))).toBe('dcos-exhibitor');

    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const pauseButton = page.locator('[data-testid="pause"]');
    await expect.poll(() => pauseButton.textContent()).toContain('Pause');
    await page.keyboard.press(' ');
    await expect.poll(() => pauseButton.textContent()).toContain('Resume');
    await page.keyboard.press(' ');
    await expect.poll(() => pauseButton.textContent()).toContain('Pause');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'How to use Bootscope' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // A command the server refuses is explained to the user, not swallowed.
    await page.evaluate(async () => {
      const w = globalThis as unknown as { __bootscope: { client: { inject(f: unknown): Promise<unknown> } } };
      await w.__bootscope.client.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-no-such-unit' });
    });
    const toast = page.locator('[data-testid="toasts"] [role="alert"]');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('dcos-no-such-unit');
    await page.context().close();
  });

  it('survives a server restart: the badge says so, then the page resyncs without a reload', async () => {
    // A server of its own, so restarting it does not disturb the other tests.
    let own = await startServer();
    const port = Number(new URL(own.url).port);
    const page = await openDashboard(env.browser, own.url, uniqueRoom('e2e-restart'));
    const badge = page.locator('[data-testid="connection"]');
    await expect.poll(() => badge.getAttribute('data-connection')).toBe('connected');
    await page.evaluate(() => ((globalThis as unknown as { __marker: number }).__marker = 42));
    await own.stop();
    await expect.poll(() => badge.getAttribute('data-connection'), { timeout: 15_000 }).not.toBe('connected');
    own = await startServer(port, own.dataDir); // the same rooms come back (architecture.md §8)
    try {
      await expect.poll(() => badge.getAttribute('data-connection'), { timeout: 30_000 }).toBe('connected');
      await expect.poll(async () => (await readState(page)).lastSeq, { timeout: 15_000 }).toBeGreaterThan(0);
      // Same document (no reload), a log rebuilt from the new server's snapshot: no duplicates, no gaps.
      expect(await page.evaluate(() => (globalThis as unknown as { __marker?: number }).__marker)).toBe(42);
      const state = await readState(page);
      expect(new Set(state.logSeqs).size).toBe(state.logSeqs.length);
      expect(state.logSeqs.every((seq, i) => i === 0 || seq === state.logSeqs[i - 1]! + 1)).toBe(true);
      await page.context().close();
    } finally {
      await own.stop();
    }
  });

  it('a reload mid-run resyncs to the same state with no duplicate log entries', async () => {
    const room = uniqueRoom('e2e-reload');
    const page = await openDashboard(env.browser, env.server.url, room);
    await control(page, { action: 'speed', speed: 20 });
    await page.waitForTimeout(1_500);
    await page.reload();
    await page.locator('[data-testid="cluster-health"]').waitFor();
    await page.waitForTimeout(1_000);
    await control(page, { action: 'pause' });
    // A second viewer that joined fresh is the reference for "the same state".
    const reference = await openDashboard(env.browser, env.server.url, room);
    await expect.poll(async () => (await readState(page)).lastSeq, { timeout: 10_000 }).toBe((await readState(reference)).lastSeq);
    // The DAG mounts in React's background lane, a moment after the store has the snapshot.
    await expect.poll(async () => (await readState(page)).vertices.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await readState(reference)).vertices.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const reloaded = await readState(page);
    const fresh = await readState(reference);
    expect(reloaded.lastSeq).toBeGreaterThan(0);
    expect(reloaded.vertices.length).toBeGreaterThan(0);
    expect(reloaded.vertices).toEqual(fresh.vertices);
    expect(reloaded.health).toBe(fresh.health);
    expect(new Set(reloaded.logSeqs).size).toBe(reloaded.logSeqs.length);
    expect(reloaded.logSeqs.every((seq, i) => i === 0 || seq === reloaded.logSeqs[i - 1]! + 1)).toBe(true);
    expect(reloaded.logSeqs.at(-1)).toBe(reloaded.lastSeq);
    const domSeqs = await page.locator('.eventlog-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seq')));
    expect(new Set(domSeqs).size).toBe(domSeqs.length);

    // Reloading again (paused) shows exactly what was on screen before the reload.
    await page.reload();
    await page.locator('[data-testid="cluster-health"]').waitFor();
    await expect.poll(() => readState(page), { timeout: 10_000 }).toEqual(reloaded);
    await page.context().close();
    await reference.context().close();
  });
});
