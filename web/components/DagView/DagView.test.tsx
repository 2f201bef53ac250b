// @vitest-environment happy-dom
// The DAG as a class and an e2e test see it: every vertex carries the data-*/aria-label contract, units are
// activated by keyboard and mouse, missing leaders show as blocking edges, big agent pools collapse into one
// summary vertex that expands, explain highlights light up the path, and events never re-run the layout.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import type { FaultTarget } from '../../types.ts';
import { fixtureUnitsForRole, fixtureView, withUnitState } from '../../viz/dagFixtures.ts';
import { roleLayoutStats } from '../../viz/dagLayout.ts';
import { DagView } from './DagView.tsx';

const dom = mountPerTest();
let activations: Array<{ target: FaultTarget; anchor: { x: number; y: number } }>;

beforeEach(() => {
  activations = [];
});

const onActivate = (target: FaultTarget, anchor: { x: number; y: number }) => activations.push({ target, anchor });
function render(view: ClusterView, highlight: readonly string[] = [], selected: { node: string; unit: string } | null = null) {
  act(() => dom.render(<DagView view={view} selected={selected} highlight={highlight} onActivate={onActivate} unitsForRole={fixtureUnitsForRole} />));
}
const vertices = () => [...dom.host.querySelectorAll<SVGGElement>('.dag-vertex')];
const vertex = (node: string, unit: string) => dom.host.querySelector<SVGGElement>(`[data-node="${node}"][data-unit="${unit}"]`);

describe('DagView', () => {
  it('draws every unit of every node with data-node/unit/state and the exact aria-label', () => {
    const view = fixtureView(3, 2, 1);
    render(view);
    const expected = view.nodes.reduce((n, node) => n + node.units.length, 0);
    expect(vertices()).toHaveLength(expected);
    for (const v of vertices()) {
      const { node, unit, state } = v.dataset;
      expect(node && unit && state).toBeTruthy();
      expect(v.getAttribute('aria-label')).toMatch(new RegExp(`^${unit} on ${node}: ${state}( \\((Mesos|Marathon) leader\\))?$`));
      expect(v.getAttribute('role')).toBe('button');
      expect(['0', '-1']).toContain(v.getAttribute('tabindex'));
    }
    // Roving tabindex: the graph is one Tab stop, not a hundred; the arrows move between vertices.
    expect(vertices().filter((v) => v.getAttribute('tabindex') === '0')).toHaveLength(1);
    expect(vertex('master-1', 'dcos-exhibitor')!.getAttribute('aria-label')).toBe('dcos-exhibitor on master-1: healthy');
    expect(vertex('master-1', 'dcos-exhibitor')!.textContent).toContain('Exhibitor / ZK');
  });

  it('marks the leaders with a crown and says so to screen readers', () => {
    render({ ...fixtureView(3, 1, 0), leaders: { mesos: 'master-2', marathon: 'master-3' } });
    expect(vertex('master-2', 'dcos-mesos-master')!.getAttribute('aria-label')).toBe('dcos-mesos-master on master-2: healthy (Mesos leader)');
    expect(vertex('master-2', 'dcos-mesos-master')!.querySelector('.dag-crown')).not.toBeNull();
    expect(vertex('master-1', 'dcos-mesos-master')!.querySelector('.dag-crown')).toBeNull();
    expect(vertex('master-3', 'dcos-marathon')!.dataset.leader).toBe('marathon');
  });

  it('shows Exhibitor as converging, not as a green check, while ZooKeeper has no quorum', () => {
    const view = { ...fixtureView(3, 2, 1), quorum: { have: 1, need: 2 } };
    render(view);
    const exh = vertex('master-1', 'dcos-exhibitor')!;
    expect(exh.dataset.state).toBe('healthy');
    expect(exh.dataset.converging).toBe('true');
    expect(exh.getAttribute('aria-label')).toMatch(/converging/);
    expect(exh.querySelector('.dag-glyph')?.textContent).not.toBe('✓');
    render({ ...view, quorum: { have: 3, need: 2 } });
    expect(vertex('master-1', 'dcos-exhibitor')!.dataset.converging).toBeUndefined();
  });

  it('activates a unit by Enter, Space and click, with an anchor, and a node by its header', () => {
    render(fixtureView(3, 1, 0));
    const v = vertex('master-2', 'dcos-marathon')!;
    act(() => { v.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); });
    act(() => { v.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })); });
    act(() => { v.dispatchEvent(new MouseEvent('click', { bubbles: true })); });
    act(() => { v.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true })); });
    expect(activations.map((a) => a.target)).toEqual(Array(3).fill({ node: 'master-2', unit: 'dcos-marathon' }));
    expect(typeof activations[0]!.anchor.x).toBe('number');
    const header = dom.host.querySelector('[data-group-node="agent-1"] .dag-group-header')!;
    act(() => { header.dispatchEvent(new MouseEvent('click', { bubbles: true })); });
    expect(activations.at(-1)!.target).toEqual({ node: 'agent-1', unit: null });
  });

  it('updates states and blocking edges per event without re-running the layout', () => {
    const view = fixtureView(3, 2, 1);
    render(view);
    const before = roleLayoutStats().computed;
    expect(dom.host.querySelectorAll('.dag-edge.block-fail, .dag-edge.block-wait')).toHaveLength(0);
    let broken = withUnitState(withUnitState(view, 'master-1', 'dcos-mesos-master', 'failed'), 'master-1', 'dcos-net', 'failed');
    broken = withUnitState(withUnitState(broken, 'master-2', 'dcos-marathon', 'waiting'), 'master-2', 'dcos-adminrouter', 'waiting');
    const noLeader: ClusterView = { ...broken, leaders: { mesos: null, marathon: null }, dns: { 'leader.mesos': null, 'marathon.mesos': null } };
    render(noLeader);
    expect(vertex('master-1', 'dcos-mesos-master')!.dataset.state).toBe('failed');
    // red out of the failed unit, amber (waiting) where the leader is simply missing
    expect([...dom.host.querySelectorAll<SVGPathElement>('.dag-edge.block-fail')].map((e) => `${e.dataset.from}>${e.dataset.to}`)).toContain('master-1/dcos-net>master-1/dcos-mesos-master');
    const waiting = [...dom.host.querySelectorAll<SVGPathElement>('.dag-edge.block-wait')];
    expect(waiting.some((e) => e.dataset.from === 'fact:mesos-leader' && e.dataset.to === 'agent-1/dcos-mesos-slave')).toBe(true);
    expect([...dom.host.querySelectorAll('.dag-edge-label')].some((t) => t.textContent === '… leader.mesos')).toBe(true);
    expect(dom.host.querySelector('[data-fact="mesos-leader"]')!.getAttribute('data-ok')).toBe('false');
    expect(roleLayoutStats().computed).toBe(before);
  });

  it('collapses more than 6 agents into one summary vertex that expands on activation', () => {
    let view = fixtureView(3, 100, 0);
    view = withUnitState(view, 'agent-5', 'dcos-mesos-slave', 'waiting');
    view = { ...view, registeredAgents: view.registeredAgents.filter((a) => a !== 'agent-5') };
    render(view);
    const group = vertex('agents', '*')!;
    expect(group.dataset.state).toBe('waiting');
    expect(group.getAttribute('aria-label')).toContain('100 private agents: 1 waiting · 99 healthy; 99 of 100 registered');
    expect(dom.host.querySelectorAll('[data-node^="agent-"]')).toHaveLength(0);
    act(() => { group.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); });
    expect(vertex('agents', '*')).toBeNull();
    expect(new Set(vertices().map((v) => v.dataset.node).filter((n) => n!.startsWith('agent-'))).size).toBe(50);
    const more = dom.host.querySelector<SVGGElement>('[aria-label="Show 50 more private agents"]')!;
    act(() => { more.dispatchEvent(new MouseEvent('click', { bubbles: true })); });
    expect(new Set(vertices().map((v) => v.dataset.node).filter((n) => n!.startsWith('agent-'))).size).toBe(100);
  });

  it('rings the explain path and the selection, dims the rest', () => {
    render(fixtureView(3, 1, 0), ['master-1/dcos-exhibitor', 'master-1/dcos-net', 'fact:quorum'], { node: 'master-2', unit: 'dcos-net' });
    expect(dom.host.querySelector('.dag-view')!.classList.contains('has-hl')).toBe(true);
    expect(vertex('master-1', 'dcos-exhibitor')!.classList.contains('is-hl')).toBe(true);
    expect(vertex('master-2', 'dcos-exhibitor')!.classList.contains('is-hl')).toBe(false);
    const glowing = [...dom.host.querySelectorAll<SVGPathElement>('.dag-edge.is-hl')];
    expect(glowing.map((e) => `${e.dataset.from}>${e.dataset.to}`)).toEqual(['master-1/dcos-exhibitor>master-1/dcos-net']);
    expect(dom.host.querySelector('[data-fact="quorum"]')!.classList.contains('is-hl')).toBe(true);
    expect(vertex('master-2', 'dcos-net')!.classList.contains('is-selected')).toBe(true);
  });

  it('shows a partitioned or powered-off node dimmed with a tag', () => {
    const view = fixtureView(3, 1, 0);
    render({ ...view, nodes: view.nodes.map((n) => (n.id === 'master-3' ? { ...n, partitioned: true } : n.id === 'agent-1' ? { ...n, up: false } : n)) });
    expect(dom.host.querySelector('[data-group-node="master-3"]')!.textContent).toContain('⚡ partitioned');
    expect(dom.host.querySelector('[data-group-node="agent-1"]')!.textContent).toContain('⊘ powered off');
    expect(dom.host.querySelector('[data-group-node="master-1"]')!.classList.contains('is-cut')).toBe(false);
  });
});
