// The catalog matches DC/OS 1.11 (design/dcos-model.md §2, §5.8): the unit set per role, diagnostics names,
// RestartSec and gates a teacher will point at.
import { describe, expect, it } from 'vitest';
import { UNIT_CATALOG, gatesFor, unitLabel, unitsForRole } from './catalog.ts';
import { BOOT_STEPS } from './bootSteps.ts';

describe('unit catalog', () => {
  it('lists the 1.11 master units in boot order and the agent units per role', () => {
    expect(unitsForRole('master')).toEqual([
      'dcos-exhibitor', 'dcos-net', 'dcos-net-watchdog', 'dcos-gen-resolvconf', 'dcos-pkgpanda-api', 'dcos-mesos-master',
      'dcos-mesos-dns', 'dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-oauth', 'dcos-adminrouter', 'dcos-diagnostics',
      'dcos-history', 'dcos-signal', 'dcos-metrics-master', 'dcos-log-master', 'dcos-logrotate-master',
    ]);
    expect(unitsForRole('agent')).toContain('dcos-mesos-slave');
    expect(unitsForRole('agent')).not.toContain('dcos-mesos-slave-public');
    expect(unitsForRole('agent_public')).toContain('dcos-mesos-slave-public');
    expect(unitsForRole('agent_public')).toHaveLength(11);
    for (const role of ['master', 'agent', 'agent_public'] as const) {
      for (const u of unitsForRole(role)) {
        expect(UNIT_CATALOG[u], u).toBeDefined();
        expect(UNIT_CATALOG[u].roles, u).toContain(role);
        expect(u).not.toMatch(/\.(socket|timer|service)$/);
      }
    }
  });

  it.each([
    ['dcos-mesos-master', 15], ['dcos-marathon', 15], ['dcos-metronome', 15], ['dcos-cosmos', 15], ['dcos-rexray', 15],
    ['dcos-net-watchdog', 15], ['dcos-exhibitor', 5], ['dcos-mesos-dns', 5], ['dcos-mesos-slave', 5], ['dcos-adminrouter', 5],
    ['dcos-adminrouter-agent', 5], ['dcos-net', 5], ['dcos-diagnostics', 5], ['dcos-oauth', 5], ['dcos-history', 5],
    ['dcos-log-master', 5], ['dcos-metrics-agent', 5], ['dcos-pkgpanda-api', 5], ['dcos-signal', 20],
  ])('%s restarts after %i s', (unit, sec) => {
    expect(UNIT_CATALOG[unit].restartSec).toBe(sec * 1000);
  });

  it('uses the dcos-diagnostics names, per role for dcos-diagnostics', () => {
    expect(unitLabel('dcos-mesos-master', 'master')).toEqual({ name: 'Mesos Master', description: 'distributed systems kernel' });
    expect(unitLabel('dcos-mesos-dns', 'master')).toEqual({ name: 'Mesos DNS', description: 'domain name based service discovery' });
    expect(unitLabel('dcos-diagnostics', 'master').name).toBe('DC/OS Diagnostics Master');
    expect(unitLabel('dcos-diagnostics', 'agent').name).toBe('DC/OS Diagnostics Agent');
    expect(unitLabel('dcos-mesos-slave-public', 'agent_public').name).toBe('Mesos Agent Public');
    expect(UNIT_CATALOG['dcos-signal'].restart).toBe('on-failure');
  });

  it('gates mirror the unit files: Admin Router needs marathon.mesos, masters bootstrap through exhibitor.wait, agents do not', () => {
    expect(gatesFor('dcos-adminrouter', 'master').map((g) => (g.kind === 'dns' ? g.name : g.kind))).toEqual(['ready.spartan', 'marathon.mesos', 'leader.mesos', 'cluster-id', 'unit']);
    expect(gatesFor('dcos-marathon', 'master').map((g) => g.kind)).toEqual(['dns', 'exhibitor-wait']);
    expect(gatesFor('dcos-diagnostics', 'master').map((g) => g.kind)).toEqual(['exhibitor-wait']);
    expect(gatesFor('dcos-diagnostics', 'agent')).toEqual([]);
    expect(gatesFor('dcos-net', 'agent').map((g) => g.kind)).toEqual(['check-time', 'zk']);
    expect(gatesFor('dcos-exhibitor', 'master')).toEqual([]);
  });

  it('draws gate edges for every gate (the DAG shows what a unit waits for)', () => {
    for (const spec of Object.values(UNIT_CATALOG)) {
      const gateEdges = spec.dependsOn.filter((d) => d.gate).length;
      expect(gateEdges, spec.id).toBeGreaterThanOrEqual(spec.gates.length > 0 ? 1 : 0);
      for (const d of spec.dependsOn) expect(UNIT_CATALOG[d.unit], `${spec.id} -> ${d.unit}`).toBeDefined();
    }
  });
});

describe('boot steps', () => {
  it('has every numbered step and sub-step of the page with unique stable ids', () => {
    const ids = BOOT_STEPS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((i) => /^master\.\d+$/.test(i))).toHaveLength(9);
    expect(ids.filter((i) => /^agent\.\d+$/.test(i))).toHaveLength(5);
    expect(ids.filter((i) => i.startsWith('service.'))).toHaveLength(3);
    expect(ids.filter((i) => i.startsWith('scheduler.'))).toHaveLength(6);
    expect(ids).toHaveLength(57);
    expect(BOOT_STEPS.find((s) => s.id === 'master.3.3')?.text).toBe('Elects a leading master');
    expect(BOOT_STEPS.find((s) => s.id === 'agent.2.4')?.text).toBe("Leading Mesos Master starts offering the new agent's resources to schedulers for new tasks");
  });
});
