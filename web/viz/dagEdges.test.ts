import { describe, expect, it } from 'vitest';
import type { ClusterView, Role } from '../../shared/protocol/types.ts';
import { clusterGeometry, DEFAULT_DAG_UI } from './dagModel.ts';
import { instanceEdges, type DagEdge } from './dagEdges.ts';
import { countsText, summarizeGroup, vertexLabel } from './dagState.ts';
import { fixtureUnitsForRole, fixtureView, withUnitState } from './dagFixtures.ts';

/** Early boot: ZooKeeper and networking up, everything else waiting on its gates. */
function booting(view: ClusterView): ClusterView {
  return { ...view, nodes: view.nodes.map((n) => ({ ...n, units: n.units.map((u) => (['dcos-exhibitor', 'dcos-net'].includes(u.id) ? u : { ...u, state: 'waiting' as const })) })) };
}

function edgesOf(view: ClusterView, ui = DEFAULT_DAG_UI): DagEdge[] {
  return instanceEdges(view, clusterGeometry(view.nodes, ui, fixtureUnitsForRole), fixtureUnitsForRole);
}

describe('blocking edges', () => {
  it('nothing blocks in a healthy cluster', () => {
    expect(edgesOf(fixtureView(3, 2, 1)).filter((e) => e.block !== 'none')).toEqual([]);
  });

  it('without a Mesos leader, every leader.mesos / leader-scoped edge blocks, drawn from the missing fact', () => {
    const v: ClusterView = { ...booting(fixtureView(3, 2, 1)), leaders: { mesos: null, marathon: 'master-1' }, dns: { 'leader.mesos': null, 'marathon.mesos': '10.0.0.1' } };
    const edges = edgesOf(v);
    const viaLeader = edges.filter((e) => e.via.includes('leader.mesos'));
    expect(viaLeader.length).toBeGreaterThan(0);
    for (const e of viaLeader) expect(e.block).toBe('wait'); // amber: not there (yet), nothing broken
    // agents register with the leader: with none, the edge dangles from the "Mesos leader" fact
    expect(edges.find((e) => e.to === 'agent-1/dcos-mesos-slave' && e.from === 'fact:mesos-leader')?.block).toBe('wait');
    // a failed leader candidate is red
    const broken = withUnitState(v, 'master-2', 'dcos-net', 'failed');
    expect(edgesOf(broken).find((e) => e.from === 'master-2/dcos-net' && e.to === 'master-2/dcos-mesos-master')?.block).toBe('fail');
    // a local ready.spartan gate with a healthy dcos-net does not block
    expect(edges.find((e) => e.from === 'master-1/dcos-net' && e.to === 'master-1/dcos-mesos-master')?.block).toBe('none');
  });

  it('registration edges come from the current leader, across node groups', () => {
    const v: ClusterView = { ...fixtureView(3, 2, 0), leaders: { mesos: 'master-2', marathon: 'master-1' } };
    const e = edgesOf(v).find((x) => x.to === 'agent-2/dcos-mesos-slave' && x.via === 'registration');
    expect(e?.from).toBe('master-2/dcos-mesos-master');
    expect(e?.block).toBe('none');
  });

  it('a waiting dependency makes an amber (wait) edge, a failed one a red (fail) edge', () => {
    let v = withUnitState(booting(fixtureView(3, 1, 0)), 'master-2', 'dcos-net', 'waiting');
    expect(edgesOf(v).find((e) => e.from === 'master-2/dcos-net' && e.to === 'master-2/dcos-mesos-master')?.block).toBe('wait');
    v = withUnitState(v, 'master-2', 'dcos-net', 'failed');
    expect(edgesOf(v).find((e) => e.from === 'master-2/dcos-net' && e.to === 'master-2/dcos-mesos-master')?.block).toBe('fail');
  });

  it('losing ZooKeeper quorum blocks the quorum gates', () => {
    const v: ClusterView = { ...withUnitState(fixtureView(3, 1, 0), 'master-3', 'dcos-net', 'waiting'), quorum: { have: 1, need: 2 } };
    const e = edgesOf(v).find((x) => x.to === 'master-3/dcos-net');
    expect(e?.via).toContain('ZooKeeper quorum');
    expect(e?.block).toBe('wait');
  });

  it('a start gate blocks only a unit that has to (re)start; a runtime dependency blocks a running unit too', () => {
    // master-3 powered off: exhibitor.wait on the others fails, but their running units passed it long ago
    const base = fixtureView(3, 1, 0);
    const v: ClusterView = { ...base, nodes: base.nodes.map((n) => (n.id === 'master-3' ? { ...n, up: false } : n)) };
    const gate = (view: ClusterView) => edgesOf(view).find((e) => e.from === 'master-1/dcos-exhibitor' && e.to === 'master-1/dcos-oauth');
    expect(gate(v)?.block).toBe('none');
    expect(gate(withUnitState(v, 'master-1', 'dcos-oauth', 'waiting'))?.block).toBe('fail');
    // the agent's registration is runtime: a failed leader blocks it although the agent unit runs
    const r = edgesOf(withUnitState(base, 'master-1', 'dcos-mesos-master', 'failed')).find((e) => e.to === 'agent-1/dcos-mesos-slave' && e.via === 'registration');
    expect(r?.block).toBe('fail');
    // nothing is drawn as blocking into a powered-off node
    expect(edgesOf(booting(v)).filter((e) => e.to.startsWith('master-3/') && e.block !== 'none')).toEqual([]);
  });

  it('names what actually blocks when one edge carries several dependencies', () => {
    // dcos-net runs (its bootstrap gate passed long ago) but also needs ZooKeeper at run time
    const units = (role: Role) => fixtureUnitsForRole(role).map((u) => (u.id !== 'dcos-net' ? u
      : { ...u, dependsOn: [...u.dependsOn, { unit: 'dcos-exhibitor', scope: 'local' as const, via: 'ZooKeeper session', gate: false }] }));
    const v = withUnitState(fixtureView(3, 0, 0), 'master-1', 'dcos-exhibitor', 'stopped');
    const e = instanceEdges(v, clusterGeometry(v.nodes, DEFAULT_DAG_UI, units), units).find((x) => x.from === 'master-1/dcos-exhibitor' && x.to === 'master-1/dcos-net');
    expect(e).toMatchObject({ block: 'fail', blockVia: 'ZooKeeper session', via: 'ZooKeeper quorum, ZooKeeper session' });
  });

  it('shows a blocking shortcut edge even though a longer (healthy) path implies it', () => {
    const v = withUnitState(withUnitState(fixtureView(3, 0, 0), 'master-2', 'dcos-exhibitor', 'stopped'), 'master-1', 'dcos-mesos-master', 'waiting');
    const e = edgesOf(v).find((x) => x.from === 'master-1/dcos-exhibitor' && x.to === 'master-1/dcos-mesos-master');
    expect(e).toMatchObject({ block: 'fail', minor: false, label: true, via: 'exhibitor.wait' });
    // satisfied, the same shortcut is not drawn at all (the chain through dcos-net shows the order)
    expect(edgesOf(fixtureView(3, 0, 0)).find((x) => x.from === 'master-1/dcos-exhibitor' && x.to === 'master-1/dcos-mesos-master')).toBeUndefined();
  });

  it('one merged edge per source into a collapsed group, blocking if any member is blocked', () => {
    let v = fixtureView(3, 20, 0);
    expect(edgesOf(v).filter((e) => e.to === 'group:agents' && e.via === 'registration')).toHaveLength(1);
    v = { ...v, nodes: v.nodes.map((n) => (n.id === 'agent-7' ? { ...n, partitioned: true } : n)) };
    expect(edgesOf(v).find((e) => e.to === 'group:agents' && e.via === 'registration')?.block).toBe('fail');
  });

  it('with many agents expanded, only their blocked links to the masters are drawn', () => {
    const ui = { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: 50 } };
    let v = fixtureView(3, 20, 0);
    const drawn = (view: ClusterView) => edgesOf(view, ui).filter((e) => !e.minor && e.to.startsWith('agent-') && !e.from.startsWith('agent-'));
    expect(drawn(v)).toEqual([]);
    v = withUnitState(v, 'master-1', 'dcos-mesos-master', 'failed');
    expect(drawn(v).filter((e) => e.via === 'registration')).toHaveLength(20);
  });

  it('every edge has a drawable path', () => {
    for (const e of edgesOf(fixtureView(3, 2, 1))) expect(e.path).toMatch(/^M[-\d.]+,[-\d.]+ [CQL]/);
  });
});

describe('collapsed group summary', () => {
  it('counts nodes by their worst unit and registered agents', () => {
    let v = fixtureView(1, 100, 0);
    v = withUnitState(v, 'agent-3', 'dcos-mesos-slave', 'waiting');
    v = withUnitState(v, 'agent-9', 'dcos-net', 'waiting');
    v = { ...v, registeredAgents: v.registeredAgents.filter((a) => a !== 'agent-3' && a !== 'agent-9') };
    const s = summarizeGroup(v, v.nodes.filter((n) => n.role === 'agent').map((n) => n.id));
    expect(countsText(s)).toBe('2 waiting · 98 healthy');
    expect(s.worst).toBe('waiting');
    expect(s.registered).toBe(98);
  });

  it('labels vertices exactly as the a11y contract says', () => {
    expect(vertexLabel('master-1', 'dcos-exhibitor', 'healthy', null)).toBe('dcos-exhibitor on master-1: healthy');
    expect(vertexLabel('master-2', 'dcos-mesos-master', 'healthy', 'mesos')).toBe('dcos-mesos-master on master-2: healthy (Mesos leader)');
  });
});
