import { beforeEach, describe, expect, it } from 'vitest';
import { displayName, resetRoleLayoutCache, roleLayout, roleLayoutStats, type Box } from './dagLayout.ts';
import { clusterGeometry, DEFAULT_DAG_UI, EXPANDED_PAGE, shapeKey } from './dagModel.ts';
import { fixtureUnitsForRole, fixtureView } from './dagFixtures.ts';

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('role layout', () => {
  beforeEach(() => resetRoleLayoutCache());

  it('reads left to right in boot order: Exhibitor, Mesos master, Marathon, Admin Router', () => {
    const l = roleLayout('master', fixtureUnitsForRole('master'));
    const x = (u: string): number => l.byUnit[u]!.x;
    expect(x('dcos-exhibitor')).toBeLessThan(x('dcos-mesos-master'));
    expect(x('dcos-mesos-master')).toBeLessThan(x('dcos-marathon'));
    expect(x('dcos-marathon')).toBeLessThan(x('dcos-adminrouter'));
    // and every local edge points rightwards
    for (const e of l.edges) expect(l.byUnit[e.from]!.x).toBeLessThan(l.byUnit[e.to]!.x);
  });

  it('keeps units without dependencies, and units off the spine, out of the layered graph as tray squares', () => {
    const l = roleLayout('master', fixtureUnitsForRole('master'));
    expect(l.byUnit['dcos-log-master']).toMatchObject({ rank: -1, compact: true });
    expect(l.byUnit['dcos-marathon']!.compact).toBe(false);
    const spine = new Set(['dcos-exhibitor', 'dcos-net', 'dcos-mesos-master', 'dcos-mesos-dns', 'dcos-marathon']);
    const s = roleLayout('master', fixtureUnitsForRole('master'), spine);
    expect(s.vertices.filter((v) => !v.compact).map((v) => v.unit).sort()).toEqual([...spine].sort());
    expect(s.edges.find((e) => e.from === 'dcos-marathon' && e.to === 'dcos-adminrouter')?.quiet).toBe(false);
    // in the cluster, the tray sits in the header (room enough on a master) or under the graph, never on it
    const g = clusterGeometry(fixtureView(1, 1, 0).nodes, DEFAULT_DAG_UI, fixtureUnitsForRole, spine);
    const m = g.groups[0]!;
    const tray = g.boxes.get('master-1/dcos-adminrouter')!;
    expect(tray.y + tray.h <= m.originY - 8 || tray.y >= m.originY + s.height).toBe(true);
  });

  it('runs dagre once per role unit set, however many nodes and renders ask', () => {
    const units = fixtureUnitsForRole('agent');
    const first = roleLayout('agent', units);
    for (let i = 0; i < 50; i++) expect(roleLayout('agent', units)).toBe(first);
    expect(roleLayoutStats()).toEqual({ computed: 1, hits: 50 });
    clusterGeometry(fixtureView(3, 40, 3).nodes, { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: 50 } }, fixtureUnitsForRole);
    expect(roleLayoutStats().computed).toBe(3); // + master + public agent, not one per node
  });

  it('has no overlapping vertices inside a role graph', () => {
    for (const role of ['master', 'agent', 'agent_public'] as const) {
      const vs = roleLayout(role, fixtureUnitsForRole(role)).vertices;
      for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) expect(overlaps(vs[i]!, vs[j]!), `${vs[i]!.unit} vs ${vs[j]!.unit}`).toBe(false);
    }
  });
});

describe('cluster geometry', () => {
  it('places every displayed vertex without overlaps, masters left of agents', () => {
    const g = clusterGeometry(fixtureView(3, 2, 1).nodes, DEFAULT_DAG_UI, fixtureUnitsForRole);
    const all = [...g.boxes.entries()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]![1], all[j]![1]), `${all[i]![0]} vs ${all[j]![0]}`).toBe(false);
    const groups = g.groups;
    for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) expect(overlaps(groups[i]!, groups[j]!)).toBe(false);
    expect(g.boxes.get('agent-1/dcos-mesos-slave')!.x).toBeGreaterThan(g.boxes.get('master-1/dcos-adminrouter')!.x);
    expect(g.boxes.get('public-agent-1/dcos-mesos-slave-public')).toBeDefined();
    for (const b of g.boxes.values()) {
      expect(b.x + b.w).toBeLessThanOrEqual(g.width);
      expect(b.y + b.h).toBeLessThanOrEqual(g.height);
    }
  });

  it(`collapses more than the threshold of agents into one summary vertex, and expands on demand`, () => {
    const view = fixtureView(3, 100, 6);
    const g = clusterGeometry(view.nodes, DEFAULT_DAG_UI, fixtureUnitsForRole);
    expect(g.collapsed.map((c) => [c.id, c.nodeIds.length])).toEqual([['agents', 100]]);
    expect(g.groups.filter((x) => x.role === 'agent')).toHaveLength(0);
    expect(g.groups.filter((x) => x.role === 'agent_public')).toHaveLength(6); // 6 is not more than the threshold
    const open = clusterGeometry(view.nodes, { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: 50 } }, fixtureUnitsForRole);
    expect(open.groups.filter((x) => x.role === 'agent')).toHaveLength(50);
    expect(open.sections.find((s) => s.role === 'agent')).toMatchObject({ total: 100, shown: 50, expanded: true });
  });

  it('changes its shape key only when nodes or expansion change, not when states do', () => {
    const a = fixtureView(3, 2, 1, 'healthy');
    const b = fixtureView(3, 2, 1, 'waiting');
    expect(shapeKey(a, DEFAULT_DAG_UI)).toBe(shapeKey(b, DEFAULT_DAG_UI));
    expect(shapeKey(fixtureView(3, 3, 1), DEFAULT_DAG_UI)).not.toBe(shapeKey(a, DEFAULT_DAG_UI));
  });
});

describe('display names', () => {
  it('derives short names a class recognises', () => {
    expect(displayName('dcos-exhibitor', { name: 'Exhibitor' })).toBe('Exhibitor / ZK');
    expect(displayName('dcos-metronome', { name: 'DC/OS Jobs (Metronome)' })).toBe('Metronome');
    expect(displayName('dcos-history', { name: 'DC/OS History' })).toBe('History');
    expect(displayName('dcos-foo-master', { name: 'DC/OS Foo Master' })).toBe('Foo Master');
    expect(displayName('dcos-something-really-long-named')).toMatch(/…$/);
  });
});

describe('finding a node among thousands', () => {
  it('an expanded section shows the node searched for first, even beyond its first page', () => {
    const view = fixtureView(3, 120, 0);
    const ui = { ...DEFAULT_DAG_UI, agent: { expanded: true, limit: EXPANDED_PAGE, find: 'agent-117' } };
    const geom = clusterGeometry(view.nodes, ui, fixtureUnitsForRole);
    const agents = geom.groups.filter((g) => g.role === 'agent').map((g) => g.node);
    expect(agents).toHaveLength(EXPANDED_PAGE);
    expect(agents[0]).toBe('agent-117');
    expect(shapeKey(view, ui)).not.toBe(shapeKey(view, { ...ui, agent: { ...ui.agent, find: 'agent-3' } }));
  });
});
