// Who watches the watchers (dcos-model.md §4.6, §5.5b), as a class would see it: every master pulls on its own, the
// dashboard shows the lowest reachable master whose dcos-diagnostics answers, nobody monitoring reads unknown, and a
// dead dcos-diagnostics on an agent cannot report itself unhealthy.
import { describe, expect, it } from 'vitest';
import type { DiagnosticsNodeReport, Engine, Fault, SimEvent } from './types.ts';
import { createEngine } from './index.ts';
import { SMALL } from './testing.ts';

const MIN = 60_000;

function booted(seed = 3): { e: Engine; log: SimEvent[] } {
  const e = createEngine({ cluster: SMALL, seed });
  const log = e.advanceTo(15 * MIN);
  expect(e.view().clusterHealth).toBe('healthy');
  return { e, log };
}

function inject(e: Engine, log: SimEvent[], f: Fault): void {
  const r = e.inject(f);
  expect(r.ok).toBe(true);
  if (r.ok) log.push(...r.events);
}

const reportOf = (nodes: DiagnosticsNodeReport[] | undefined, node: string) => nodes?.find((r) => r.node === node);

describe('monitoring the monitor', () => {
  it('every master pulls on its own 60 s timer, each with its own phase', () => {
    const { log } = booted();
    const pulls = log.filter((x): x is Extract<SimEvent, { type: 'diagnostics' }> => x.type === 'diagnostics');
    const byMaster = new Map<string, number[]>();
    for (const p of pulls) byMaster.set(p.puller!, [...(byMaster.get(p.puller!) ?? []), p.simTimeMs]);
    expect([...byMaster.keys()].sort()).toEqual(['master-1', 'master-2', 'master-3']);
    for (const times of byMaster.values()) for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(MIN);
    const phases = new Set([...byMaster.values()].map((t) => t[0] % MIN));
    expect(phases.size).toBe(3);
  });

  it('with dcos-diagnostics stopped on every master the cluster health turns unknown', () => {
    const { e, log } = booted();
    for (const node of ['master-1', 'master-2', 'master-3']) inject(e, log, { kind: 'stop', node, unit: 'dcos-diagnostics' });
    // At once, not at a pull: nobody is left to pull.
    let v = e.view();
    expect(v.clusterHealth).toBe('unknown');
    expect(v.diagnostics).toEqual({ updatedMs: null, puller: null, nodes: [] });
    expect(v.nodes.every((n) => n.health === 'unknown')).toBe(true);
    const last = log.filter((x) => x.type === 'cluster').pop()!;
    expect(last).toMatchObject({ health: 'unknown', monitor: null });
    expect(last.type === 'cluster' && last.cause.text).toMatch(/nobody is monitoring/);
    // And it stays unknown: no stale "healthy" comes back while nobody pulls.
    e.advanceTo(25 * MIN);
    v = e.view();
    expect(v.clusterHealth).toBe('unknown');
    inject(e, log, { kind: 'clear' });
    e.advanceTo(28 * MIN);
    expect(e.view().clusterHealth).toBe('healthy');
  });

  it("master-1's dcos-diagnostics stopped: the dashboard reads master-2's own last pull at once", () => {
    const { e, log } = booted();
    const before = e.view().diagnosticsByMaster!['master-2'];
    inject(e, log, { kind: 'stop', node: 'master-1', unit: 'dcos-diagnostics' });
    const v = e.view();
    expect(v.diagnostics).toEqual(before);
    expect(v.diagnostics.puller).toBe('master-2');
    expect(log.filter((x) => x.type === 'cluster').pop()).toMatchObject({ monitor: 'master-2' });
    // master-2's next pull sees master-1 as unknown (its :1050 does not answer): cluster unknown.
    e.advanceTo(e.simTimeMs + MIN + 5_000);
    const after = e.view();
    expect(reportOf(after.diagnostics.nodes, 'master-1')).toMatchObject({ health: 3, units: {} });
    expect(after.clusterHealth).toBe('unknown');
  });

  it('a stopped dcos-diagnostics on an agent reads unknown (3), not unhealthy', () => {
    const { e, log } = booted();
    inject(e, log, { kind: 'stop', node: 'agent-1', unit: 'dcos-diagnostics' });
    e.advanceTo(e.simTimeMs + MIN + 5_000);
    const v = e.view();
    for (const m of ['master-1', 'master-2', 'master-3']) {
      expect(reportOf(v.diagnosticsByMaster![m].nodes, 'agent-1')).toEqual({ ip: '10.0.1.1', node: 'agent-1', role: 'agent', health: 3, units: {} });
    }
    expect(v.nodes.find((n) => n.id === 'agent-1')!.health).toBe('unknown');
    // Agents are not masters: the cluster health itself stays healthy.
    expect(v.clusterHealth).toBe('healthy');
  });

  it('after a fault the masters briefly disagree, then agree within one pull interval', () => {
    const { e, log } = booted();
    const t0 = e.simTimeMs;
    inject(e, log, { kind: 'stop', node: 'agent-2', unit: 'dcos-adminrouter-agent' });
    let disagreed = false;
    while (e.simTimeMs < t0 + MIN + 4_000) {
      e.step();
      const by = e.view().diagnosticsByMaster!;
      const seen = new Set(['master-1', 'master-2', 'master-3'].map((m) => reportOf(by[m].nodes, 'agent-2')!.health));
      if (seen.size > 1) disagreed = true;
    }
    expect(disagreed).toBe(true);
    const by = e.view().diagnosticsByMaster!;
    for (const m of ['master-1', 'master-2', 'master-3']) expect(reportOf(by[m].nodes, 'agent-2')!.health).toBe(3);
  });

  it('Mesos ids: every node has a stable, non-empty one on a healthy cluster', () => {
    const { e } = booted();
    const ids = e.view().mesosIds!;
    expect(Object.keys(ids).sort()).toEqual(['agent-1', 'agent-2', 'master-1', 'master-2', 'master-3', 'public-agent-1']);
    expect(ids['master-2']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids['agent-2']).toBe(`${ids['master-1']}-S1`);
    expect(new Set(Object.values(ids)).size).toBe(6);
    expect(booted(9).e.view().mesosIds).toEqual(ids);
  });
});
