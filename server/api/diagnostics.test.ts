// dcos-diagnostics responses, field for field and in Go struct order, from a hand-built cluster view
// (3 masters, 1 agent, 1 public agent; Mesos-DNS unhealthy on master-1; the public agent unreachable).
import { describe, expect, it } from 'vitest';
import type { ClusterView, DiagnosticsNodeReport, NodeView, Role } from '../../shared/engine/types.ts';
import { mesosIdOf } from '../../shared/model/mesosId.ts';
import { ansic, DiagnosticsApi, DiagnosticsMiss, rfc3339, systemdId } from './diagnostics.ts';

const LABELS: Record<string, { name: string; description: string }> = {
  'dcos-mesos-dns': { name: 'Mesos DNS', description: 'domain name based service discovery' },
  'dcos-mesos-master': { name: 'Mesos Master', description: 'distributed systems kernel' },
  'dcos-mesos-slave': { name: 'Mesos Agent', description: 'distributed systems kernel agent' },
};
const label = (id: string) => LABELS[id];
const CLUSTER = { masters: 3, agents: 1, publicAgents: 1 } as const;

function node(id: string, role: Role, ip: string, units: string[], unhealthy: string[] = []): NodeView {
  return {
    id, role, ip, up: true, partitioned: false, health: unhealthy.length ? 'unhealthy' : 'healthy',
    units: units.map((u) => ({ id: u, state: unhealthy.includes(u) ? 'waiting' : 'healthy', health: unhealthy.includes(u) ? 1 : 0, cause: { text: unhealthy.includes(u) ? 'waiting: leader.mesos does not resolve' : 'ready' }, sinceMs: 0 })),
  };
}
function report(n: NodeView, health: 0 | 1 | 3): DiagnosticsNodeReport {
  const units: DiagnosticsNodeReport['units'] = {};
  if (health !== 3) for (const u of n.units) units[u.id] = { health: u.health, output: u.health ? `Unit ${u.id}.service has never entered \`active\` state` : '' };
  return { ip: n.ip, node: n.id, role: n.role, health, units };
}

const masters = [1, 2, 3].map((i) => node(`master-${i}`, 'master', `10.0.0.${i}`, ['dcos-mesos-master', 'dcos-mesos-dns'], i === 1 ? ['dcos-mesos-dns'] : []));
const agent = node('agent-1', 'agent', '10.0.1.1', ['dcos-mesos-slave']);
const pub = node('public-agent-1', 'agent_public', '10.0.2.1', ['dcos-mesos-slave-public']);

function view(pulled: boolean): ClusterView {
  return {
    simTimeMs: 61_000, cluster: CLUSTER, nodes: [...masters, agent, pub],
    clusterHealth: 'unhealthy', quorum: { have: 3, need: 2 }, leaders: { mesos: 'master-2', marathon: null }, dns: {},
    registeredAgents: ['agent-1'], unreachableAgents: [], tasks: [],
    availability: { uiReachable: false, apiReachable: false, tasksLaunchable: false, adminRouterStatus: 503 }, faults: [],
    diagnostics: pulled
      ? { updatedMs: 60_000, puller: 'master-1', nodes: [report(masters[0], 1), report(masters[1], 0), report(masters[2], 0), report(agent, 0), report(pub, 3)] }
      : { updatedMs: null, puller: null, nodes: [] },
    // master-1's Mesos master has not started yet; agent-1 registered once.
    mesosIds: { 'master-2': mesosIdOf(CLUSTER, 'master-2'), 'master-3': mesosIdOf(CLUSTER, 'master-3'), 'agent-1': mesosIdOf(CLUSTER, 'agent-1') },
  };
}
const api = new DiagnosticsApi(view(true), label);
const keys = (o: object) => Object.keys(o);

describe('dcos-diagnostics API shapes', () => {
  it('GET /system/health/v1: the local (master-1) live view in UnitsHealthResponseJSONStruct order', () => {
    const local = api.local('master-1') as { units: Record<string, unknown>[] } & Record<string, unknown>;
    expect(keys(local)).toEqual(['units', 'hostname', 'ip', 'dcos_version', 'node_role', 'mesos_id', 'dcos_diagnostics_version']);
    expect(local).toMatchObject({ hostname: 'master-1', ip: '10.0.0.1', dcos_version: '1.11.12', node_role: 'master', mesos_id: '' });
    expect(keys(local.units[0])).toEqual(['id', 'health', 'output', 'description', 'help', 'name']);
    const dns = local.units.find((u) => u.id === 'dcos-mesos-dns.service')!;
    expect(dns).toMatchObject({ health: 1, help: '', name: 'Mesos DNS', description: 'domain name based service discovery' });
    expect(dns.output).toMatch(/leader\.mesos/);
  });

  it('GET /units and /units/<unit>: cluster-wide health is the max over reporting nodes', () => {
    const units = (api.units() as { units: Record<string, unknown>[] }).units;
    expect(keys(units[0])).toEqual(['id', 'name', 'health', 'description']);
    expect(units.map((u) => u.id)).toEqual(['dcos-mesos-dns.service', 'dcos-mesos-master.service', 'dcos-mesos-slave.service']);
    expect(api.unit('dcos-mesos-dns.service')).toEqual({ id: 'dcos-mesos-dns.service', name: 'Mesos DNS', health: 1, description: 'domain name based service discovery' });
    // The unreachable public agent contributes no units at all.
    expect(() => api.unit('dcos-mesos-slave-public.service')).toThrow(new DiagnosticsMiss('Unit dcos-mesos-slave-public.service not found'));
    expect(() => api.unit('dcos-mesos-dns')).toThrow('Unit dcos-mesos-dns not found');
  });

  it('GET /units/<unit>/nodes[/<ip>]: nodes carry node health, output and the ssh help', () => {
    expect(api.unitNodes('dcos-mesos-dns.service')).toEqual({ nodes: [
      { host_ip: '10.0.0.1', health: 1, role: 'master' }, { host_ip: '10.0.0.2', health: 0, role: 'master' }, { host_ip: '10.0.0.3', health: 0, role: 'master' },
    ] });
    const one = api.unitNode('dcos-mesos-dns.service', '10.0.0.1') as Record<string, unknown>;
    expect(keys(one)).toEqual(['host_ip', 'health', 'role', 'output', 'help']);
    expect(one.output).toMatch(/never entered `active` state/);
    expect(one.help).toBe('Node available at `dcos node ssh -mesos-id `. Try, `journalctl -xv` to diagnose further.');
    expect(() => api.unitNode('dcos-mesos-dns.service', '10.0.1.1')).toThrow('Node 10.0.1.1 not found');
  });

  it('GET /nodes, /nodes/<ip>, /nodes/<ip>/units[/<unit>]', () => {
    expect(api.nodes()).toEqual({ nodes: [
      { host_ip: '10.0.0.1', health: 1, role: 'master' }, { host_ip: '10.0.0.2', health: 0, role: 'master' }, { host_ip: '10.0.0.3', health: 0, role: 'master' },
      { host_ip: '10.0.1.1', health: 0, role: 'agent' }, { host_ip: '10.0.2.1', health: 3, role: 'agent_public' },
    ] });
    expect(keys(api.node('10.0.1.1'))).toEqual(['host_ip', 'health', 'role']);
    expect(api.nodeUnits('10.0.1.1')).toEqual({ units: [{ id: 'dcos-mesos-slave.service', name: 'Mesos Agent', health: 0, description: 'distributed systems kernel agent' }] });
    expect(api.nodeUnits('10.0.2.1')).toEqual({ units: null });
    const unit = api.nodeUnit('10.0.1.1', 'dcos-mesos-slave.service') as Record<string, unknown>;
    expect(keys(unit)).toEqual(['id', 'health', 'output', 'description', 'help', 'name']);
    expect(unit.help).toBe(`Node available at \`dcos node ssh -mesos-id ${mesosIdOf(CLUSTER, 'agent-1')}\`. Try, \`journalctl -xv\` to diagnose further.`);
    expect(mesosIdOf(CLUSTER, 'agent-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}-S0$/);
    expect(() => api.node('10.9.9.9')).toThrow('Node 10.9.9.9 not found');
    expect(() => api.nodeUnit('10.0.1.1', 'dcos-nope.service')).toThrow('Unit dcos-nope.service not found');
  });

  it('GET /report: the MonitoringResponse with Go field names and omitempty', () => {
    const r = api.report() as { Units: Record<string, Record<string, unknown>>; Nodes: Record<string, Record<string, unknown>>; UpdatedTime: string };
    expect(keys(r)).toEqual(['Units', 'Nodes', 'UpdatedTime']);
    expect(r.UpdatedTime).toBe(rfc3339(60_000));
    const dns = r.Units['dcos-mesos-dns.service'];
    expect(keys(dns)).toEqual(['UnitName', 'Nodes', 'Health', 'Title', 'Timestamp', 'PrettyName']);
    expect(dns).toMatchObject({ Health: 1, Title: 'domain name based service discovery', PrettyName: 'Mesos DNS' });
    expect(keys((dns.Nodes as object[])[0])).toEqual(['Leader', 'Role', 'IP', 'Host', 'Health', 'Output', 'MesosID']);
    expect(keys(r.Nodes['10.0.0.2'])).toEqual(['Leader', 'Role', 'IP', 'Host', 'Health', 'Output', 'Units', 'MesosID']);
    expect(r.Nodes['10.0.0.2']).toMatchObject({ Leader: true, Host: 'master-2', Health: 0, MesosID: mesosIdOf(CLUSTER, 'master-2') });
    expect(r.Nodes['10.0.2.1']).toEqual({ Leader: false, Role: 'agent_public', IP: '10.0.2.1', Host: '', Health: 3, Output: null, MesosID: '' });
  });

  it('before the first pull, list fields are null and the Last-Modified-3DT header is empty', () => {
    const fresh = new DiagnosticsApi(view(false), label);
    expect(fresh.units()).toEqual({ units: null });
    expect(fresh.nodes()).toEqual({ nodes: null });
    expect(fresh.lastModified()).toBe('');
    expect(api.lastModified()).toBe(ansic(60_000));
    expect(ansic(60_000)).toBe('Wed May  1 12:01:00 2019');
  });

  it('unit ids carry their systemd suffix', () => {
    expect(systemdId('dcos-exhibitor')).toBe('dcos-exhibitor.service');
    expect(systemdId('dcos-gen-resolvconf.timer')).toBe('dcos-gen-resolvconf.timer');
  });
});
