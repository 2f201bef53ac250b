// @vitest-environment happy-dom
// The "Why?" panel reads as a tree from the selected unit down to its root causes: each cause indented under
// what it explains, root causes marked in words (for screen readers too) and named up front.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExplainStep } from '../../../shared/protocol/types.ts';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { bootStore } from '../../store/store.ts';
import { ExplainPanel } from './ExplainPanel.tsx';
import { explainForest, rootCauses } from './explainTree.ts';

const dom = mountPerTest();
beforeEach(() => {
  act(() => bootStore.setState({ selected: null, explanation: null }));
  act(() => dom.render(<ExplainPanel />));
});

const target = { node: 'master-2', unit: 'dcos-marathon' };
/** Quorum loss: Marathon <- no quorum <- two stopped Exhibitors <- their stops. */
const quorumLoss: ExplainStep[] = [
  { ref: 'master-2/dcos-marathon', text: 'master-2/dcos-marathon waiting: ping leader.mesos fails', sinceMs: 151_000, parent: null, root: false },
  { ref: 'fact:quorum', text: 'ZooKeeper has no quorum: 1/3 ZooKeepers up, 2 needed', sinceMs: 150_000, parent: 0, root: false },
  { ref: 'master-1/dcos-exhibitor', text: 'master-1/dcos-exhibitor stopped', sinceMs: 149_000, parent: 1, root: false },
  { ref: 'fault:17', text: 'the stop of Exhibitor on master-1 at 02:29 (still active)', sinceMs: 149_000, parent: 2, root: true },
  { ref: 'master-3/dcos-exhibitor', text: 'master-3/dcos-exhibitor stopped', sinceMs: 149_000, parent: 1, root: false },
  { ref: 'fault:19', text: 'the stop of Exhibitor on master-3 at 02:29 (cleared at 03:10)', sinceMs: 149_000, parent: 4, root: true },
];

function show(chain: ExplainStep[]) {
  act(() => bootStore.setState({ selected: target, explanation: { target, loading: false, error: null, atSeq: 9, chain } }));
}
const items = () => [...dom.host.querySelectorAll<HTMLLIElement>('[data-testid="explain-chain"] li')];

describe('ExplainPanel', () => {
  it('invites the user to pick a unit when nothing is selected', () => {
    expect(dom.host.textContent).toContain('choose Explain');
    expect(dom.host.querySelector('[data-testid="explain-chain"]')).toBeNull();
  });

  it('indents each cause under the step it explains, from Marathon down to the stopped Exhibitors', () => {
    show(quorumLoss);
    expect(items().map((li) => li.getAttribute('data-ref'))).toEqual(quorumLoss.map((s) => s.ref));
    expect(items().map((li) => li.dataset.depth)).toEqual(['0', '1', '2', '3', '2', '3']);
    // Nesting, not only a CSS offset: the Exhibitor's list item sits inside the quorum's.
    const quorum = items()[1];
    expect(quorum.querySelector(':scope > ol > li[data-ref="master-1/dcos-exhibitor"]')).not.toBeNull();
    expect(quorum.querySelector(':scope > ol')!.getAttribute('aria-label')).toBe('Why quorum');
    expect(items()[0].textContent).toContain('dcos-marathon on master-2');
    expect(items()[0].textContent).toContain('since 02:31');
  });

  it('marks the root causes in words, names each once on top, and never shows a fault id', () => {
    show(quorumLoss);
    const roots = items().filter((li) => li.dataset.root === 'true');
    expect(roots.map((li) => li.getAttribute('data-ref'))).toEqual(['fault:17', 'fault:19']);
    expect(roots.every((li) => li.querySelector(':scope > .explain-ref')!.textContent!.includes('root cause'))).toBe(true);
    expect(dom.host.querySelector('[data-testid="explain-root"]')!.textContent).toBe(
      '⚑ Root causes: the stop of Exhibitor on master-1 at 02:29 (still active); the stop of Exhibitor on master-3 at 02:29 (cleared at 03:10)',
    );
    expect(dom.host.textContent).not.toMatch(/fault:\d/);
  });

  it('a lone unit has no root-cause banner', () => {
    show([{ ref: 'master-2/dcos-marathon', text: 'master-2/dcos-marathon healthy: active (running)', sinceMs: 5, parent: null, root: false }]);
    expect(items()).toHaveLength(1);
    expect(dom.host.querySelector('[data-testid="explain-root"]')).toBeNull();
  });

  it('shows the server’s reason when a unit cannot be explained', () => {
    const bad = { node: 'master-9', unit: 'dcos-foo' };
    act(() => bootStore.setState({ selected: bad, explanation: { target: bad, loading: false, error: "unknown node 'master-9'", chain: [], atSeq: 1 } }));
    expect(dom.host.textContent).toContain("Cannot explain: unknown node 'master-9'");
  });
});

describe('explainForest and rootCauses', () => {
  it('a shared cause repeated under two parents is one root cause; a bad parent index shows flat, not lost', () => {
    const shared: ExplainStep[] = [
      { ref: 'a', text: 'a', sinceMs: null, parent: null, root: false },
      { ref: 'b', text: 'b', sinceMs: null, parent: 0, root: false },
      { ref: 'fault:1', text: 'stop', sinceMs: null, parent: 1, root: true },
      { ref: 'c', text: 'c', sinceMs: null, parent: 0, root: false },
      { ref: 'fault:1', text: 'stop', sinceMs: null, parent: 3, root: true },
      { ref: 'd', text: 'd', sinceMs: null, parent: 9, root: true },
    ];
    expect(rootCauses(shared).map((s) => s.ref)).toEqual(['fault:1', 'd']);
    const forest = explainForest(shared);
    expect(forest.map((n) => n.step.ref)).toEqual(['a', 'd']);
    expect(forest[0].children.map((n) => [n.step.ref, n.children.length])).toEqual([['b', 1], ['c', 1]]);
  });
});
