// Node naming and addressing for a cluster shape: ids master-N / agent-N / public-agent-N (1-based), a stable
// display order (masters, agents, public agents) and unique, stable IPs.
// Invariant: nodeIdsFor(c)[nodeIndex(c, id)] === id for every id it returns; IPs never collide.
import type { ClusterConfig, Role } from './vocabulary.ts';

const PATTERN = /^(master|agent|public-agent)-([1-9][0-9]{0,5})$/;

function parse(nodeId: string): { role: Role; n: number } | null {
  const m = PATTERN.exec(nodeId);
  if (!m) return null;
  const role: Role = m[1] === 'master' ? 'master' : m[1] === 'agent' ? 'agent' : 'agent_public';
  return { role, n: Number(m[2]) };
}

/** Every node id of the cluster in display order: masters, private agents, public agents. */
export function nodeIdsFor(cluster: ClusterConfig): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= cluster.masters; i++) ids.push(`master-${i}`);
  for (let i = 1; i <= cluster.agents; i++) ids.push(`agent-${i}`);
  for (let i = 1; i <= cluster.publicAgents; i++) ids.push(`public-agent-${i}`);
  return ids;
}

/** The role a well-formed node id implies (whether or not the cluster has it), or null. */
export function roleOfNode(nodeId: string): Role | null {
  return parse(nodeId)?.role ?? null;
}

/** Index of a node in nodeIdsFor(cluster), or -1 when the cluster has no such node. O(1). */
export function nodeIndex(cluster: ClusterConfig, nodeId: string): number {
  const p = parse(nodeId);
  if (!p) return -1;
  if (p.role === 'master') return p.n <= cluster.masters ? p.n - 1 : -1;
  if (p.role === 'agent') return p.n <= cluster.agents ? cluster.masters + p.n - 1 : -1;
  return p.n <= cluster.publicAgents ? cluster.masters + cluster.agents + p.n - 1 : -1;
}

function octets(n: number, small: string, big: number): string {
  if (n <= 250) return `${small}.${n}`;
  return `10.${big}.${Math.floor((n - 1) / 250)}.${((n - 1) % 250) + 1}`;
}

/** master-N -> 10.0.0.N, agent-N -> 10.0.1.N, public-agent-N -> 10.0.2.N (N <= 250); beyond: 10.1.x.y / 10.2.x.y. */
export function nodeIp(nodeId: string): string {
  const p = parse(nodeId);
  if (!p) return '0.0.0.0';
  if (p.role === 'master') return octets(p.n, '10.0.0', 3);
  if (p.role === 'agent') return octets(p.n, '10.0.1', 1);
  return octets(p.n, '10.0.2', 2);
}

/** The node of the cluster with that IP, or null. */
export function nodeByIp(cluster: ClusterConfig, ip: string): string | null {
  const m = /^10\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let id: string | null = null;
  if (a === 0 && b === 0) id = `master-${c}`;
  else if (a === 0 && b === 1) id = `agent-${c}`;
  else if (a === 0 && b === 2) id = `public-agent-${c}`;
  else if (a === 1 || a === 2 || a === 3) {
    const n = b * 250 + c;
    if (n <= 250 || c < 1 || c > 250) return null;
    id = `${a === 1 ? 'agent' : a === 2 ? 'public-agent' : 'master'}-${n}`;
  }
  if (id === null || nodeIndex(cluster, id) < 0 || nodeIp(id) !== ip) return null;
  return id;
}

/** "master-1 (10.0.0.1)". */
export function displayName(nodeId: string): string {
  return `${nodeId} (${nodeIp(nodeId)})`;
}

/** "master-1..master-3, agent-1..agent-2" for error messages. */
export function describeNodes(cluster: ClusterConfig): string {
  const parts: string[] = [];
  const range = (p: string, n: number) => (n === 1 ? `${p}-1` : `${p}-1..${p}-${n}`);
  if (cluster.masters > 0) parts.push(range('master', cluster.masters));
  if (cluster.agents > 0) parts.push(range('agent', cluster.agents));
  if (cluster.publicAgents > 0) parts.push(range('public-agent', cluster.publicAgents));
  return parts.join(', ');
}
