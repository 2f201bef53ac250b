/**
 * Test fixtures for the timeline: a tiny event builder that stamps seq and time like the engine does,
 * a short scripted boot of a small cluster, and a matching ClusterView. Used only by tests.
 */
import type { ClusterView, NodeView, Role, SimEvent, SimEventBody, UnitState } from '../../shared/protocol/types.ts';

export class EventScript {
  private seq = 0;
  readonly events: SimEvent[] = [];
  at(simTimeMs: number, body: SimEventBody): this {
    this.seq += 1;
    this.events.push({ ...body, seq: this.seq, simTimeMs } as SimEvent);
    return this;
  }
  unit(simTimeMs: number, node: string, unit: string, from: UnitState, to: UnitState, text = `${unit} ${to}`): this {
    return this.at(simTimeMs, { type: 'unit', node, unit, from, to, cause: { text } });
  }
}

const MASTER_UNITS = ['dcos-exhibitor', 'dcos-mesos-master', 'dcos-mesos-dns', 'dcos-marathon'];
const AGENT_UNITS = ['dcos-mesos-slave', 'dcos-net'];

/** A deterministic boot of `masters` masters and `agents` agents with a fault and recovery in the middle. */
export function bootScript(masters = 3, agents = 2): EventScript {
  const s = new EventScript();
  const nodes = [...Array.from({ length: masters }, (_, i) => `master-${i + 1}`), ...Array.from({ length: agents }, (_, i) => `agent-${i + 1}`)];
  s.at(0, { type: 'narration', text: 'The cluster powers on.' });
  for (const node of nodes) {
    const units = node.startsWith('master') ? MASTER_UNITS : AGENT_UNITS;
    units.forEach((unit, i) => {
      s.unit(0, node, unit, 'pending', 'waiting', `${unit} waits for its gates`);
      s.unit(1_000 + i * 4_000, node, unit, 'waiting', 'starting');
      s.unit(3_000 + i * 4_000, node, unit, 'starting', 'healthy');
    });
  }
  s.at(9_000, { type: 'quorum', have: masters, need: Math.floor(masters / 2) + 1, cause: { text: 'all ZooKeepers serving' } });
  s.at(10_000, { type: 'leader', role: 'mesos', node: 'master-1', cause: { text: 'won the election' } });
  for (const node of nodes) s.at(20_000, { type: 'node', node, health: 'healthy', cause: { text: 'all units healthy' } });
  const fault = { kind: 'kill', node: 'master-1', unit: 'dcos-mesos-master' } as const;
  s.at(30_000, { type: 'fault', fault, active: true, cause: { text: 'injected by a user' }, by: { role: 'scenario' } });
  s.unit(30_000, 'master-1', 'dcos-mesos-master', 'healthy', 'failed', 'killed');
  s.at(30_000, { type: 'leader', role: 'mesos', node: null, cause: { text: 'leader lost' } });
  s.at(30_000, { type: 'fault', fault, active: false, cause: { text: 'one-shot fault' }, by: { role: 'scenario' } });
  s.unit(45_000, 'master-1', 'dcos-mesos-master', 'failed', 'starting', 'systemd restarted it after RestartSec');
  s.unit(47_000, 'master-1', 'dcos-mesos-master', 'starting', 'healthy');
  s.at(48_000, { type: 'leader', role: 'mesos', node: 'master-2', cause: { text: 'won the election' } });
  s.at(50_000, { type: 'node', node: 'master-1', health: 'unhealthy', cause: { text: 'one unit was failed at the pull' } });
  s.at(60_000, { type: 'power', node: 'agent-1', up: true, partitioned: true, cause: { text: 'partitioned by a user' } });
  return s;
}

/** A ClusterView consistent with the end of `bootScript` (only what the timeline reads is realistic). */
export function viewFor(masters = 3, agents = 2): ClusterView {
  const node = (id: string, role: Role, units: string[]): NodeView => ({
    id, role, ip: '10.0.0.1', up: true, partitioned: id === 'agent-1', health: id === 'master-1' ? 'unhealthy' : 'healthy',
    units: units.map((u) => ({ id: u, state: 'healthy' as const, health: 0 as const, cause: { text: 'ok' }, sinceMs: 0 })),
  });
  const nodes = [
    ...Array.from({ length: masters }, (_, i) => node(`master-${i + 1}`, 'master', MASTER_UNITS)),
    ...Array.from({ length: agents }, (_, i) => node(`agent-${i + 1}`, 'agent', AGENT_UNITS)),
  ];
  return {
    simTimeMs: 60_000,
    cluster: { masters: masters as 1 | 3 | 5, agents, publicAgents: 0 },
    nodes,
    clusterHealth: 'unhealthy',
    quorum: { have: masters, need: Math.floor(masters / 2) + 1 },
    leaders: { mesos: 'master-2', marathon: null },
    dns: {},
    registeredAgents: [],
    unreachableAgents: [],
    tasks: [],
    availability: { uiReachable: true, apiReachable: true, tasksLaunchable: true, adminRouterStatus: 200 },
    faults: [],
    diagnostics: { updatedMs: null, puller: null, nodes: [] },
  };
}
