// Follow the presenter: what counts as the same focus, and what counts as a viewer stepping out on their own.
import { describe, expect, it } from 'vitest';
import type { FollowState } from '../../shared/protocol/classroom.ts';
import { createBootStore } from '../store/store.ts';
import { applyFocus, focusOf, sameFocus, steppedOut } from './focus.ts';

const presenter: FollowState = { selected: { node: 'master-1', unit: 'dcos-exhibitor' }, cursorMs: 60_000, panels: ['critical'] };

describe('follow focus', () => {
  it('applying the presenter focus makes this page show exactly it', () => {
    const store = createBootStore();
    applyFocus(store.getState().actions, presenter);
    expect(focusOf(store.getState())).toEqual(presenter);
    expect(sameFocus(focusOf(store.getState()), presenter)).toBe(true);
  });

  it('another unit, another moment or a panel the presenter has closed is stepping out', () => {
    expect(steppedOut({ ...presenter, selected: { node: 'master-2', unit: 'dcos-exhibitor' } }, presenter)).toBe(true);
    expect(steppedOut({ ...presenter, cursorMs: 90_000 }, presenter)).toBe(true);
    expect(steppedOut({ ...presenter, panels: ['critical', 'help'] }, presenter)).toBe(true);
  });

  it('losing the selection, going back to live or closing a panel on its own is not stepping out', () => {
    expect(steppedOut({ selected: null, cursorMs: null, panels: [] }, presenter)).toBe(false);
    expect(steppedOut(presenter, presenter)).toBe(false);
  });
});
