/**
 * Screenshots at scale (issue 10): `node --import tsx web/e2e/scaleScreenshots.ts` saves to docs/screenshots/
 *  - scale-10k.png: 5 masters + 10,000 + 100 public agents mid-boot at 1366x768 (a projector);
 *  - scale-10k-phone.png: the same room on a student's phone (390x844);
 *  - scale-failover-5000.png: the built-in scenario "Leader failover with 5,000 agents" just after the new leader
 *    took over, while the agents re-register (the presenter continues past the narration's pause).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT_DIR, control, openDashboard, runWithServerAndBrowser, uniqueRoom } from './harness.ts';

const OUT_DIR = path.join(ROOT_DIR, 'docs', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(ROOT_DIR, file)}`);
}

/** The room's simulated time as the page knows it. */
async function simTimeMs(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __bootscope: { store: { getState(): { clock: { simTimeMs: number } } } } }).__bootscope.store.getState().clock.simTimeMs);
}

async function runUntil(page: Page, atMs: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while ((await simTimeMs(page)) < atMs) {
    if (Date.now() - started > timeoutMs) throw new Error(`the room did not reach ${atMs} ms within ${timeoutMs} ms of wall time`);
    await page.waitForTimeout(250);
  }
}

runWithServerAndBrowser(async (server, browser) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const room = uniqueRoom('scale');
  const projector = await openDashboard(browser, server.url, room);
  await control(projector, { action: 'pause' });
  await control(projector, { action: 'reset', seed: 1, cluster: { masters: 5, agents: 10_000, publicAgents: 100 } });
  await control(projector, { action: 'speed', speed: 20 });
  await control(projector, { action: 'resume' });
  await runUntil(projector, 240_000, 120_000);
  await control(projector, { action: 'pause' });
  await shoot(projector, 'scale-10k');
  const phone = await openDashboard(browser, server.url, room, { width: 390, height: 844 });
  await shoot(phone, 'scale-10k-phone');
  await phone.context().close();

  const loaded = await projector.evaluate(async () => {
    const w = globalThis as unknown as { __bootscope: { client: { loadScenario(name: string): Promise<{ ok: boolean; error?: string }> } } };
    return w.__bootscope.client.loadScenario('leader-failover-5000');
  });
  if (!loaded.ok) throw new Error(`loading leader-failover-5000 refused: ${loaded.error}`);
  await control(projector, { action: 'speed', speed: 50 });
  await control(projector, { action: 'resume' });
  await runUntil(projector, 420_000, 180_000);
  // The narration waits for the presenter before the kill; Continue ▶ is the presenter's resume.
  await control(projector, { action: 'speed', speed: 5 });
  await control(projector, { action: 'resume' });
  await runUntil(projector, 433_000, 120_000);
  await control(projector, { action: 'pause' });
  await shoot(projector, 'scale-failover-5000');
});
