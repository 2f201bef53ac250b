/**
 * What Why? must say about the node itself before any unit's chain: a partitioned agent's units still run (systemd
 * says active), so the engine's chain reads "healthy: active (running)", yet the masters cannot reach the node. The
 * class needs the partition named, and whether Mesos still counts the agent.
 */
import type { ClusterView } from '../../../shared/protocol/types.ts';

export interface NodeCondition {
  kind: 'partitioned' | 'powered-off';
  text: string;
}

export function nodeCondition(view: Pick<ClusterView, 'nodes' | 'registeredAgents'>, node: string): NodeCondition | null {
  const n = view.nodes.find((x) => x.id === node);
  if (n === undefined) return null;
  if (!n.up) return { kind: 'powered-off', text: `${node} is powered off: nothing on it runs, and nobody can reach it.` };
  if (!n.partitioned) return null;
  const agent = n.role !== 'master';
  const registered = view.registeredAgents.includes(node);
  const mesos = !agent ? ' Its ZooKeeper, Mesos master and Marathon are out of the ensemble until the network heals.'
    : registered ? ' Mesos still lists it as a registered agent until its health checks time out, then marks it unreachable.'
    : ' Mesos has marked it unreachable: its tasks are lost to the cluster until the network heals.';
  return { kind: 'partitioned', text: `${node} is partitioned: its units still run on it, but the ${agent ? 'masters' : 'other masters'} cannot reach it.${mesos}` };
}
