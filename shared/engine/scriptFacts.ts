// Facts a scenario step can wait for ("when the cluster is healthy, say ..."), so narration cannot run ahead of the
// cluster whatever the seed. A condition is checked once against the view when its step falls due, then against
// each event after it: every fact here is carried by exactly one event type, so no view is rebuilt per event.
// Invariant: holdsIn(view) is what folding the events so far says; matchesEvent(e) is true exactly when e makes
// the fact true (or repeats it).
import type { ClusterView, Health, MesosRole, SimEvent, TaskState, UnitState } from './types.ts';

export type ScriptCondition =
  | { fact: 'cluster'; is: Health }
  /** A node's health as the last diagnostics pull reported it. */
  | { fact: 'node'; node: string; is: Health }
  | { fact: 'quorum'; is: 'ok' | 'lost' }
  /** A Mesos-DNS name as dcos-net forwards it cluster-wide. */
  | { fact: 'dns'; name: 'leader.mesos' | 'marathon.mesos'; is: 'resolves' | 'fails' }
  | { fact: 'leader'; role: MesosRole; is: 'elected' | 'none' }
  | { fact: 'agent'; node: string; is: 'registered' | 'disconnected' | 'unreachable' }
  | { fact: 'unit'; node: string; unit: string; is: UnitState }
  | { fact: 'task'; is: TaskState; service?: string };

export function holdsIn(view: ClusterView, c: ScriptCondition): boolean {
  switch (c.fact) {
    case 'cluster': return view.clusterHealth === c.is;
    case 'node': return view.nodes.some((n) => n.id === c.node && n.health === c.is);
    case 'quorum': return (view.quorum.have >= view.quorum.need) === (c.is === 'ok');
    case 'dns': return ((view.dns[c.name] ?? null) !== null) === (c.is === 'resolves');
    case 'leader': return (view.leaders[c.role] !== null) === (c.is === 'elected');
    case 'agent': {
      if (c.is === 'registered') return view.registeredAgents.includes(c.node);
      if (c.is === 'unreachable') return view.unreachableAgents.includes(c.node);
      return !view.registeredAgents.includes(c.node) && !view.unreachableAgents.includes(c.node);
    }
    case 'unit': return view.nodes.some((n) => n.id === c.node && n.units.some((u) => u.id === c.unit && u.state === c.is));
    case 'task': return view.tasks.some((t) => t.state === c.is && (c.service === undefined || t.service === c.service));
  }
}

export function matchesEvent(e: SimEvent, c: ScriptCondition): boolean {
  switch (c.fact) {
    case 'cluster': return e.type === 'cluster' && e.health === c.is;
    case 'node': return e.type === 'node' && e.node === c.node && e.health === c.is;
    case 'quorum': return e.type === 'quorum' && (e.have >= e.need) === (c.is === 'ok');
    case 'dns': return e.type === 'dns' && e.name === c.name && (e.value !== null) === (c.is === 'resolves');
    case 'leader': return e.type === 'leader' && e.role === c.role && (e.node !== null) === (c.is === 'elected');
    case 'agent': {
      if (e.type !== 'agent' || e.node !== c.node) return false;
      if (c.is === 'registered') return e.registered;
      if (c.is === 'unreachable') return e.unreachable === true;
      return !e.registered && e.unreachable !== true;
    }
    case 'unit': return e.type === 'unit' && e.node === c.node && e.unit === c.unit && e.to === c.is;
    case 'task': return e.type === 'task' && e.state === c.is && (c.service === undefined || e.service === c.service);
  }
}

/** "the cluster is healthy", for error messages and the CLI. */
export function describeCondition(c: ScriptCondition): string {
  switch (c.fact) {
    case 'cluster': return `the cluster is ${c.is}`;
    case 'node': return `${c.node} reads ${c.is}`;
    case 'quorum': return c.is === 'ok' ? 'ZooKeeper has quorum' : 'ZooKeeper has lost quorum';
    case 'dns': return `${c.name} ${c.is === 'resolves' ? 'resolves' : 'does not resolve'}`;
    case 'leader': return c.is === 'elected' ? `a ${c.role === 'mesos' ? 'Mesos' : 'Marathon'} leader is elected` : `there is no ${c.role === 'mesos' ? 'Mesos' : 'Marathon'} leader`;
    case 'agent': return `${c.node} is ${c.is}`;
    case 'unit': return `${c.unit} on ${c.node} is ${c.is}`;
    case 'task': return `a ${c.service ?? ''}${c.service ? ' ' : ''}task is ${c.is}`;
  }
}
