/** Measurements of the service board for the projector and phone tests and the screenshot scripts. */
import type { Page } from 'playwright-core';

export interface BoardMeasure {
  /** Rendered heights of the unit names (px, the text's own box), smallest first. */
  nameHeights: number[];
  /** Computed font size of the smallest name (px). */
  minFontPx: number;
  /** The board's box. */
  board: { width: number; height: number; top: number; bottom: number };
  /** Cells (vertices) and the smallest one's width and height. */
  cells: number;
  minCell: { w: number; h: number };
  /** Cells missing a §4 hook (data-node, data-unit, data-state, aria-label "unit on node: state"). */
  unhooked: number;
  /** The board scrolls sideways (a column is cut off). */
  sideways: boolean;
}

export function measureBoard(page: Page): Promise<BoardMeasure> {
  return page.evaluate(() => {
    const board = document.querySelector<HTMLElement>('[data-testid="dag-view"][data-board="true"]');
    if (board === null) throw new Error('no service board on the page');
    const heights: number[] = [];
    let minFont = Infinity;
    for (const el of board.querySelectorAll<HTMLElement>('.board-row .board-name-text')) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const h = range.getBoundingClientRect().height;
      if (h > 0) heights.push(Math.round(h * 10) / 10);
      minFont = Math.min(minFont, Number.parseFloat(getComputedStyle(el).fontSize));
    }
    const cells = [...board.querySelectorAll<HTMLElement>('.board-cell')];
    const boxes = cells.map((c) => c.getBoundingClientRect());
    const unhooked = cells.filter((c) => !c.dataset.node || !c.dataset.unit || !c.dataset.state
      || !(c.getAttribute('aria-label') ?? '').startsWith(`${c.dataset.unit} on ${c.dataset.node}: ${c.dataset.state}`)).length;
    const r = board.getBoundingClientRect();
    const scroll = board.querySelector<HTMLElement>('.board-scroll')!;
    return {
      nameHeights: heights.sort((a, b) => a - b),
      minFontPx: minFont,
      board: { width: Math.round(r.width), height: Math.round(r.height), top: Math.round(r.top), bottom: Math.round(r.bottom) },
      cells: cells.length,
      minCell: { w: Math.round(Math.min(...boxes.map((b) => b.width))), h: Math.round(Math.min(...boxes.map((b) => b.height))) },
      unhooked,
      sideways: scroll.scrollWidth > scroll.clientWidth + 1,
    };
  });
}
