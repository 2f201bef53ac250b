// Properties over random fault sequences (fast-check): time never goes back, at most one Mesos leader and it is
// a running master, cluster health follows the masters of the last pull, `clear` always converges to a healthy
// cluster, and the engine is deterministic (same seed + commands => same log; snapshots resume byte-identically).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterView, Fault, SimEvent } from './types.ts';
import { createEngine, restoreEngine } from './index.ts';
import { applyEvents, initialView } from '../protocol/applyEvent.ts';
import { SMALL } from './testing.ts';
import { gatesFor, unitsForRole } from '../model/catalog.ts';
import { nodeIdsFor, roleOfNode } from '../model/cluster.ts';

const MIN = 60_000;
const NODES = nodeIdsFor(SMALL);

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('kill', 'stop', 'start', 'hang'),
    node: fc.constantFrom(...NODES),
    i: fc.nat(20),
  }).map(({ kind, node, i }) => {
    const units = unitsForRole(roleOfNode(node)!);
    return { kind, node, unit: units[i % units.length] } as Fault;
  }),
  fc.record({ node: fc.constantFrom('master-1', 'master-2', 'master-3'), ms: fc.integer({ min: 0, max: 300_000 }) })
    .map(({ node, ms }) => ({ kind: 'delay', node, unit: 'dcos-mesos-dns', ms }) as Fault),
  fc.record({ kind: fc.constantFrom('partition', 'heal', 'crash', 'boot'), node: fc.constantFrom(...NODES) }).map((f) => f as Fault),
);

const planArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  faults: fc.array(fc.tuple(fc.integer({ min: 0, max: 15 * MIN }), faultArb), { maxLength: 8 }),
});

function run(seed: number, faults: [number, Fault][], untilMs: number, clearAt?: number) {
  const e = createEngine({ cluster: SMALL, seed });
  const log: SimEvent[] = [];
  const sorted = [...faults].sort((a, b) => a[0] - b[0]);
  for (const [at, f] of sorted) {
    log.push(...e.advanceTo(at));
    const r = e.inject(f);
    if (r.ok) log.push(...r.events);
  }
  if (clearAt !== undefined) {
    log.push(...e.advanceTo(clearAt));
    const r = e.inject({ kind: 'clear' });
    if (r.ok) log.push(...r.events);
  }
  log.push(...e.advanceTo(untilMs));
  return { e, log };
}

describe('engine properties (random fault sequences)', () => {
  it('time is monotonic, seq is contiguous, nothing starts before its gates pass, at most one Mesos leader and it runs, cluster health follows the last pull, the folded log equals the view', () => {
    fc.assert(
      fc.property(planArb, ({ seed, faults }) => {
        const { log, e } = run(seed, faults, 20 * MIN);
        let view: ClusterView = initialView(SMALL);
        let prev = 0;
        log.forEach((ev, i) => {
          expect(ev.seq).toBe(i + 1);
          expect(ev.simTimeMs).toBeGreaterThanOrEqual(prev);
          prev = ev.simTimeMs;
          const before = view.leaders.mesos;
          view = applyEvents(view, [ev]);
          if (ev.type === 'leader' && ev.role === 'mesos' && ev.node !== null) {
            expect(before).toBeNull(); // a new leader only after the old one is gone
            const mm = view.nodes.find((n) => n.id === ev.node)!.units.find((u) => u.id === 'dcos-mesos-master')!;
            expect(mm.state).toBe('healthy');
          }
          if (ev.type === 'unit' && ev.from === 'waiting' && ev.to === 'starting') {
            // Gates just passed: what they check must hold right now (nothing starts before its gates pass).
            const node = view.nodes.find((n) => n.id === ev.node)!;
            const up = (u: string) => node.units.find((x) => x.id === u)?.state === 'healthy';
            for (const g of gatesFor(ev.unit, node.role)) {
              if (g.kind === 'dns') expect(up('dcos-net'), `${ev.node}/${ev.unit} ready.spartan`).toBe(true);
              if (g.kind === 'dns' && g.name !== 'ready.spartan' && !node.partitioned) expect(view.dns[g.name], `${ev.node}/${ev.unit} ${g.name}`).not.toBeNull();
              if (g.kind === 'unit') expect(up(g.unit)).toBe(true);
            }
          }
          if (ev.type === 'cluster') {
            const masters = view.diagnostics.nodes.filter((r) => r.role === 'master');
            const worst = Math.max(...masters.map((r) => r.health));
            expect(ev.health).toBe(worst === 0 ? 'healthy' : worst === 1 ? 'unhealthy' : 'unknown');
          }
        });
        // every view change travelled as an event: folding the log reproduces the engine's view
        expect({ ...view, simTimeMs: e.simTimeMs }).toEqual(e.view());
      }),
      { numRuns: 25 },
    );
  });

  it('after clear, any fault sequence converges to a healthy cluster', () => {
    fc.assert(
      fc.property(planArb, ({ seed, faults }) => {
        const { e } = run(seed, faults, 40 * MIN, 16 * MIN);
        const v = e.view();
        const bad = v.nodes.flatMap((n) => n.units.filter((u) => u.state !== 'healthy').map((u) => `${n.id}/${u.id}:${u.state} ${u.cause.text}`));
        expect(bad).toEqual([]);
        expect(v.clusterHealth).toBe('healthy');
        expect(v.faults).toEqual([]);
        expect(v.registeredAgents).toHaveLength(3);
        expect(v.availability.adminRouterStatus).toBe(200);
      }),
      { numRuns: 25 },
    );
  });

  it('same seed and same commands give a byte-identical log', () => {
    fc.assert(
      fc.property(planArb, ({ seed, faults }) => {
        const a = run(seed, faults, 18 * MIN);
        const b = run(seed, faults, 18 * MIN);
        expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
      }),
      { numRuns: 10 },
    );
  });

  it.each([
    ['mid-boot', 150_000, [] as [number, Fault][]],
    ['mid-fault', 13 * MIN, [[12 * MIN, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }], [12 * MIN + 5_000, { kind: 'partition', node: 'agent-1' }]] as [number, Fault][]],
  ])('restoreEngine(JSON of a snapshot taken %s) continues byte-identically', (_label, at, faults) => {
    const a = run(4, faults, at);
    const b = restoreEngine(JSON.parse(JSON.stringify(a.e.snapshot())));
    expect(b.simTimeMs).toBe(a.e.simTimeMs);
    expect(b.lastSeq).toBe(a.e.lastSeq);
    const cmds: [number, Fault][] = [[at + 30_000, { kind: 'kill', node: 'master-2', unit: 'dcos-marathon' }], [at + 200_000, { kind: 'clear' }]];
    const cont = (x: typeof b) => {
      const out: SimEvent[] = [];
      for (const [t, f] of cmds) {
        out.push(...x.advanceTo(t));
        const r = x.inject(f);
        out.push(...(r.ok ? r.events : []));
      }
      out.push(...x.advanceTo(at + 15 * MIN));
      return out;
    };
    const la = cont(a.e);
    const lb = cont(b);
    expect(la.length).toBeGreaterThan(10);
    expect(JSON.stringify(lb)).toBe(JSON.stringify(la));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.e.snapshot()));
  });
});
