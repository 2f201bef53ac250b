// The built page under the server's Content-Security-Policy (server/api/securityHeaders.ts): it loads, connects,
// draws the DAG, opens the lazy fault menu and exports a PNG without a single CSP violation, so the policy the server
// sends is one the real page passes (no inline scripts). Violations are collected from the page's own
// `securitypolicyviolation` events and from console messages.
import { describe, expect, it } from 'vitest';
import { chromiumMissing, control, openDashboard, uniqueRoom, toolbarControl } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const skip = chromiumMissing();

describe.skipIf(skip)('Content-Security-Policy (Chromium)', () => {
  const env = useServerAndBrowser();

  it('the built page works under the CSP with no violation', async () => {
    const response = await fetch(`${env.server.url}/`);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the built page

    const page = await openDashboard(env.browser, env.server.url, uniqueRoom('e2e-csp'));
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.evaluate(() => {
      const w = globalThis as unknown as { __cspViolations: string[]; document: { addEventListener(type: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void } };
      w.__cspViolations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await control(page, { action: 'speed', speed: 100 });
    const unit = page.locator('.dag-pane [data-node="master-1"][data-unit="dcos-exhibitor"]').first();
    await unit.waitFor();
    await unit.click();
    await page.locator('[role="menu"]').first().waitFor();
    await page.keyboard.press('Escape');
    await (await toolbarControl(page, 'export-menu')).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('[role="menuitem"][data-export="dag-png"]').click()]);
    expect(await download.failure()).toBeNull();
    const fromPage = await page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);
    expect([...violations, ...fromPage]).toEqual([]);
    await page.context().close();
  });
});
