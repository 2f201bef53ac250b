/**
 * The toolbar's boxes against the window (architecture §9), for the toolbar test and the screenshot scripts: every
 * control is either drawn inside the window, or hidden inside the fold that the visible "More" button opens.
 */
import type { Page } from 'playwright-core';

export interface ToolbarFit {
  width: number;
  /** Controls drawn, each "name: left-right". */
  shown: string[];
  /** Controls drawn with a part outside the window. */
  outside: string[];
  /** Controls not drawn and not behind the overflow button. */
  lost: string[];
  /** Controls behind the overflow button. */
  folded: string[];
  overflowVisible: boolean;
}

export function measureToolbar(page: Page): Promise<ToolbarFit> {
  return page.evaluate(() => {
    const bar = document.querySelector('[data-testid="toolbar"]')!;
    const toggle = bar.querySelector<HTMLElement>('[data-testid="toolbar-overflow"]');
    const visible = (e: Element) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const fit: ToolbarFit = { width: window.innerWidth, shown: [], outside: [], lost: [], folded: [], overflowVisible: toggle !== null && visible(toggle) };
    const controls = [...bar.querySelectorAll<HTMLElement>('button, select, input:not([type="file"]), a[href]')].filter((e) => !e.closest('.reset-form, .export-menu, [role="dialog"]') && !e.classList.contains('toolbar-more'));
    for (const e of controls) {
      const name = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24) || e.tagName;
      if (visible(e)) {
        const r = e.getBoundingClientRect();
        fit.shown.push(`${name}: ${Math.round(r.left)}-${Math.round(r.right)}`);
        if (r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight) fit.outside.push(name);
      } else if (e.closest('.toolbar-fold') !== null && fit.overflowVisible) fit.folded.push(name);
      else if (e !== toggle) fit.lost.push(name);
    }
    return fit;
  });
}
