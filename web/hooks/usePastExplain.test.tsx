// @vitest-environment happy-dom
// Explain while looking at the past, as a teacher does it: with the time cursor out of live the panel shows the
// unit's causes as they were at the cursor (asked with `at`), says so, follows the cursor when it moves (one
// request at a time, only for where a drag ended), and goes back to the live explanation on "back to live".
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExplainStep } from '../../shared/protocol/types.ts';
import type { SocketClient } from '../socket.ts';
import { bootStore } from '../store/store.ts';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { fixtureView } from '../viz/dagFixtures.ts';
import { useExplainRefresh } from './useExplainRefresh.ts';
import { PAST_EXPLAIN_MIN_MS } from './usePastExplain.ts';

function Probe({ client }: { client: SocketClient }) {
  useExplainRefresh(client);
  return null;
}

const mount = mountPerTest();
let asked: (number | undefined)[];
let pending: (() => void)[];
const chainAt = (atMs: number | undefined): ExplainStep[] => [{ ref: 'master-1/dcos-oauth', text: atMs === undefined ? 'live' : `at ${atMs}`, sinceMs: 0, parent: null, root: true }];
const client = {
  explain: (_node: string, _unit: string, atMs?: number) => {
    asked.push(atMs);
    return new Promise((resolve) => pending.push(() => resolve({ ok: true, chain: chainAt(atMs) })));
  },
} as unknown as SocketClient;

async function settle(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
async function answerAll() {
  await act(async () => {
    for (const release of pending.splice(0)) release();
  });
  await settle();
}
const shownText = () => bootStore.getState().explanation?.chain[0]?.text;

beforeEach(() => {
  vi.useFakeTimers();
  asked = [];
  pending = [];
  act(() => bootStore.setState({ selected: null, explanation: null, cursorMs: null, pastView: null, lastSeq: 10, epoch: 1, view: fixtureView(3, 1, 0, 'healthy') }));
  act(() => mount.render(<Probe client={client} />));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Explain at the time cursor', () => {
  it('shows the causes as they were at the cursor, and the live ones again back to live', async () => {
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await settle();
    await answerAll();
    expect(shownText()).toBe('live');
    act(() => bootStore.getState().actions.setCursor(60_000));
    await settle();
    expect(asked.at(-1)).toBe(60_000);
    await answerAll();
    expect(shownText()).toBe('at 60000');
    expect(bootStore.getState().explanation?.atMs).toBe(60_000);
    act(() => bootStore.getState().actions.setCursor(null));
    await settle();
    expect(asked.at(-1)).toBeUndefined();
    await answerAll();
    expect(shownText()).toBe('live');
    expect(bootStore.getState().explanation?.atMs ?? null).toBeNull();
  });

  it('a drag asks once at a time, then only for where the cursor ended', async () => {
    act(() => bootStore.getState().actions.setCursor(10_000));
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await settle();
    expect(asked).toEqual([10_000]);
    for (let t = 11_000; t <= 30_000; t += 1_000) act(() => bootStore.getState().actions.setCursor(t));
    await settle(PAST_EXPLAIN_MIN_MS);
    expect(asked).toEqual([10_000]); // still waiting for the first answer
    await answerAll();
    await settle(PAST_EXPLAIN_MIN_MS);
    expect(asked).toEqual([10_000, 30_000]);
    await answerAll();
    expect(shownText()).toBe('at 30000');
  });

  it('drops a past answer that arrives after the cursor went back to live', async () => {
    act(() => bootStore.getState().actions.setCursor(10_000));
    act(() => bootStore.getState().actions.select({ node: 'master-1', unit: 'dcos-oauth' }));
    await settle();
    act(() => bootStore.getState().actions.setCursor(null));
    await settle();
    await answerAll();
    expect(shownText()).toBe('live');
  });
});
