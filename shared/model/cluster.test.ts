// Node ids, roles and IPs: stable, unique, and reversible, including past 250 agents.
import { describe, expect, it } from 'vitest';
import { describeNodes, nodeByIp, nodeIdsFor, nodeIndex, nodeIp, roleOfNode } from './cluster.ts';

describe('cluster naming', () => {
  const cluster = { masters: 3 as const, agents: 600, publicAgents: 260 };

  it('orders masters, agents, public agents and indexes them in O(1)', () => {
    const ids = nodeIdsFor(cluster);
    expect(ids.slice(0, 4)).toEqual(['master-1', 'master-2', 'master-3', 'agent-1']);
    expect(ids).toHaveLength(863);
    ids.forEach((id, i) => expect(nodeIndex(cluster, id)).toBe(i));
    expect(nodeIndex(cluster, 'master-4')).toBe(-1);
    expect(nodeIndex(cluster, 'agent-601')).toBe(-1);
    expect(nodeIndex(cluster, 'agent-01')).toBe(-1);
  });

  it('maps roles as dcos-diagnostics names them', () => {
    expect(roleOfNode('master-2')).toBe('master');
    expect(roleOfNode('agent-7')).toBe('agent');
    expect(roleOfNode('public-agent-1')).toBe('agent_public');
    expect(roleOfNode('bogus')).toBeNull();
  });

  it('gives the documented IPs and keeps all IPs unique and reversible', () => {
    expect(nodeIp('master-1')).toBe('10.0.0.1');
    expect(nodeIp('agent-250')).toBe('10.0.1.250');
    expect(nodeIp('public-agent-3')).toBe('10.0.2.3');
    expect(nodeIp('agent-251')).toBe('10.1.1.1');
    expect(nodeIp('public-agent-251')).toBe('10.2.1.1');
    const ips = nodeIdsFor(cluster).map(nodeIp);
    expect(new Set(ips).size).toBe(ips.length);
    for (const id of nodeIdsFor(cluster)) expect(nodeByIp(cluster, nodeIp(id))).toBe(id);
    expect(nodeByIp(cluster, '10.0.0.9')).toBeNull();
    expect(nodeByIp(cluster, 'x')).toBeNull();
  });

  it('describes the nodes for error messages', () => {
    expect(describeNodes({ masters: 3, agents: 2, publicAgents: 0 })).toBe('master-1..master-3, agent-1..agent-2');
  });
});
