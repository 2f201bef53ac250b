// Time as an axis, in Chromium (a stopped Exhibitor reads failed: a JVM exits 143): a fault's preview highlights the units it would break before anyone clicks; after
// the fault, a click on its timeline mark shows the cluster as it was just before (Exhibitor healthy again, for this
// viewer only), and one button goes back to live.
import { describe, expect, it } from 'vitest';
import { chromiumMissing, control, openDashboard, uniqueRoom, waitForHealth } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

describe.skipIf(skip)('time as an axis (Chromium)', () => {
  const env = useServerAndBrowser();

  it('previews a fault on hover, then scrubs back to before it and returns to live', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-time'));
    const vertex = (node: string, unit: string) => page.locator(`.dag-pane [data-node="${node}"][data-unit="${unit}"]`).first();
    await control(page, { action: 'speed', speed: 100 });
    await waitForHealth(page, 'Healthy', 120_000);
    await control(page, { action: 'pause' });

    await vertex('master-1', 'dcos-exhibitor').click();
    const menu = page.locator('[data-testid="fault-menu"][role="menu"]');
    await menu.waitFor();
    const stop = menu.locator('[role="menuitem"][data-action="stop"]');
    await stop.hover();
    await expect.poll(() => stop.locator('[data-testid="fault-preview"]').textContent(), { timeout: 15_000 }).toMatch(/^Within 5 min: \d+ units? fails?/);
    // The units it would break are ringed on the DAG.
    await expect.poll(() => page.locator('.dag-pane .dag-vertex.is-hl').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    await stop.click();
    await control(page, { action: 'resume' });
    await expect.poll(() => vertex('master-1', 'dcos-exhibitor').getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
    await control(page, { action: 'pause' });

    // The fault's mark on the timeline is a bookmark: it shows the moment just before.
    await page.locator('.tl-chip--fault').first().click();
    await page.locator('[data-testid="past-banner"]').waitFor();
    await expect.poll(() => vertex('master-1', 'dcos-exhibitor').getAttribute('data-state'), { timeout: 10_000 }).toBe('healthy');
    await page.locator('[data-testid="back-to-live"]').click();
    await page.locator('[data-testid="past-banner"]').waitFor({ state: 'detached' });
    await expect.poll(() => vertex('master-1', 'dcos-exhibitor').getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
    await page.context().close();
  });
});
