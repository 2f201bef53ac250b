// `systemctl stop` leaves each unit in the state its process's exit decides (issue 17 item 6; docs/fidelity.md):
// a JVM exits 143 and dcos-net dies by its KillSignal=SIGKILL -> failed (unhealthy in dcos-diagnostics); Mesos, Go
// and Python processes die by SIGTERM and nginx exits 0 on SIGQUIT -> inactive (healthy in 1.11).
import { describe, expect, it } from 'vitest';
import type { Fault } from './types.ts';
import { runWith, SMALL } from './testing.ts';
import { stopOutcome } from '../model/catalog.ts';

const T = 12 * 60_000;
const SEED = 4;

function stopAndLook(node: string, unit: string) {
  const stop: Fault = { kind: 'stop', node, unit };
  const { engine } = runWith(SMALL, SEED, [[T, stop]], T + 3 * 60_000);
  const v = engine.view();
  const u = v.nodes.find((x) => x.id === node)!.units.find((x) => x.id === unit)!;
  return { engine, u, report: v.diagnostics.nodes.find((x) => x.node === node)?.units[unit] };
}

describe('a stopped unit, as systemd and dcos-diagnostics see it', () => {
  for (const [node, unit] of [['master-1', 'dcos-exhibitor'], ['master-1', 'dcos-cosmos'], ['agent-1', 'dcos-net']] as const) {
    it(`${unit} on ${node} is left failed, is not restarted, and dcos-diagnostics reports it unhealthy`, () => {
      const { u, report, engine } = stopAndLook(node, unit);
      expect(u.state).toBe('failed');
      expect(u.health).toBe(1);
      expect(report?.health).toBe(1);
      expect(report?.output).toMatch(/Current state is \[ failed \]/);
      // no RestartSec restart for a unit systemd was told to stop
      const later = engine.advanceTo(T + 10 * 60_000).filter((e) => e.type === 'unit' && e.node === node && e.unit === unit);
      expect(later).toEqual([]);
    });
  }

  for (const [node, unit] of [['master-1', 'dcos-mesos-dns'], ['master-1', 'dcos-adminrouter'], ['agent-1', 'dcos-mesos-slave']] as const) {
    it(`${unit} on ${node} is left inactive, which dcos-diagnostics 1.11 counts as healthy`, () => {
      const { u } = stopAndLook(node, unit);
      expect(u.state).toBe('stopped');
      expect(u.health).toBe(0);
    });
  }

  it('the catalog names each process\'s exit: JVMs 143, dcos-net SIGKILL, nginx 0, the rest killed by SIGTERM', () => {
    expect(['dcos-exhibitor', 'dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-net'].map((id) => stopOutcome(id).to)).toEqual(Array(5).fill('failed'));
    expect(['dcos-mesos-master', 'dcos-mesos-dns', 'dcos-adminrouter', 'dcos-oauth', 'dcos-diagnostics'].map((id) => stopOutcome(id).to)).toEqual(Array(5).fill('stopped'));
  });

  it('start brings a failed, stopped JVM back', () => {
    const { engine } = stopAndLook('master-1', 'dcos-cosmos');
    const r = engine.inject({ kind: 'start', node: 'master-1', unit: 'dcos-cosmos' });
    expect(r.ok).toBe(true);
    engine.advanceTo(T + 6 * 60_000);
    expect(engine.view().nodes[0].units.find((x) => x.id === 'dcos-cosmos')!.state).toBe('healthy');
  });
});
