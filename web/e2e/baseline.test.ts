// Compare with a healthy boot, in Chromium: after a fault that delayed the cluster, the "Healthy boot" toggle draws
// the twin as a ghost under the timeline's lanes and marks where the run diverged; the "Critical path" toggle marks
// the chain on the DAG (data-critical) and says how it shifted against the healthy boot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, control, openDashboard, uniqueRoom, waitForHealth } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

async function inject(page: Page, fault: object): Promise<void> {
  const result = await page.evaluate(async (f) => {
    const w = globalThis as unknown as { __bootscope: { client: { inject(f: unknown): Promise<{ ok: boolean; error?: string }> } } };
    return w.__bootscope.client.inject(f);
  }, fault);
  if (!result.ok) throw new Error(`fault:inject ${JSON.stringify(fault)} refused: ${result.error}`);
}

describe.skipIf(skip)('compare with a healthy boot (Chromium)', () => {
  const env = useServerAndBrowser();

  it('toggles the baseline and sees the ghost, the divergence and the critical path', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-base'));
    // Exhibitor on master-1 down from the start: the quorum, and so the whole boot, waits for it.
    await inject(page, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    await control(page, { action: 'speed', speed: 100 });
    await page.waitForTimeout(1_500);
    await inject(page, { kind: 'clear' });
    await waitForHealth(page, 'Healthy', 120_000);
    await control(page, { action: 'pause' });

    await page.locator('[data-testid="toggle-baseline"]').click();
    await expect.poll(() => page.locator('.timeline-pane .tl-row[data-unit="*"] [data-ghost="true"] .tl-bar').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid="first-divergence"] .tl-diverged-line__label').waitFor({ timeout: 10_000 });

    await page.locator('[data-testid="toggle-critical"]').click();
    await expect.poll(() => page.locator('.dag-pane .dag-vertex[data-critical="true"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="critical-shift"]').textContent(), { timeout: 10_000 }).toMatch(/^\+\d+:\d\d through /);

    await page.locator('[data-testid="toggle-baseline"]').click();
    await expect.poll(() => page.locator('[data-ghost]').count(), { timeout: 5_000 }).toBe(0);
    await page.context().close();
  });
});
