// A small, hand-written DC/OS catalog and ClusterView used by the DAG tests and the dev harness, modelled on
// design/dcos-model.md §2.7 so the DAG can be developed and tested independently of the engine's catalog.
// Not imported by production code.
import type { ClusterView, NodeView, Role, UnitState } from '../../shared/protocol/types.ts';
import type { Dependency, UnitSpec } from '../../shared/model/types.ts';

function spec(id: string, name: string, roles: Role[], dependsOn: Dependency[], bootGroup: string): UnitSpec {
  return {
    id, name, description: name, roles, restart: 'always', restartSec: 5, gates: [], dependsOn,
    startMs: [1000, 2000], bootGroup, teach: `${name} (fixture)`, source: 'fixture',
  };
}
const dep = (unit: string, scope: Dependency['scope'], via: string, gate = true): Dependency => ({ unit, scope, via, gate });
const ALL: Role[] = ['master', 'agent', 'agent_public'];
const AGENTS: Role[] = ['agent', 'agent_public'];

export const FIXTURE_UNITS: readonly UnitSpec[] = [
  spec('dcos-exhibitor', 'Exhibitor', ['master'], [], 'exhibitor'),
  spec('dcos-net', 'DC/OS Net', ALL, [dep('dcos-exhibitor', 'quorum-masters', 'ZooKeeper quorum')], 'networking'),
  spec('dcos-mesos-master', 'Mesos Master', ['master'], [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-exhibitor', 'all-masters', 'exhibitor.wait'),
  ], 'mesos-master'),
  spec('dcos-mesos-dns', 'Mesos DNS', ['master'], [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-mesos-master', 'mesos-leader', 'Mesos leader', false),
  ], 'mesos-dns'),
  spec('dcos-marathon', 'Marathon', ['master'], [
    dep('dcos-mesos-dns', 'any-master', 'leader.mesos'), dep('dcos-mesos-master', 'mesos-leader', 'framework registration', false),
  ], 'marathon'),
  spec('dcos-oauth', 'DC/OS Authentication (OAuth)', ['master'], [dep('dcos-exhibitor', 'all-masters', 'exhibitor.wait')], 'security'),
  spec('dcos-adminrouter', 'Admin Router Master', ['master'], [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-marathon', 'marathon-leader', 'marathon.mesos'),
    dep('dcos-mesos-dns', 'any-master', 'leader.mesos'), dep('dcos-oauth', 'local', 'oauth'),
  ], 'adminrouter'),
  spec('dcos-diagnostics', 'DC/OS Diagnostics', ALL, [], 'diagnostics'),
  spec('dcos-log-master', 'DC/OS Log Master', ['master'], [], 'logging'),
  spec('dcos-pkgpanda-api', 'DC/OS Component Package Manager (Pkgpanda)', ALL, [], 'misc'),
  spec('dcos-mesos-slave', 'Mesos Agent', ['agent'], [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-mesos-master', 'mesos-leader', 'registration', false),
  ], 'mesos-agent'),
  spec('dcos-mesos-slave-public', 'Mesos Agent Public', ['agent_public'], [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-mesos-master', 'mesos-leader', 'registration', false),
  ], 'mesos-agent'),
  spec('dcos-adminrouter-agent', 'Admin Router Agent', AGENTS, [
    dep('dcos-net', 'local', 'ready.spartan'), dep('dcos-mesos-dns', 'any-master', 'leader.mesos'),
  ], 'adminrouter'),
  spec('dcos-log-agent', 'DC/OS Log Agent', AGENTS, [], 'logging'),
];

export const FIXTURE_CATALOG: Record<string, UnitSpec> = Object.fromEntries(FIXTURE_UNITS.map((u) => [u.id, u]));

export function fixtureUnitsForRole(role: Role): UnitSpec[] {
  return FIXTURE_UNITS.filter((u) => u.roles.includes(role));
}

function node(id: string, role: Role, ip: string, state: UnitState, unitsFor: (role: Role) => readonly UnitSpec[]): NodeView {
  return {
    id, role, ip, up: true, partitioned: false, health: state === 'healthy' ? 'healthy' : 'unhealthy',
    units: unitsFor(role).map((u) => ({ id: u.id, state, health: state === 'healthy' ? 0 : 1, cause: { text: 'fixture' }, sinceMs: 0 })),
  };
}

/** A fully booted cluster of `masters` masters, `agents` private and `publicAgents` public agents. */
export function fixtureView(
  masters: 1 | 3 | 5, agents: number, publicAgents: number, state: UnitState = 'healthy',
  unitsFor: (role: Role) => readonly UnitSpec[] = fixtureUnitsForRole,
): ClusterView {
  const nodes: NodeView[] = [];
  for (let i = 1; i <= masters; i++) nodes.push(node(`master-${i}`, 'master', `10.0.0.${i}`, state, unitsFor));
  for (let i = 1; i <= agents; i++) nodes.push(node(`agent-${i}`, 'agent', `10.0.1.${i}`, state, unitsFor));
  for (let i = 1; i <= publicAgents; i++) nodes.push(node(`public-agent-${i}`, 'agent_public', `10.0.2.${i}`, state, unitsFor));
  const up = state === 'healthy';
  return {
    simTimeMs: 0, cluster: { masters, agents, publicAgents }, nodes,
    clusterHealth: up ? 'healthy' : 'unhealthy',
    quorum: { have: up ? masters : 0, need: Math.floor(masters / 2) + 1 },
    leaders: { mesos: up ? 'master-1' : null, marathon: up ? 'master-1' : null },
    dns: { 'leader.mesos': up ? '10.0.0.1' : null, 'marathon.mesos': up ? '10.0.0.1' : null },
    registeredAgents: up ? nodes.filter((n) => n.role !== 'master').map((n) => n.id) : [],
    unreachableAgents: [],
    tasks: [], faults: [], diagnostics: { updatedMs: null, puller: null, nodes: [] },
    availability: { uiReachable: up, apiReachable: up, tasksLaunchable: up, adminRouterStatus: up ? 200 : 0 },
  };
}

/** Set one unit's state in a view (returns a new view; the input is untouched). */
export function withUnitState(view: ClusterView, nodeId: string, unit: string, state: UnitState): ClusterView {
  return {
    ...view,
    nodes: view.nodes.map((n) => n.id !== nodeId ? n : { ...n, units: n.units.map((u) => u.id === unit ? { ...u, state } : u) }),
  };
}
