// @vitest-environment happy-dom
// What the back row reads: the verdict word with its test hook, quorum as k/n, availability apart from
// health, and a 100-agent cluster summarised instead of pushing everything off-screen.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import { viewFor } from '../../store/timelineModel.fixture.ts';
import { bootStore } from '../../store/store.ts';
import { HealthPanel, MAX_AGENT_ROWS } from './HealthPanel.tsx';

const dom = mountPerTest();

function show(view: ClusterView) {
  act(() => bootStore.setState({ view }));
  act(() => dom.render(<HealthPanel />));
}

describe('HealthPanel', () => {
  it('says Healthy / Unhealthy on the cluster-health hook', () => {
    show({ ...viewFor(3, 2), clusterHealth: 'healthy' });
    expect(dom.host.querySelector('[data-testid="cluster-health"]')!.textContent).toBe('Healthy');
    show({ ...viewFor(3, 2), clusterHealth: 'unhealthy' });
    expect(dom.host.querySelector('[data-testid="cluster-health"]')!.textContent).toBe('Unhealthy');
  });

  it('shows the ZooKeeper quorum as have/masters and flags a lost quorum', () => {
    show({ ...viewFor(3, 2), quorum: { have: 1, need: 2 } });
    const quorum = dom.host.querySelector('[data-testid="zk-quorum"]')!;
    expect(quorum.textContent).toBe('1/3');
    expect(quorum.parentElement!.className).toContain('fact-bad');
    expect(quorum.parentElement!.getAttribute('title')).toContain('2 needed');
  });

  it('keeps availability separate from health (a healthy cluster can still refuse tasks)', () => {
    const view = viewFor(3, 2);
    show({ ...view, clusterHealth: 'healthy', availability: { uiReachable: true, apiReachable: true, tasksLaunchable: false, adminRouterStatus: 200 } });
    const bad = [...dom.host.querySelectorAll('.avail [data-ok="false"]')].map((li) => li.textContent);
    expect(bad).toEqual(['✕ Tasks launchable']);
  });

  it('summarises many healthy agents in one line', () => {
    show(viewFor(3, 100));
    expect(dom.host.querySelectorAll('.node-table tbody tr')).toHaveLength(3);
    expect(MAX_AGENT_ROWS).toBeLessThan(100);
    expect(dom.host.querySelector('.node-more')!.textContent).toBe('+ 100 more agents, all healthy');
  });

  it('says which agents the leader marked unreachable and how many tasks are unreachable with them', () => {
    const view = viewFor(3, 2);
    show({
      ...view,
      registeredAgents: ['agent-2'],
      unreachableAgents: ['agent-1'],
      tasks: [
        { id: 'nginx.1', service: '/nginx', node: 'agent-1', state: 'unreachable' },
        { id: 'nginx.2', service: '/nginx', node: 'agent-2', state: 'running' },
      ],
    });
    expect(dom.host.querySelector('[data-testid="agents"]')!.textContent).toBe('1/2 · 1✂');
    expect(dom.host.querySelector('[data-testid="agents"]')!.parentElement!.getAttribute('title')).toContain('agent-1');
    const tasks = dom.host.querySelector('[data-testid="tasks"]')!;
    expect(tasks.textContent).toBe('1 · 1✂');
    expect(tasks.parentElement!.getAttribute('title')).toContain('TASK_UNREACHABLE');
  });

  it('says when 3DT last pulled under the big badge (the verdict is only as fresh as the pull)', () => {
    show({ ...viewFor(3, 2), clusterHealth: 'unhealthy', diagnostics: { updatedMs: 330_000, puller: 'master-1', nodes: [] } });
    expect(dom.host.querySelector('[data-testid="health-pulled"]')!.textContent).toBe('as of the pull at 05:30') // the dashboard's m:ss clock, same as the timeline axis;
    show({ ...viewFor(3, 2), diagnostics: { updatedMs: null, puller: null, nodes: [] } });
    expect(dom.host.querySelector('[data-testid="health-pulled"]')!.textContent).toBe('no 3DT pull yet');
  });

  it('labels the 3DT column as codes, each code in a badge with its meaning (not a count)', () => {
    const view = viewFor(3, 0);
    const health = ['healthy', 'unhealthy', 'unknown'] as const;
    show({ ...view, nodes: view.nodes.map((n, i) => ({ ...n, health: health[i]! })) });
    const headers = [...dom.host.querySelectorAll('.node-table thead th')].map((th) => th.textContent);
    expect(headers).toEqual(['Node', '3DT code', 'Why']);
    const codes = [...dom.host.querySelectorAll('.node-table tbody .health-code')];
    expect(codes.map((c) => [c.querySelector('.health-code__num')!.textContent, c.querySelector('.health-code__word')!.textContent])).toEqual([
      ['0', '✓ healthy'], ['1', '! unhealthy'], ['3', '? unknown'],
    ]);
    expect(codes[2]!.getAttribute('title')).toBe('3DT health code 3 means unknown');
  });
});
