// explain(): from a unit back to its root cause, in words a class can follow; never throws.
import { describe, expect, it } from 'vitest';
import { createEngine } from './index.ts';
import { runWith, SMALL } from './testing.ts';

const MIN = 60_000;

describe('explain', () => {
  it('a healthy unit is one step: healthy', () => {
    const { engine } = runWith(SMALL, 1, [], 12 * MIN);
    const chain = engine.explain('agent-1', 'dcos-mesos-slave');
    expect(chain).toHaveLength(1);
    expect(chain[0].ref).toBe('agent-1/dcos-mesos-slave');
    expect(chain[0].text).toMatch(/healthy/);
  });

  it('unknown node or unit, or a unit not on that node, gives [] without throwing', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    expect(e.explain('master-9', 'dcos-exhibitor')).toEqual([]);
    expect(e.explain('master-1', 'dcos-foo')).toEqual([]);
    expect(e.explain('agent-1', 'dcos-mesos-master')).toEqual([]);
    expect(e.explain(undefined as unknown as string, null as unknown as string)).toEqual([]);
  });

  it('during boot, Marathon waits on leader.mesos or exhibitor.wait and the chain names what it waits for', () => {
    const e = createEngine({ cluster: SMALL, seed: 2 });
    e.advanceTo(90_000); // ZooKeeper ensemble still converging
    const chain = e.explain('master-2', 'dcos-marathon');
    expect(chain[0].text).toMatch(/waiting/);
    const all = chain.map((s) => s.text).join('\n');
    expect(all).toMatch(/ZooKeeper|leader\.mesos/);
    expect(chain.some((s) => s.ref === 'fact:quorum' || s.ref === 'fact:leader.mesos')).toBe(true);
  });

  it('diagnostics output says why a looping unit is unhealthy, as dcos-diagnostics 1.11 would', () => {
    const e = createEngine({ cluster: SMALL, seed: 2 });
    e.advanceTo(12 * MIN);
    e.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    e.advanceTo(14 * MIN);
    const m1 = e.view().diagnostics.nodes.find((r) => r.node === 'master-1')!;
    expect(m1.health).toBe(1);
    expect(m1.units['dcos-oauth'].output).toBe('Unit dcos-oauth.service is flapping. Please check `journalctl -xv` for details.');
    expect(m1.units['dcos-exhibitor']).toEqual({ health: 0, output: '' });
    // At the first pull of a boot, Admin Router is still looping on its gates (marathon.mesos comes last).
    const boot = createEngine({ cluster: SMALL, seed: 2 });
    let t = 0;
    while (!boot.advanceTo((t += 1_000)).some((x) => x.type === 'diagnostics'));
    const first = boot.view().diagnostics.nodes[0];
    expect(first.units['dcos-adminrouter']).toEqual({ health: 1, output: 'Unit dcos-adminrouter.service has never entered `active` state' });
  });
});
