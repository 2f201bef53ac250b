// @vitest-environment happy-dom
// The critical path on the DAG as a teacher (and an e2e test) sees it: its vertices, the edges between consecutive
// units of the chain and the fact chips it runs through carry data-critical="true"; nothing else does.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { criticalMarks } from '../../viz/criticalOverlay.ts';
import { fixtureUnitsForRole, fixtureView } from '../../viz/dagFixtures.ts';
import { DagView } from './DagView.tsx';

const dom = mountPerTest();
const view = fixtureView(3, 2, 1);

function render(chain: { ref: string; atMs: number; durationMs: number; text: string }[]) {
  const critical = chain.length > 0 ? criticalMarks(chain) : null;
  act(() => dom.render(<DagView view={view} selected={null} highlight={[]} onActivate={() => {}} unitsForRole={fixtureUnitsForRole} critical={critical} />));
}

describe('the critical path on the DAG', () => {
  it('the critical path\'s vertices carry data-critical', () => {
    render([]);
    expect(dom.host.querySelectorAll('[data-critical]')).toHaveLength(0);
    const edge = [...dom.host.querySelectorAll<SVGPathElement>('.dag-edge')].find((e) => e.dataset.from!.includes('/') && e.dataset.to!.includes('/'))!;
    const from = edge.dataset.from!;
    const to = edge.dataset.to!;
    render([
      { ref: from, atMs: 10_000, durationMs: 10_000, text: 'a' },
      { ref: 'fact:quorum', atMs: 20_000, durationMs: 10_000, text: 'q' },
      { ref: to, atMs: 30_000, durationMs: 10_000, text: 'b' },
    ]);
    const [fromNode, fromUnit] = from.split('/');
    const [toNode, toUnit] = to.split('/');
    expect(dom.host.querySelector(`.dag-vertex[data-node="${fromNode}"][data-unit="${fromUnit}"]`)!.getAttribute('data-critical')).toBe('true');
    expect(dom.host.querySelector(`.dag-vertex[data-node="${toNode}"][data-unit="${toUnit}"]`)!.getAttribute('data-critical')).toBe('true');
    expect(dom.host.querySelectorAll('.dag-vertex[data-critical="true"]')).toHaveLength(2);
    const onPath = [...dom.host.querySelectorAll<SVGPathElement>('.dag-edge[data-critical="true"]')];
    expect(onPath.map((e) => `${e.dataset.from}>${e.dataset.to}`)).toEqual([`${from}>${to}`]);
    expect(dom.host.querySelector('[data-fact="quorum"]')!.getAttribute('data-critical')).toBe('true');
    expect(dom.host.querySelector('[data-fact="mesos-leader"]')!.hasAttribute('data-critical')).toBe(false);
  });
});
