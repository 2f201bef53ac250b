// A late joiner of a big room, in Chromium (issue 10): a viewer who opens a room of 3 masters + 1,200 agents mid-boot
// gets only the snapshot's recent window, yet the agent strip counts every agent as the view does (no phantom pending
// agents), the span before the window is marked "history not loaded", and "Load earlier history" pages it in until
// the timeline starts at t=0. Screenshots of the timeline before and after go to SCREENSHOT_DIR (default: the temp dir).
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, openDashboard, uniqueRoom } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const AGENTS = 1_200;
const SHOTS = process.env.SCREENSHOT_DIR ?? os.tmpdir();

type Counts = Record<string, number>;

/** Emits a command from a plain socket.io client and waits for its ack. */
function ask(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; error?: string; lastSeq?: number }> {
  return new Promise((resolve) => socket.timeout(10_000).emit(event, payload, (err: Error | null, ack: { ok: boolean }) => resolve(err ? { ok: false, error: err.message } : ack)));
}

/** What the page's own view says: private agents by their worst unit state, and how many are registered. */
function viewCounts(page: Page): Promise<Counts> {
  return page.evaluate(() => {
    const order = ['failed', 'unhealthy', 'stopped', 'waiting', 'starting', 'pending', 'healthy'];
    const w = globalThis as unknown as { __bootscope: { store: { getState(): { view: { nodes: Array<{ role: string; units: Array<{ state: string }> }> } } } } };
    const counts: Record<string, number> = {};
    const { view } = w.__bootscope.store.getState() as unknown as { view: { nodes: Array<{ id: string; role: string; units: Array<{ state: string }> }>; registeredAgents: string[] } };
    for (const node of view.nodes) {
      if (node.role !== 'agent') continue;
      const worst = order[Math.min(...node.units.map((u) => order.indexOf(u.state)))]!;
      counts[worst] = (counts[worst] ?? 0) + 1;
    }
    // Registered with the leading Mesos master: the line over the strip.
    counts.registered = view.registeredAgents.filter((id) => id.startsWith('agent-')).length;
    return counts;
  });
}

/**
 * What the strip says now, from its aria-label ("Private agents (1,200): 700 healthy, 500 starting; 650 registered
 * with the Mesos leader"): the states before the ';', the registered agents after it.
 */
async function stripCounts(page: Page): Promise<Counts> {
  const label = (await page.locator('[data-group="agent"]').getAttribute('aria-label')) ?? '';
  const [states = '', registered = ''] = label.split(':').slice(1).join(':').split(';');
  const counts: Counts = {};
  for (const [, n, state] of states.matchAll(/(\d[\d,]*) (\w+)/g)) counts[state!] = Number(n!.replace(/,/g, ''));
  const r = /(\d[\d,]*) registered/.exec(registered);
  if (r !== null) counts.registered = Number(r[1]!.replace(/,/g, ''));
  return counts;
}

const seededAt = (page: Page) => page.evaluate(() => (globalThis as unknown as { __bootscope: { store: { getState(): { timeline: { seededAt: { simTimeMs: number } | null } } } } }).__bootscope.store.getState().timeline.seededAt);

describe.skipIf(skip)('a late joiner of a big room (Chromium)', () => {
  const env = useServerAndBrowser();

  it('sees strip counts consistent with the view, then loads earlier history back to t=0', async () => {
    const room = uniqueRoom('e2e-late');
    const driver = io(env.server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    let lastSeq = 0;
    driver.on('sim:events', (batch: { toSeq: number }) => (lastSeq = batch.toSeq));
    try {
      expect((await ask(driver, 'sim:join', { room })).ok).toBe(true);
      expect((await ask(driver, 'sim:control', { action: 'reset', cluster: { masters: 3, agents: AGENTS, publicAgents: 0 } })).ok).toBe(true);
      expect((await ask(driver, 'sim:control', { action: 'speed', speed: 20 })).ok).toBe(true);
      // Mid-boot with more history than a snapshot's window: many agents have no event in the window.
      await expect.poll(() => lastSeq, { timeout: 60_000, interval: 100 }).toBeGreaterThan(28_000);
      expect((await ask(driver, 'sim:control', { action: 'pause' })).ok).toBe(true);

      const page = await openDashboard(env.browser, env.server.url, room);
      await page.locator('[data-group="agent"]').waitFor({ timeout: 30_000 });
      const start = await seededAt(page);
      expect(start).not.toBeNull();
      const view = await viewCounts(page);
      expect(await stripCounts(page)).toEqual(view);
      // Before the fix every agent without an event in the window was pending; the view knows better.
      console.log(`late joiner at seq ${lastSeq}, window from ${start!.simTimeMs} ms: strip ${JSON.stringify(view)}`);
      expect(view.pending ?? 0).toBeLessThan(AGENTS);

      await page.getByRole('button', { name: '⤢ Fit all' }).click();
      await page.locator('[data-testid="history-not-loaded"]').waitFor();
      await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(SHOTS, 'late-joiner-before.png') });

      const load = page.locator('[data-testid="load-earlier"]');
      for (let i = 0; i < 20 && (await seededAt(page)) !== null; i++) {
        await load.click();
        await expect.poll(async () => (await load.count()) === 0 || (await load.isEnabled()), { timeout: 15_000 }).toBe(true);
        await page.waitForTimeout(600); // the server's budget: 2 pages a second per socket
      }
      expect(await seededAt(page)).toBeNull();
      await expect.poll(() => page.locator('[data-testid="history-not-loaded"]').count()).toBe(0);
      await expect.poll(() => load.count()).toBe(0);
      expect(await stripCounts(page)).toEqual(view);
      await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(SHOTS, 'late-joiner-after.png') });
      await page.context().close();

      // Later the room has more history than it keeps (50,000 events): a new late joiner pages back to where the
      // room's history starts, is told so, and gets the link to the full event log.
      expect((await ask(driver, 'sim:control', { action: 'speed', speed: 100 })).ok).toBe(true);
      expect((await ask(driver, 'sim:control', { action: 'resume' })).ok).toBe(true);
      await expect.poll(() => lastSeq, { timeout: 120_000, interval: 200 }).toBeGreaterThan(57_000);
      console.log(`second late joiner at seq ${lastSeq}`);
      expect((await ask(driver, 'sim:control', { action: 'pause' })).ok).toBe(true);
      const later = await openDashboard(env.browser, env.server.url, room);
      await later.locator('[data-group="agent"]').waitFor({ timeout: 30_000 });
      const again = later.locator('[data-testid="load-earlier"]');
      for (let i = 0; i < 20 && (await again.count()) > 0; i++) {
        await again.click();
        await expect.poll(async () => (await again.count()) === 0 || (await again.isEnabled()), { timeout: 15_000 }).toBe(true);
        await later.waitForTimeout(600);
      }
      const link = later.locator('[data-testid="history-trimmed"]');
      expect(await link.getAttribute('href')).toBe(`/api/rooms/${room}/events?format=ndjson`);
      expect((await seededAt(later))!.simTimeMs).toBeGreaterThan(0);
      await later.getByRole('button', { name: '⤢ Fit all' }).click();
      await expect.poll(() => later.locator('[data-testid="history-not-loaded"]').getAttribute('title')).toMatch(/no longer kept/);
      expect((await fetch(`${env.server.url}/api/rooms/${room}/events?format=ndjson`, { method: 'HEAD' })).status).toBeLessThan(500);
      await later.locator('[data-testid="timeline"]').screenshot({ path: path.join(SHOTS, 'late-joiner-trimmed.png') });
      await later.context().close();
    } finally {
      driver.disconnect();
    }
  }, 300_000);
});
