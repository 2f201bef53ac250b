// @vitest-environment happy-dom
// The "Why?" panel reads as a chain from the selected unit to its root cause, names the root up front,
// and says what to do when nothing is selected.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { bootStore } from '../../store/store.ts';
import { ExplainPanel } from './ExplainPanel.tsx';

const dom = mountPerTest();
beforeEach(() => {
  act(() => bootStore.setState({ selected: null, explanation: null }));
  act(() => dom.render(<ExplainPanel />));
});

describe('ExplainPanel', () => {
  it('invites the user to pick a unit when nothing is selected', () => {
    expect(dom.host.textContent).toContain('choose Explain');
    expect(dom.host.querySelector('[data-testid="explain-chain"]')).toBeNull();
  });

  it('lists the chain in order with readable labels and names the root cause', () => {
    const target = { node: 'master-2', unit: 'dcos-marathon' };
    act(() => bootStore.setState({
      selected: target,
      explanation: {
        target, loading: false, error: null, atSeq: 9,
        chain: [
          { ref: 'master-2/dcos-marathon', text: 'waiting: ping leader.mesos fails', sinceMs: 151_000 },
          { ref: 'fact:quorum', text: 'ZooKeeper has no quorum (1/3)', sinceMs: 150_000 },
          { ref: 'master-1/dcos-exhibitor', text: 'stopped by a user', sinceMs: 149_000 },
        ],
      },
    }));
    const items = [...dom.host.querySelectorAll('[data-testid="explain-chain"] li')];
    expect(items.map((li) => li.getAttribute('data-ref'))).toEqual(['master-2/dcos-marathon', 'fact:quorum', 'master-1/dcos-exhibitor']);
    expect(items[0]!.textContent).toContain('dcos-marathon on master-2');
    expect(items[0]!.textContent).toContain('since 02:31');
    expect(items[1]!.querySelector('.explain-ref')!.textContent).toBe('quorum');
    expect(dom.host.querySelector('[data-testid="explain-root"]')!.textContent).toContain('dcos-exhibitor on master-1 — stopped by a user');
  });

  it('tells an injected fault at the root by its own sentence', () => {
    const target = { node: 'master-1', unit: 'dcos-oauth' };
    act(() => bootStore.setState({
      selected: target,
      explanation: {
        target, loading: false, error: null, atSeq: 9,
        chain: [
          { ref: 'master-1/dcos-oauth', text: 'waiting: exhibitor.wait fails', sinceMs: 10 },
          { ref: 'fault:17', text: 'stop dcos-exhibitor on master-1 (injected at 02:31)', sinceMs: 5 },
        ],
      },
    }));
    expect(dom.host.querySelector('[data-testid="explain-root"]')!.textContent).toBe('⚑ Root cause: stop dcos-exhibitor on master-1 (injected at 02:31)');
  });

  it('names every injected fault the chain reaches as a root (one cause, two masters)', () => {
    const target = { node: 'master-2', unit: 'dcos-marathon' };
    act(() => bootStore.setState({
      selected: target,
      explanation: {
        target, loading: false, error: null, atSeq: 12,
        chain: [
          { ref: 'master-2/dcos-marathon', text: 'waiting: ping leader.mesos fails', sinceMs: 30 },
          { ref: 'fact:quorum', text: 'ZooKeeper has no quorum: 1/3 ZooKeepers up, 2 needed', sinceMs: 20 },
          { ref: 'fault:17', text: 'fault: stop dcos-exhibitor on master-1 (at 6:00)', sinceMs: 5 },
          { ref: 'fault:19', text: 'fault: stop dcos-exhibitor on master-3 (at 6:00)', sinceMs: 5 },
        ],
      },
    }));
    expect(dom.host.querySelector('[data-testid="explain-root"]')!.textContent).toBe(
      '⚑ Root causes: fault: stop dcos-exhibitor on master-1 (at 6:00); fault: stop dcos-exhibitor on master-3 (at 6:00)',
    );
    expect([...dom.host.querySelectorAll('li.explain-root')].map((li) => li.getAttribute('data-ref'))).toEqual(['fault:17', 'fault:19']);
  });

  it('shows the server’s reason when a unit cannot be explained', () => {
    const target = { node: 'master-9', unit: 'dcos-foo' };
    act(() => bootStore.setState({ selected: target, explanation: { target, loading: false, error: "unknown node 'master-9'", chain: [], atSeq: 1 } }));
    expect(dom.host.textContent).toContain("Cannot explain: unknown node 'master-9'");
  });
});
