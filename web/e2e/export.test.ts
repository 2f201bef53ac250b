// Export and import in Chromium: the Export menu turns the DAG into a real PNG (signature, size, dimensions); a
// failed load of the lazy export chunk is a toast and a working page, and the next click loads it under a fresh URL;
// the event log downloads as CSV with one record per event; a downloaded recording loads back into the room.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { chromiumMissing, control, openDashboard, uniqueRoom, toolbarControl } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function exportVia(page: Page, id: string): Promise<Buffer> {
  await (await toolbarControl(page, 'export-menu')).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }) as Promise<Download>,
    page.locator(`[role="menuitem"][data-export="${id}"]`).click(),
  ]);
  return readFile((await download.path())!);
}

describe.skipIf(skip)('export and import (Chromium)', () => {
  const env = useServerAndBrowser();

  it('a failed chunk load is a toast, then the DAG exports as a real PNG', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-export'));
    await control(page, { action: 'speed', speed: 100 });
    await page.locator('.dag-pane [data-node="master-1"][data-unit="dcos-exhibitor"]').first().waitFor();

    // The server is "gone" for the export chunk: the click reports it and the page stays usable.
    await page.route('**/assets/exporter-*.js', (route) => route.abort());
    await (await toolbarControl(page, 'export-menu')).click();
    await page.locator('[role="menuitem"][data-export="dag-png"]').click();
    await expect.poll(() => page.locator('[data-testid="toasts"]').textContent(), { timeout: 10_000 }).toMatch(/Export is unavailable/);
    expect(await page.locator('[data-testid="cluster-health"]').count()).toBe(1);
    await page.unroute('**/assets/exporter-*.js');

    // The next click loads it under a fresh URL (the failed one stays failed for this document).
    const png = await exportVia(page, 'dag-png');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(10_000);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(200);

    const svg = (await exportVia(page, 'dag-svg')).toString('utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('dcos-exhibitor');
    await page.context().close();
  });

  it('downloads the event log as CSV and loads a downloaded recording back into the room', async () => {
    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-import'));
    await control(page, { action: 'speed', speed: 100 });
    await page.waitForTimeout(1_500);
    await control(page, { action: 'pause' });
    const csv = (await exportVia(page, 'events-csv')).toString('utf8');
    const logLength = await page.evaluate(() => (globalThis as unknown as { __bootscope: { store: { getState(): { log: unknown[] } } } }).__bootscope.store.getState().log.length);
    expect(csv.split('\r\n')[0]).toBe('seq,simTimeMs,time,type,node,unit,detail,cause,refs,event');
    expect(csv.match(/\r\n\d+,/g)?.length).toBe(logLength);

    const recording = await exportVia(page, 'recording');
    expect(JSON.parse(recording.toString('utf8'))).toMatchObject({ version: 1 });
    await page.locator('[data-testid="recording-file"]').setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: recording });
    await expect.poll(() => page.locator('[data-testid="toasts"]').textContent(), { timeout: 10_000 }).toMatch(/Loaded lesson\.json/);
    await page.locator('[data-testid="recording-file"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1') });
    await expect.poll(() => page.locator('[data-testid="toasts"]').textContent(), { timeout: 10_000 }).toMatch(/Could not load broken\.json: the upload is not valid JSON/);
    await page.context().close();
  });
});
