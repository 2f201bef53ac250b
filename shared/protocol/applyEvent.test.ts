// Folding the engine's events over initialView must reproduce engine.view() at every point we look, for several
// seeds and fault sequences: this forces every view change to travel as an event.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.ts';
import type { ClusterView, Fault, SimEvent } from '../engine/types.ts';
import { applyEvent, applyEvents, initialView } from './applyEvent.ts';

const CLUSTER = { masters: 3 as const, agents: 3, publicAgents: 1 };

const SEQUENCES: [number, Fault][][] = [
  [],
  [[400_000, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }], [700_000, { kind: 'start', node: 'master-1', unit: 'dcos-exhibitor' }]],
  [[30_000, { kind: 'delay', node: 'master-2', unit: 'dcos-mesos-dns', ms: 200_000 }], [420_000, { kind: 'partition', node: 'agent-1' }], [800_000, { kind: 'clear' }]],
  [[420_000, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }], [430_000, { kind: 'stop', node: 'master-3', unit: 'dcos-exhibitor' }], [600_000, { kind: 'hang', node: 'master-2', unit: 'dcos-mesos-dns' }], [900_000, { kind: 'clear' }]],
  [[400_000, { kind: 'crash', node: 'master-2' }], [450_000, { kind: 'crash', node: 'agent-2' }], [700_000, { kind: 'boot', node: 'master-2' }], [1_000_000, { kind: 'clear' }]],
];

function comparable(v: ClusterView, t: number): ClusterView {
  return { ...v, simTimeMs: t };
}

describe('applyEvent', () => {
  it.each([1, 2, 3].flatMap((seed) => SEQUENCES.map((seq, i) => [seed, i] as const)))('seed %i, fault sequence %i: fold(events) equals engine.view()', (seed, i) => {
    const engine = createEngine({ cluster: CLUSTER, seed });
    let view = initialView(CLUSTER);
    expect(view).toEqual(comparable(engine.view(), 0));
    const faults = SEQUENCES[i];
    let fi = 0;
    for (let t = 20_000; t <= 1_300_000; t += 20_000) {
      while (fi < faults.length && faults[fi][0] <= t) {
        const at = faults[fi][0];
        view = applyEvents(view, engine.advanceTo(at));
        const r = engine.inject(faults[fi][1]);
        if (r.ok) view = applyEvents(view, r.events);
        fi++;
      }
      view = applyEvents(view, engine.advanceTo(t));
      expect(comparable(view, t)).toEqual(engine.view());
    }
  });

  it('keeps unchanged nodes and units identical and replaces only the changed path', () => {
    const cluster = { masters: 1 as const, agents: 1, publicAgents: 0 };
    const v0 = initialView(cluster);
    const ev: SimEvent = { seq: 1, simTimeMs: 5, type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'pending', to: 'waiting', cause: { text: 'x' } };
    const v1 = applyEvent(v0, ev);
    expect(v1.nodes[0]).toBe(v0.nodes[0]);
    expect(v1.nodes[1]).not.toBe(v0.nodes[1]);
    expect(v1.nodes[1].units[1]).toBe(v0.nodes[1].units[1]);
    expect(v1.nodes[1].units[0]).toMatchObject({ state: 'waiting', health: 1, sinceMs: 5 });
    expect(v1.leaders).toBe(v0.leaders);
    expect(v0.nodes[1].units[0].state).toBe('pending');
  });

  it('a dns event about one node (its dcos-net stopped answering) leaves the cluster-wide records alone', () => {
    const v0 = initialView({ masters: 1, agents: 1, publicAgents: 0 });
    const ev: SimEvent = { seq: 1, simTimeMs: 5, type: 'dns', name: '*.mesos', value: null, node: 'agent-1', cause: { text: 'x' } };
    const v1 = applyEvent(v0, ev);
    expect(v1.dns).toBe(v0.dns);
    expect(v1.nodes).toBe(v0.nodes);
  });
});

describe('applyEvents (a batch)', () => {
  it('equals applying its events one by one, at every batch boundary, and never mutates what it was given', () => {
    for (const seed of [1, 2]) {
      const engine = createEngine({ cluster: CLUSTER, seed });
      let batched = initialView(CLUSTER);
      let single = batched;
      const faults = SEQUENCES[4]!;
      let fi = 0;
      for (let t = 30_000; t <= 1_200_000; t += 30_000) {
        const events: SimEvent[] = [];
        while (fi < faults.length && faults[fi]![0] <= t) {
          events.push(...engine.advanceTo(faults[fi]![0]));
          const r = engine.inject(faults[fi]![1]);
          if (r.ok) events.push(...r.events);
          fi++;
        }
        events.push(...engine.advanceTo(t));
        const before = JSON.stringify(batched);
        const next = applyEvents(batched, events);
        expect(JSON.stringify(batched)).toBe(before);
        for (const e of events) single = applyEvent(single, e);
        expect(next).toEqual(single);
        batched = next;
      }
    }
  });

  it('keeps the nodes a batch did not touch identical', () => {
    const cluster = { masters: 1 as const, agents: 2, publicAgents: 0 };
    const v0 = initialView(cluster);
    const cause = { text: 'x' };
    const v1 = applyEvents(v0, [
      { seq: 1, simTimeMs: 5, type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'pending', to: 'waiting', cause },
      { seq: 2, simTimeMs: 6, type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'waiting', to: 'starting', cause },
      { seq: 3, simTimeMs: 6, type: 'agent', node: 'agent-1', registered: true, cause },
    ]);
    expect(v1.nodes[0]).toBe(v0.nodes[0]);
    expect(v1.nodes[2]).toBe(v0.nodes[2]);
    expect(v1.nodes[1]!.units[0]).toMatchObject({ state: 'starting', sinceMs: 6 });
    expect(v1.nodes[1]!.units[1]).toBe(v0.nodes[1]!.units[1]);
    expect(v1.registeredAgents).toEqual(['agent-1']);
    expect(v1.simTimeMs).toBe(6);
  });
});
