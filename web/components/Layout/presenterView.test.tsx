// @vitest-environment happy-dom
// The teacher's Presenter view switch: one press puts the page in the projector layout (the <html> attribute the CSS
// reads), says it is on (aria-pressed), and is remembered for the next visit; the event log's fold likewise.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { LogFoldButton } from './LogFoldButton.tsx';
import { LOG_FOLDED_KEY, PRESENTER_VIEW_KEY } from './presenterView.ts';
import { PresenterViewToggle } from './PresenterViewToggle.tsx';

const dom = mountPerTest();
const press = (testId: string) => act(() => dom.host.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click());

describe('Presenter view', () => {
  it('switches the layout, says so, and is remembered', () => {
    act(() => dom.render(<PresenterViewToggle />));
    const button = dom.host.querySelector('[data-testid="presenter-view"]')!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    press('presenter-view');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.dataset.view).toBe('presenter');
    expect(localStorage.getItem(PRESENTER_VIEW_KEY)).toBe('1');
    press('presenter-view');
    expect(document.documentElement.dataset.view).toBeUndefined();
    expect(localStorage.getItem(PRESENTER_VIEW_KEY)).toBe('0');
  });

  it('folds the event log and remembers the fold', () => {
    act(() => dom.render(<LogFoldButton />));
    press('log-fold');
    expect(document.documentElement.dataset.log).toBe('folded');
    expect(dom.host.querySelector('[data-testid="log-fold"]')!.getAttribute('aria-expanded')).toBe('false');
    expect(localStorage.getItem(LOG_FOLDED_KEY)).toBe('1');
    press('log-fold');
    expect(document.documentElement.dataset.log).toBeUndefined();
  });
});
