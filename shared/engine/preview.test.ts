// The preview equals what then happens: preview a fault from a running engine, then inject the same fault into
// (a) a second engine restored from the same snapshot and (b) the original engine itself, run the horizon, and
// compare every unit's first change to the millisecond, the units that do not change, and the cluster rule.
import { describe, expect, it } from 'vitest';
import type { Engine, Fault, Health, SimEvent } from './types.ts';
import { createEngine, restoreEngine } from './index.ts';
import { PREVIEW_DEFAULT_HORIZON_MS, previewFault } from './preview.ts';
import { after } from './previewSummary.ts';
import { SMALL } from './testing.ts';

const MIN = 60_000;

/** The reality side, computed independently of preview.ts: first change per unit, cluster per the stated rule. */
function reality(engine: Engine, fault: Fault, horizonMs: number, sliceMs: number) {
  const fromMs = engine.simTimeMs;
  let health: Health = engine.view().clusterHealth;
  const injected = engine.inject(fault);
  if (!injected.ok) throw new Error(injected.error);
  const log: SimEvent[] = [...injected.events];
  for (let t = fromMs + sliceMs; ; t += sliceMs) {
    log.push(...engine.advanceTo(Math.min(t, fromMs + horizonMs)));
    if (t >= fromMs + horizonMs) break;
  }
  const first = new Map<string, { node: string; unit: string; to: string; atMs: number }>();
  let atMs = fromMs;
  for (const e of log) {
    if (e.type === 'unit' && !first.has(`${e.node}/${e.unit}`)) first.set(`${e.node}/${e.unit}`, { node: e.node, unit: e.unit, to: e.to, atMs: e.simTimeMs });
    if (e.type === 'cluster' && e.health !== health) [health, atMs] = [e.health, e.simTimeMs];
  }
  return { first, cluster: { health, atMs }, allUnits: engine.view().nodes.flatMap((n) => n.units.map((u) => `${n.id}/${u.id}`)) };
}

interface Case {
  name: string;
  atMs: number;
  before?: (e: Engine) => Fault[];
  fault: (e: Engine) => Fault;
  horizonMs?: number;
}

const CASES: Case[] = [
  { name: 'stop Exhibitor on one master', atMs: 7 * MIN, fault: () => ({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }) },
  {
    name: 'stop Exhibitor on a second master (quorum lost)', atMs: 7 * MIN,
    before: () => [{ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }],
    fault: () => ({ kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' }),
  },
  { name: 'kill the Mesos leader', atMs: 7 * MIN, fault: (e) => ({ kind: 'kill', node: e.view().leaders.mesos ?? 'master-1', unit: 'dcos-mesos-master' }) },
  { name: 'partition an agent (past the 300 s unreachable mark)', atMs: 7 * MIN, fault: () => ({ kind: 'partition', node: 'agent-1' }), horizonMs: 12 * MIN },
  { name: 'delay Mesos-DNS during the boot', atMs: 100_000, fault: () => ({ kind: 'delay', node: 'master-2', unit: 'dcos-mesos-dns', ms: 90_000 }) },
  { name: 'crash a master', atMs: 7 * MIN, fault: () => ({ kind: 'crash', node: 'master-3' }), horizonMs: 30 * MIN },
];

describe('previewFault equals the fork\'s reality', () => {
  for (const c of CASES) {
    it.each([1, 2, 7])(`${c.name} (seed %i)`, (seed) => {
      const engine = createEngine({ cluster: SMALL, seed });
      engine.advanceTo(c.atMs);
      for (const f of c.before?.(engine) ?? []) expect(engine.inject(f).ok).toBe(true);
      engine.advanceTo(c.atMs + 10_000);
      const fault = c.fault(engine);
      const horizonMs = c.horizonMs ?? PREVIEW_DEFAULT_HORIZON_MS;
      const snapshot = engine.snapshot();
      const before = JSON.stringify(snapshot);

      const preview = previewFault(engine, fault, { horizonMs });
      if (!preview.ok) throw new Error(preview.error);
      expect(JSON.stringify(engine.snapshot())).toBe(before); // computed aside: the source is untouched
      // A partitioned agent keeps its units running (no unit changes): the leader gives the agent up instead.
      if (fault.kind === 'partition') expect(preview.summary).toMatch(/^no unit changes, .*, 1 agent unreachable after 5 min/);
      else expect(preview.affected.length).toBeGreaterThan(0);

      // (a) a fork restored from the same snapshot, advanced in one go; (b) the original, in driver-sized ticks.
      for (const [fork, sliceMs] of [[restoreEngine(snapshot), horizonMs], [engine, 200]] as const) {
        const real = reality(fork, fault, horizonMs, sliceMs);
        expect(preview.affected).toEqual([...real.first.values()]);
        for (const ref of real.allUnits) expect(preview.affected.some((a) => `${a.node}/${a.unit}` === ref)).toBe(real.first.has(ref));
        expect(preview.cluster).toEqual(real.cluster);
        expect(preview.fromMs).toBe(c.atMs + 10_000);
        expect(preview.untilMs).toBe(preview.fromMs + horizonMs);
      }
    });
  }
});

describe('previewFault input', () => {
  const running = () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    e.advanceTo(7 * MIN);
    return e;
  };

  it('rejects a fault with exactly the error inject gives, and computes nothing', () => {
    const e = running();
    const bad: unknown[] = [
      { kind: 'kill', node: 'master-1', unit: 'dcos-foo' },
      { kind: 'start', node: 'master-1', unit: 'dcos-exhibitor' }, // not stopped: applicability
      { kind: 'heal', node: 'agent-1' },
      { kind: 'explode' },
      null,
    ];
    for (const f of bad) {
      const expected = restoreEngine(e.snapshot()).inject(f as Fault);
      expect(expected.ok).toBe(false);
      expect(previewFault(e, f as Fault)).toEqual(expected);
    }
  });

  it.each([0, -1, 1.5, 1_800_001, Number.NaN, Infinity])('rejects horizonMs %s with the allowed range', (horizonMs) => {
    const r = previewFault(running(), { kind: 'clear' }, { horizonMs });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^horizonMs must be a whole number of ms from 1 to 1800000/) });
  });

  it('defaults to five minutes, accepts a snapshot as input and answers the same as from the engine', () => {
    const e = running();
    const fault: Fault = { kind: 'kill', node: 'master-2', unit: 'dcos-marathon' };
    const fromEngine = previewFault(e, fault);
    expect(fromEngine.ok && fromEngine.untilMs - fromEngine.fromMs).toBe(5 * MIN);
    expect(previewFault(e.snapshot(), fault)).toEqual(fromEngine);
  });

  it('refuses instead of running past its event budget', () => {
    const r = previewFault(running(), { kind: 'crash', node: 'master-1' }, { maxEvents: 10 });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^preview too large: more than 10 events/) });
  });
});

describe('the menu summary', () => {
  it('counts failing units, states the cluster health change and the API, e.g. for one stopped Exhibitor', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    e.advanceTo(7 * MIN);
    const r = previewFault(e, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' });
    if (!r.ok) throw new Error(r.error);
    const down = new Set(r.affected.map((a) => `${a.node}/${a.unit}`));
    expect(r.summary).toMatch(new RegExp(`^${down.size} units fail, cluster Unhealthy after ${after(r.cluster.atMs - r.fromMs)}, API `));
  });

  it('says when nothing changes', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    e.advanceTo(7 * MIN);
    const r = previewFault(e, { kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: 1_000 });
    expect(r.ok && r.summary).toBe('no unit changes, cluster stays Healthy, API stays up');
  });

  it.each([[62_000, '62 s'], [119_400, '119 s'], [120_000, '2 min'], [250_000, '4 min 10 s']])('writes %i ms as %s', (ms, text) => {
    expect(after(ms)).toBe(text);
  });
});
