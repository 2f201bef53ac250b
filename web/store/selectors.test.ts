// Selectors the panes rely on: the highlight follows the explanation, the clock interpolates but never
// runs while paused nor far past the last fact.
import { describe, expect, it } from 'vitest';
import { viewFor } from './timelineModel.fixture.ts';
import { CLOCK_EXTRAPOLATE_MAX_WALL_MS, selectClusterHealth, selectHighlight, selectNodeIds, selectRunningTasks, simNow } from './selectors.ts';
import { createBootStore } from './store.ts';

describe('selectors', () => {
  it('highlight lists the refs of the explanation tree once each, empty without one', () => {
    const store = createBootStore();
    expect(selectHighlight(store.getState())).toEqual([]);
    store.getState().actions.setExplanation({
      target: { node: 'master-1', unit: 'dcos-oauth' }, loading: false, error: null, atSeq: 3,
      chain: [
        { ref: 'master-1/dcos-oauth', text: 'waiting', sinceMs: 1, parent: null, root: false },
        { ref: 'fact:quorum', text: 'ZooKeeper has no quorum (1/3)', sinceMs: 2, parent: 0, root: false },
        { ref: 'master-1/dcos-exhibitor', text: 'stopped', sinceMs: 3, parent: 1, root: true },
        { ref: 'master-1/dcos-exhibitor', text: 'stopped', sinceMs: 3, parent: 0, root: true },
      ],
    });
    expect(selectHighlight(store.getState())).toEqual(['master-1/dcos-oauth', 'fact:quorum', 'master-1/dcos-exhibitor']);
  });

  it('cluster health is unknown before the first snapshot, then the view’s', () => {
    const store = createBootStore();
    expect(selectClusterHealth(store.getState())).toBe('unknown');
    store.setState({ view: { ...viewFor(3, 2), clusterHealth: 'unhealthy' } });
    expect(selectClusterHealth(store.getState())).toBe('unhealthy');
    expect(selectNodeIds(store.getState())).toEqual(['master-1', 'master-2', 'master-3', 'agent-1', 'agent-2']);
  });

  it('counts only running tasks', () => {
    const store = createBootStore();
    const view = viewFor(1, 1);
    view.tasks = [
      { id: 't1', service: 'hello', node: 'agent-1', state: 'running' },
      { id: 't2', service: 'hello', node: 'agent-1', state: 'staging' },
    ];
    store.setState({ view });
    expect(selectRunningTasks(store.getState())).toBe(1);
  });

  it('the clock advances with speed, stops when paused and stops extrapolating after a silence', () => {
    const clock = { simTimeMs: 10_000, atWallMs: 1_000 };
    expect(simNow(clock, 20, false, 1_500)).toBe(20_000);
    expect(simNow(clock, 20, true, 1_500)).toBe(10_000);
    expect(simNow(clock, 1, false, 1_000 + 60_000)).toBe(10_000 + CLOCK_EXTRAPOLATE_MAX_WALL_MS);
    expect(simNow(clock, 1, false, 500)).toBe(10_000);
  });
});
