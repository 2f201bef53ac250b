// Per-node name resolution (issue 17 item 8; docs/fidelity.md §8): when dcos-net on one node stops answering, *.mesos
// and *.spartan stop resolving on that node only (a `dns` event carrying `node`, with its cause), the cluster's own
// records stay, and the node's health is a separate question: a stopped dcos-net is failed (KillSignal=SIGKILL), a
// hung one still reads active to systemd until dcos-net-watchdog SIGKILLs it.
import { describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from './types.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';

const T = 12 * 60_000;
const SEED = 4;

function nodeDns(log: SimEvent[], node: string) {
  return log.filter((e): e is Extract<SimEvent, { type: 'dns' }> => e.type === 'dns' && e.node === node);
}

describe('name resolution on one node follows its own dcos-net', () => {
  it('a healthy boot says nothing per node: DC/OS names resolve everywhere from the start', () => {
    const { log } = runWith(SMALL, SEED, [], T);
    expect(log.filter((e) => e.type === 'dns' && e.node !== undefined)).toEqual([]);
  });

  it('stopping dcos-net on agent-1: *.mesos stops resolving on agent-1 at once, with the gen_resolvconf.py fallback as its cause; the cluster records stay', () => {
    const stop: Fault = { kind: 'stop', node: 'agent-1', unit: 'dcos-net' };
    const { engine, log } = runWith(SMALL, SEED, [[T, stop]], T + 5 * 60_000);
    const lost = nodeDns(log, 'agent-1');
    expect(lost).toHaveLength(1);
    expect(lost[0].simTimeMs).toBe(T);
    expect(lost[0].value).toBeNull();
    expect(lost[0].cause.text).toMatch(/\*\.mesos and \*\.spartan stop resolving on agent-1/);
    expect(lost[0].cause.text).toMatch(/gen_resolvconf\.py falls back to the upstream resolvers/);
    expect(lost[0].cause.refs).toEqual(['agent-1/dcos-net', 'agent-1/dcos-gen-resolvconf']);
    expect(nodeDns(log, 'agent-2')).toEqual([]);
    const v = engine.view();
    expect(v.dns['leader.mesos']).not.toBeNull();
    expect(v.dns['*.mesos']).toBeUndefined();
  });

  it('starting dcos-net again: *.mesos resolves on agent-1 again when dcos-net answers', () => {
    const stop: Fault = { kind: 'stop', node: 'agent-1', unit: 'dcos-net' };
    const start: Fault = { kind: 'start', node: 'agent-1', unit: 'dcos-net' };
    const { log } = runWith(SMALL, SEED, [[T, stop], [T + 60_000, start]], T + 5 * 60_000);
    const ev = nodeDns(log, 'agent-1');
    expect(ev.map((e) => e.value)).toEqual([null, 'dcos-net (198.51.100.1-3)']);
    const up = firstAfter(log, T + 60_000, 'unit', (e) => e.node === 'agent-1' && e.unit === 'dcos-net' && e.to === 'healthy');
    expect(ev[1].simTimeMs).toBe(up?.simTimeMs);
  });

  it('a hung dcos-net: resolution fails on that node while systemd still reads it running, until the watchdog SIGKILLs it and it resolves again', () => {
    const hang: Fault = { kind: 'hang', node: 'agent-1', unit: 'dcos-net' };
    const { log } = runWith(SMALL, SEED, [[T, hang]], T + 6 * 60_000);
    const ev = nodeDns(log, 'agent-1');
    expect(ev[0].simTimeMs).toBe(T);
    expect(ev[0].cause.text).toMatch(/systemd still reads dcos-net active \(running\)/);
    expect(ev[0].cause.refs).toContain('agent-1/dcos-net-watchdog');
    const killed = firstAfter(log, T, 'unit', (e) => e.node === 'agent-1' && e.unit === 'dcos-net' && e.to === 'failed');
    expect(killed?.cause.text).toMatch(/SIGKILLed by dcos-net-watchdog/);
    expect(ev[1]?.value).toBe('dcos-net (198.51.100.1-3)');
    expect(ev[1].simTimeMs).toBeGreaterThan(killed!.simTimeMs);
  });

  it('a powered-off node says nothing about its own resolution', () => {
    const { log } = runWith(SMALL, SEED, [[T, { kind: 'crash', node: 'agent-1' }]], T + 3 * 60_000);
    expect(nodeDns(log, 'agent-1')).toEqual([]);
  });
});
