// A teacher who picks a fault before its preview came back sees no stale violet rings: not on the graph, not in the
// PNG export, not after loading a recording.
import { describe, expect, it } from 'vitest';
import { createBootStore } from './store.ts';
import { selectHighlight } from './selectors.ts';

describe('fault-menu preview rings', () => {
  it('a preview that answers after the fault was picked leaves no rings and no dimmed graph', () => {
    const store = createBootStore();
    const { openMenu, closeMenu, setPreviewRefs } = store.getState().actions;
    openMenu({ node: 'master-1', unit: 'dcos-exhibitor' }, { x: 0, y: 0 });
    setPreviewRefs(['master-1/dcos-exhibitor']);
    expect(selectHighlight(store.getState())).toEqual(['master-1/dcos-exhibitor']);
    closeMenu(); // the fault was picked
    expect(store.getState().previewRefs).toEqual([]);
    setPreviewRefs(['master-1/dcos-marathon']); // the late answer
    expect(store.getState().previewRefs).toEqual([]);
    expect(selectHighlight(store.getState())).toEqual([]);
  });
});
