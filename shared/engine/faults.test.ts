// Fault validation (shared with server and CLI) and the guarantee that a rejected fault leaves the simulation
// byte-identical; plus the per-rule timing tables (RestartSec per unit, quorum for 1/3/5 masters, 3DT mapping).
import { describe, expect, it } from 'vitest';
import type { Fault, UnitState } from './types.ts';
import { createEngine, restoreEngine, validateFault } from './index.ts';
import { unitHealth } from './health.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';

const MIN = 60_000;

describe('validateFault', () => {
  it.each([
    [{ kind: 'kill', node: 'master-1', unit: 'dcos-foo' }, /^unknown unit 'dcos-foo' on master-1; units there: dcos-exhibitor, dcos-net/],
    [{ kind: 'stop', node: 'master-9', unit: 'dcos-exhibitor' }, /^unknown node 'master-9'; nodes: master-1\.\.master-3, agent-1\.\.agent-2, public-agent-1$/],
    [{ kind: 'kill', node: 'agent-1', unit: 'dcos-mesos-master' }, /^dcos-mesos-master does not run on agent-1 \(agent\); it runs on: master nodes$/],
    [{ kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: -5 }, /^delay must be between 0 and 3600000 ms/],
    [{ kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: 3_600_001 }, /^delay must be between 0 and 3600000 ms/],
    [{ kind: 'explode', node: 'master-1' }, /^unknown fault kind 'explode'; allowed: kill, stop, start, hang, delay/],
    [{ kind: 'partition', node: 'public-agent-2' }, /^unknown node 'public-agent-2'/],
  ])('rejects %j', (fault, msg) => {
    expect(validateFault(SMALL, fault as Fault)).toMatch(msg);
  });

  it('accepts well-formed faults', () => {
    expect(validateFault(SMALL, { kind: 'clear' })).toBeNull();
    expect(validateFault(SMALL, { kind: 'delay', node: 'master-2', unit: 'dcos-mesos-dns', ms: 0 })).toBeNull();
    expect(validateFault(SMALL, { kind: 'crash', node: 'public-agent-1' })).toBeNull();
    expect(validateFault(SMALL, { kind: 'hang', node: 'agent-2', unit: 'dcos-rexray' })).toBeNull();
  });
});

describe('inject', () => {
  const bad: unknown[] = [
    { kind: 'kill', node: 'master-1', unit: 'dcos-foo' },
    { kind: 'start', node: 'master-1', unit: 'dcos-exhibitor' }, // not stopped
    { kind: 'heal', node: 'agent-1' }, // not partitioned
    { kind: 'boot', node: 'agent-1' }, // already up
    { kind: 'kill', node: 'agent-1', unit: 'dcos-net' }, // still pending at t=0
    null,
    'kill',
    { kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: Number.NaN },
    { kind: 'stop', node: { toString: 1 }, unit: 'dcos-net' },
  ];

  it.each(bad.map((b) => [JSON.stringify(b) ?? String(b), b]))('rejects %s and leaves the state byte-identical', (_label, f) => {
    const e = createEngine({ cluster: SMALL, seed: 3 });
    e.advanceTo(0);
    const before = JSON.stringify(e.snapshot());
    const r = e.inject(f as Fault);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
    expect(JSON.stringify(e.snapshot())).toBe(before);
  });

  it('rejects state-dependent nonsense with a readable message', () => {
    const e = createEngine({ cluster: SMALL, seed: 3 });
    e.advanceTo(10 * MIN);
    expect(e.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }).ok).toBe(true);
    const again = e.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    expect(again).toEqual({ ok: false, error: 'dcos-exhibitor on master-1 is already stopped; use start' });
    expect(e.inject({ kind: 'crash', node: 'agent-1' }).ok).toBe(true);
    expect(e.inject({ kind: 'kill', node: 'agent-1', unit: 'dcos-net' })).toEqual({ ok: false, error: 'agent-1 is powered off; boot it first' });
  });

  it('lists persistent faults in the view until they are undone or cleared', () => {
    const e = createEngine({ cluster: SMALL, seed: 3 });
    e.advanceTo(10 * MIN);
    e.inject({ kind: 'kill', node: 'master-2', unit: 'dcos-history' });
    e.inject({ kind: 'stop', node: 'agent-1', unit: 'dcos-rexray' });
    e.inject({ kind: 'partition', node: 'agent-2' });
    e.inject({ kind: 'delay', node: 'master-1', unit: 'dcos-cosmos', ms: 1000 });
    expect(e.view().faults.map((f) => f.fault.kind)).toEqual(['stop', 'partition', 'delay']);
    const r = e.inject({ kind: 'clear' });
    expect(r.ok && r.events.filter((x) => x.type === 'fault' && !x.active)).toHaveLength(3);
    expect(e.view().faults).toEqual([]);
  });
});

describe('RestartSec per unit (kill a healthy unit, systemd restarts it after RestartSec)', () => {
  const base = runWith(SMALL, 8, [], 12 * MIN);
  const cases = Object.values(UNIT_CATALOG).filter((s) => s.restart !== 'no').map((s) => [s.id, s.restartSec] as const);
  const booted = JSON.stringify(base.engine.snapshot());
  it.each(cases)('%s: %i ms', (unit, sec) => {
    const node = UNIT_CATALOG[unit].roles.includes('master') ? 'master-1' : UNIT_CATALOG[unit].roles.includes('agent') ? 'agent-1' : 'public-agent-1';
    const e = restoreEngine(JSON.parse(booted));
    expect(e.view().clusterHealth).toBe('healthy');
    const T = e.simTimeMs;
    const r = e.inject({ kind: 'kill', node, unit });
    expect(r.ok).toBe(true);
    const log = e.advanceTo(T + 60_000);
    const restart = firstAfter(log, T, 'unit', (x) => x.node === node && x.unit === unit && x.from === 'failed');
    expect(restart?.simTimeMs).toBe(T + sec);
  });
});

describe('timer-driven units (Restart=no)', () => {
  it.each([['dcos-logrotate-agent', 'agent-1', 120_000], ['dcos-gen-resolvconf', 'master-2', 60_000]] as const)('%s is re-run by its timer after %i ms', (unit, node, ms) => {
    const e = createEngine({ cluster: SMALL, seed: 8 });
    e.advanceTo(12 * MIN);
    const T = e.simTimeMs;
    expect(e.inject({ kind: 'kill', node, unit }).ok).toBe(true);
    const log = e.advanceTo(T + 5 * MIN);
    expect(firstAfter(log, T, 'unit', (x) => x.unit === unit && x.from === 'failed')?.simTimeMs).toBe(T + ms);
  });
});

describe('ZooKeeper quorum by master count', () => {
  it.each([
    [1, 0, true], [1, 1, false],
    [3, 1, true], [3, 2, false],
    [5, 2, true], [5, 3, false],
  ] as const)('%i masters with %i Exhibitor(s) stopped: quorum %s', (masters, down, ok) => {
    const faults: [number, Fault][] = [];
    for (let i = 1; i <= down; i++) faults.push([12 * MIN, { kind: 'stop', node: `master-${i}`, unit: 'dcos-exhibitor' }]);
    const { engine } = runWith({ masters, agents: 1, publicAgents: 0 }, 4, faults, 14 * MIN);
    const v = engine.view();
    expect(v.quorum).toEqual({ have: masters - down, need: Math.floor(masters / 2) + 1 });
    expect(v.leaders.mesos !== null).toBe(ok);
  });
});

describe('3DT unit health (dcos-diagnostics 1.11)', () => {
  it.each([
    ['pending', 0], ['starting', 0], ['healthy', 0], ['stopped', 0],
    ['waiting', 1], ['failed', 1], ['unhealthy', 1],
  ] as [UnitState, number][])('%s -> %i', (state, h) => {
    expect(unitHealth(state)).toBe(h);
  });
});
