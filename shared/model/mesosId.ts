// Mesos ids as dcos-diagnostics reports them in `mesos_id` / `MesosID` (dcos-model.md §4.7). dcos-diagnostics reads
// the `id` of the local Mesos /state (5050 on masters, 5051 on agents) and caches it in memory once it got one
// [src dcos-diagnostics api/helpers.go GetMesosNodeID]; so a node has an id once its Mesos master started (masters)
// or its Mesos agent first registered (agents; 1.5 agents keep their checkpointed id across restarts), and keeps it.
// Ids are derived from the node's position only, so the engine and the pure reducer (which has no seed) agree;
// they only need to be stable, non-empty and shaped like Mesos': masters a UUID, agents "<master UUID>-S<n>".
import type { ClusterConfig } from './vocabulary.ts';
import { nodeIndex, roleOfNode } from './cluster.ts';

/** The Boot Sequence step after which a node's Mesos id exists: 'master.3' Mesos master active, 'agent.2.2' registered. */
export function mesosIdStep(nodeId: string): string {
  return roleOfNode(nodeId) === 'master' ? 'master.3' : 'agent.2.2';
}

function hex32(x: number): string {
  let h = (x ^ 0x5bd1e995) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

function uuid(k: number): string {
  const a = hex32(k * 4 + 1), b = hex32(k * 4 + 2), c = hex32(k * 4 + 3), d = hex32(k * 4 + 4);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** The Mesos id of node `nodeId` ("" for a node the cluster does not have). */
export function mesosIdOf(cluster: ClusterConfig, nodeId: string): string {
  const n = nodeIndex(cluster, nodeId);
  if (n < 0) return '';
  if (n < cluster.masters) return uuid(n + 1);
  // Agent ids carry the id of the master that first registered them; master-1 stands in for it.
  return `${uuid(1)}-S${n - cluster.masters}`;
}

