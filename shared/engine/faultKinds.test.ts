// The two fault kinds added through the registry, as a teacher sees them: a slow disk (ZooKeeper falls behind,
// starts take longer) and an unsynchronised clock (check-time gates dcos-net and Metronome); `clear` undoes both.
import { describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from './types.ts';
import { createEngine, restoreEngine } from './index.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';
import { SLOW_DISK_DEFAULT_FACTOR } from '../model/faults/conditions.ts';
import { GATE_ATTEMPT_MS } from '../model/timings.ts';

const MIN = 60_000;
const booted = (cluster = SMALL, seed = 8) => {
  const e = createEngine({ cluster, seed });
  e.advanceTo(12 * MIN);
  expect(e.view().clusterHealth).toBe('healthy');
  return e;
};
const unitOf = (e: ReturnType<typeof booted>, node: string, unit: string) => e.view().nodes.find((n) => n.id === node)!.units.find((u) => u.id === unit)!;
const inject = (e: ReturnType<typeof booted>, f: Fault): SimEvent[] => {
  const r = e.inject(f);
  if (!r.ok) throw new Error(r.error);
  return r.events;
};

describe('slow-disk', () => {
  it('a slow disk on master-1 makes its ZooKeeper fall behind and the Mesos master there loses its session (one master)', () => {
    const e = booted({ masters: 1, agents: 1, publicAgents: 0 });
    const T = e.simTimeMs;
    const log = [...inject(e, { kind: 'slow-disk', node: 'master-1' }), ...e.advanceTo(T + MIN)];
    const quorum = firstAfter(log, T, 'quorum');
    expect(quorum).toMatchObject({ have: 0, need: 1 });
    expect(quorum?.cause.refs?.[0]).toMatch(/^fault:/);
    const exit = firstAfter(log, T, 'unit', (x) => x.unit === 'dcos-mesos-master' && x.to === 'failed');
    expect(exit?.cause.text).toContain('ZooKeeper session expired after 10 s');
    expect(exit?.simTimeMs).toBe(T + 10_000);
  });

  it('with three masters the quorum holds, but ZooKeeper on the slow master stops serving: its clients lose their connection', () => {
    const e = booted();
    const T = e.simTimeMs;
    const log = [...inject(e, { kind: 'slow-disk', node: 'master-1', factor: 3 }), ...e.advanceTo(T + 2 * MIN)];
    expect(firstAfter(log, T, 'quorum')).toMatchObject({ have: 2, need: 2 });
    expect(e.view().quorum).toEqual({ have: 2, need: 2 });
    // dcos-oauth talks to 127.0.0.1:2181, so it loses its session with the local server.
    expect(firstAfter(log, T, 'unit', (x) => x.node === 'master-1' && x.unit === 'dcos-oauth' && x.to === 'failed')?.cause.text).toContain('lost its ZooKeeper session');
    // Its restart then blocks in bootstrap: exhibitor.wait needs every server serving, and names the slow one.
    expect(unitOf(e, 'master-1', 'dcos-oauth').cause.text).toMatch(/master-1 \(slow disk: fell behind the leader\)/);
  });

  it('units on a slow-disk agent start later', () => {
    const base = booted();
    const snap = JSON.stringify(base.snapshot());
    const restartTook = (slow: boolean) => {
      const e = restoreEngine(JSON.parse(snap));
      const T = e.simTimeMs;
      if (slow) inject(e, { kind: 'slow-disk', node: 'agent-1' });
      inject(e, { kind: 'kill', node: 'agent-1', unit: 'dcos-rexray' });
      const log = e.advanceTo(T + 5 * MIN);
      const exec = firstAfter(log, T, 'unit', (x) => x.node === 'agent-1' && x.unit === 'dcos-rexray' && x.from === 'failed');
      const ready = firstAfter(log, T, 'unit', (x) => x.node === 'agent-1' && x.unit === 'dcos-rexray' && x.to === 'healthy');
      // exec -> ready is one ExecStartPre attempt plus the seeded start duration.
      return ready!.simTimeMs - exec!.simTimeMs - GATE_ATTEMPT_MS;
    };
    const normal = restartTook(false);
    const slow = restartTook(true);
    // Same seeded draw, multiplied: the factor is the only difference.
    expect(normal).toBeGreaterThan(0);
    expect(Math.abs(slow - normal * SLOW_DISK_DEFAULT_FACTOR)).toBeLessThanOrEqual(1);
  });

  it('clear puts ZooKeeper back in the quorum', () => {
    const e = booted();
    inject(e, { kind: 'slow-disk', node: 'master-2' });
    e.advanceTo(e.simTimeMs + MIN);
    expect(e.view().quorum.have).toBe(2);
    const ended = inject(e, { kind: 'clear' }).filter((x) => x.type === 'fault' && !x.active);
    expect(ended).toHaveLength(1);
    expect(e.view().quorum.have).toBe(3);
    expect(e.view().faults).toEqual([]);
    e.advanceTo(e.simTimeMs + 5 * MIN);
    expect(e.view().clusterHealth).toBe('healthy');
  });
});

describe('clock-unsync', () => {
  it('dcos-net on a node with an unsynchronised clock loops in check-time after a kill', () => {
    const e = booted();
    const T = e.simTimeMs;
    const applied = inject(e, { kind: 'clock-unsync', node: 'agent-1' });
    // Nothing running is touched: check-time only runs when a unit (re)starts.
    expect(applied.filter((x) => x.type === 'unit')).toEqual([]);
    inject(e, { kind: 'kill', node: 'agent-1', unit: 'dcos-net' });
    e.advanceTo(T + 3 * MIN);
    const net = unitOf(e, 'agent-1', 'dcos-net');
    expect(net.state).toBe('waiting');
    expect(net.cause.text).toContain('check-time fails: "Time is not synchronized / marked as bad by the kernel."');
    expect(net.cause.refs?.[0]).toMatch(/^fault:/);
    expect(unitOf(e, 'agent-2', 'dcos-net').state).toBe('healthy');
  });

  it('Metronome on a master is gated too; clear lets both start again', () => {
    const e = booted();
    const T = e.simTimeMs;
    inject(e, { kind: 'clock-unsync', node: 'master-2' });
    inject(e, { kind: 'slow-disk', node: 'agent-2' });
    inject(e, { kind: 'kill', node: 'master-2', unit: 'dcos-metronome' });
    e.advanceTo(T + MIN);
    expect(unitOf(e, 'master-2', 'dcos-metronome').state).toBe('waiting');
    const ended = inject(e, { kind: 'clear' }).filter((x) => x.type === 'fault' && !x.active);
    expect(ended.map((x) => x.type === 'fault' && x.fault.kind)).toEqual(['clock-unsync', 'slow-disk']);
    e.advanceTo(e.simTimeMs + 2 * MIN);
    expect(unitOf(e, 'master-2', 'dcos-metronome').state).toBe('healthy');
  });
});

describe('validation and applicability of the new kinds', () => {
  it.each([
    [{ kind: 'slow-disk', node: 'master-9' }, /^unknown node 'master-9'/],
    [{ kind: 'slow-disk', node: 'agent-1', factor: 0.5 }, /^slow-disk factor must be a number from 1 to 20/],
    [{ kind: 'slow-disk', node: 'agent-1', factor: 'fast' }, /^slow-disk factor must be a number from 1 to 20/],
    [{ kind: 'clock-unsync' }, /^unknown node 'undefined'/],
  ])('rejects %j and leaves the state byte-identical', (fault, msg) => {
    const e = booted();
    const before = JSON.stringify(e.snapshot());
    const r = e.inject(fault as Fault);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
    expect(JSON.stringify(e.snapshot())).toBe(before);
  });

  it('refuses a second slow disk or clock fault on the same node, with the reason the menu shows', () => {
    const { engine, rejected } = runWith(SMALL, 8, [
      [12 * MIN, { kind: 'slow-disk', node: 'agent-1' }],
      [12 * MIN, { kind: 'slow-disk', node: 'agent-1', factor: 2 }],
      [12 * MIN, { kind: 'clock-unsync', node: 'agent-1' }],
      [12 * MIN, { kind: 'clock-unsync', node: 'agent-1' }],
    ], 13 * MIN);
    expect(rejected).toEqual(['agent-1 already has a slow disk; clear faults to restore it', 'the clock on agent-1 is already unsynchronised; clear faults to restore it']);
    expect(engine.view().faults.map((f) => f.fault.kind)).toEqual(['slow-disk', 'clock-unsync']);
  });
});
