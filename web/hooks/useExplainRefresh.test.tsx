// @vitest-environment happy-dom
// The explanation follows the selection at once, then refreshes while the cluster changes — but at most
// once per EXPLAIN_REFRESH_MS, not once per batch — and a late answer for an old selection is dropped. The
// selection (and so the explanation and the DAG dimming) goes away on reset, scenario load and recovery.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExplainStep } from '../../shared/protocol/types.ts';
import type { SocketClient } from '../socket.ts';
import { bootStore } from '../store/store.ts';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { selectHighlight } from '../store/selectors.ts';
import { fixtureView, withUnitState } from '../viz/dagFixtures.ts';
import { EXPLAIN_REFRESH_MS, useExplainRefresh } from './useExplainRefresh.ts';

function Probe({ client }: { client: SocketClient }) {
  useExplainRefresh(client);
  return null;
}

const mount = mountPerTest();
let asked: string[];
let answer: (node: string, unit: string) => Promise<{ ok: true; chain: ExplainStep[] }>;
const client = {
  explain: (node: string, unit: string) => {
    asked.push(`${node}/${unit}`);
    return answer(node, unit);
  },
} as unknown as SocketClient;

beforeEach(() => {
  vi.useFakeTimers();
  asked = [];
  answer = async (node, unit) => ({ ok: true, chain: [{ ref: `${node}/${unit}`, text: 'waiting', sinceMs: 0, parent: null, root: false }, { ref: 'fact:quorum', text: 'no quorum', sinceMs: 0, parent: 0, root: true }] });
  act(() => bootStore.setState({ selected: null, explanation: null, lastSeq: 10, epoch: 1, view: fixtureView(3, 1, 0, 'healthy') }));
  act(() => mount.render(<Probe client={client} />));
});
afterEach(() => {
  vi.useRealTimers();
});

async function flush() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

describe('useExplainRefresh', () => {
  it('asks for the selected unit at once and stores the chain', async () => {
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await flush();
    expect(asked).toEqual(['master-1/dcos-oauth']);
    expect(bootStore.getState().explanation?.chain.map((s) => s.ref)).toEqual(['master-1/dcos-oauth', 'fact:quorum']);
  });

  it('refreshes while batches arrive, throttled', async () => {
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await flush();
    for (let seq = 11; seq <= 20; seq++) {
      act(() => bootStore.setState({ lastSeq: seq }));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
    }
    // 10 batches over one second: the first fetch plus one refresh, not ten.
    expect(asked.length).toBe(2);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(EXPLAIN_REFRESH_MS);
    });
    expect(asked.length).toBeLessThanOrEqual(3);
  });

  it('drops an answer that arrives after the selection changed', async () => {
    let release: () => void = () => undefined;
    answer = (node, unit) => new Promise((resolve) => {
      release = () => resolve({ ok: true, chain: [{ ref: `${node}/${unit}`, text: 'old', sinceMs: 0, parent: null, root: true }] });
    });
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await flush();
    act(() => bootStore.getState().actions.select(null));
    await act(async () => release());
    expect(bootStore.getState().explanation).toBeNull();
  });

  async function explainWhileWaiting() {
    act(() => bootStore.setState({ view: withUnitState(bootStore.getState().view!, 'master-1', 'dcos-oauth', 'waiting') }));
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await flush();
    expect(selectHighlight(bootStore.getState())).toEqual(['master-1/dcos-oauth', 'fact:quorum']);
  }

  it('a reset or scenario load (new epoch) clears the selection, the explanation and the DAG dimming', async () => {
    await explainWhileWaiting();
    act(() => bootStore.setState({ epoch: 2, lastSeq: 1 }));
    await flush();
    expect(bootStore.getState().selected).toBeNull();
    expect(bootStore.getState().explanation).toBeNull();
    expect(selectHighlight(bootStore.getState())).toEqual([]);
  });

  it('when the explained unit becomes healthy again, the selection and dimming clear', async () => {
    await explainWhileWaiting();
    act(() => bootStore.setState({ view: withUnitState(bootStore.getState().view!, 'master-1', 'dcos-oauth', 'starting'), lastSeq: 11 }));
    await flush();
    expect(bootStore.getState().selected).not.toBeNull();
    act(() => bootStore.setState({ view: withUnitState(bootStore.getState().view!, 'master-1', 'dcos-oauth', 'healthy'), lastSeq: 12 }));
    await flush();
    expect(bootStore.getState().selected).toBeNull();
    expect(selectHighlight(bootStore.getState())).toEqual([]);
  });

  it('a unit explained while healthy stays selected (the teacher asked on purpose)', async () => {
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await flush();
    act(() => bootStore.setState({ lastSeq: 11 }));
    await flush();
    expect(bootStore.getState().selected).toEqual({ node: 'master-1', unit: 'dcos-oauth' });
  });
});
