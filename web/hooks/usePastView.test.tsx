// @vitest-environment happy-dom
// The time cursor as a viewer uses it: moving it fetches the past view once (the newest position wins while a
// request is in flight), the shown view switches to it, Back to live drops it, and a reset returns to live.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountPerTest } from '../testing/mountPerTest.ts';
import type { ClusterView } from '../../shared/protocol/types.ts';
import { viewFor } from '../store/timelineModel.fixture.ts';
import { bootStore } from '../store/store.ts';
import { selectShownView } from '../store/selectors.ts';
import { usePastView, type FetchView } from './usePastView.ts';

const dom = mountPerTest();
let calls: number[];
let release: Array<() => void>;

const fakeFetch: FetchView = (_room, atMs) => {
  calls.push(atMs);
  return new Promise<ClusterView>((resolve) => release.push(() => resolve({ ...viewFor(3, 2), simTimeMs: atMs })));
};

function Probe() {
  usePastView(fakeFetch);
  return null;
}

beforeEach(() => {
  calls = [];
  release = [];
  act(() => bootStore.setState({ room: 'r', epoch: 1, view: { ...viewFor(3, 2), simTimeMs: 600_000 }, cursorMs: null, pastView: null }));
  act(() => dom.render(<Probe />));
});

const settle = async () => {
  await act(async () => {
    for (const r of release.splice(0)) r();
    await Promise.resolve();
  });
};

describe('time cursor', () => {
  it('shows the cluster as it was at the cursor, for this viewer, and goes back to live', async () => {
    act(() => bootStore.getState().actions.setCursor(120_000));
    expect(calls).toEqual([120_000]);
    await settle();
    expect(selectShownView(bootStore.getState())!.simTimeMs).toBe(120_000);
    act(() => bootStore.getState().actions.setCursor(null));
    expect(selectShownView(bootStore.getState())!.simTimeMs).toBe(600_000);
  });

  it('asks once while dragging: the position where the drag ended wins', async () => {
    act(() => bootStore.getState().actions.setCursor(100_000));
    act(() => bootStore.getState().actions.setCursor(110_000));
    act(() => bootStore.getState().actions.setCursor(130_000));
    expect(calls).toEqual([100_000]);
    await settle();
    expect(calls).toEqual([100_000, 130_000]);
    await settle();
    expect(bootStore.getState().pastView!.atMs).toBe(130_000);
  });

  it('returns to live when the room is reset (a new epoch)', async () => {
    act(() => bootStore.getState().actions.setCursor(50_000));
    await settle();
    act(() => bootStore.setState({ epoch: 2 }));
    expect(bootStore.getState().cursorMs).toBeNull();
    expect(bootStore.getState().pastView).toBeNull();
  });
});
