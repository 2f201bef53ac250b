// The critical chain of a boot, read off the event log: healthy boots of several seeds and sizes, and the
// slow-mesos-dns boot, whose chain runs through Mesos-DNS and ends later.
import { describe, expect, it } from 'vitest';
import type { ClusterConfig, Fault, SimEvent } from './types.ts';
import { criticalPath, type CriticalPath } from './criticalPath.ts';
import { firstHealthyMs, runWith, SMALL } from './testing.ts';

const FACTS = new Set(['fact:quorum', 'fact:mesos-leader', 'fact:marathon-leader', 'fact:leader.mesos', 'fact:marathon.mesos']);
const UNTIL_MS = 15 * 60_000;

function checkShape(path: CriticalPath, log: SimEvent[], units: Set<string>): void {
  expect(path.healthyAtMs).toBe(firstHealthyMs(log));
  expect(path.chain.length).toBeGreaterThan(3);
  expect(path.chain.at(-1)?.atMs).toBe(path.healthyAtMs);
  let previousMs = 0;
  for (const link of path.chain) {
    expect(link.atMs).toBeGreaterThanOrEqual(previousMs); // oldest first
    expect(link.durationMs).toBe(link.atMs - previousMs);
    expect(link.text.length).toBeGreaterThan(10);
    expect(units.has(link.ref) || FACTS.has(link.ref), `ref ${link.ref} exists`).toBe(true);
    previousMs = link.atMs;
  }
  expect(path.chain.reduce((sum, l) => sum + l.durationMs, 0)).toBe(path.healthyAtMs);
}

function unitRefs(run: ReturnType<typeof runWith>): Set<string> {
  return new Set(run.engine.view().nodes.flatMap((n) => n.units.map((u) => `${n.id}/${u.id}`)));
}

describe('criticalPath of a healthy boot', () => {
  it.each([1, 2, 3, 4, 5, 11])('seed %i, 3 masters: Exhibitor/ZooKeeper convergence first, then quorum, ending at the pull', (seed) => {
    const run = runWith(SMALL, seed, [], UNTIL_MS);
    const path = criticalPath(run.log);
    checkShape(path, run.log, unitRefs(run));
    expect(path.chain[0].ref).toMatch(/^master-\d\/dcos-exhibitor$/);
    const quorum = path.chain.findIndex((l) => l.ref === 'fact:quorum');
    expect(quorum).toBeGreaterThan(0);
    expect(path.chain.slice(0, quorum).every((l) => l.ref.endsWith('/dcos-exhibitor'))).toBe(true);
    // Convergence (120-210 s, timings.ts) is the longest wait of a healthy boot.
    expect(path.chain[quorum].durationMs).toBeGreaterThanOrEqual(120_000);
    expect(path.chain.at(-1)?.ref).toMatch(/^master-\d\/dcos-diagnostics$/);
    expect(path.chain.map((l) => l.ref)).toContain('fact:mesos-leader');
  });

  it.each<[string, ClusterConfig]>([['1 master', { masters: 1, agents: 1, publicAgents: 0 }], ['5 masters', { masters: 5, agents: 3, publicAgents: 1 }]])('%s', (_, cluster) => {
    const run = runWith(cluster, 3, [], UNTIL_MS);
    const path = criticalPath(run.log);
    checkShape(path, run.log, unitRefs(run));
    expect(path.chain.map((l) => l.ref)).toContain('fact:quorum');
  });

  it('is deterministic and needs only the log (the same answer for a copy of it)', () => {
    const run = runWith(SMALL, 1, [], UNTIL_MS);
    expect(criticalPath(JSON.parse(JSON.stringify(run.log)) as SimEvent[])).toEqual(criticalPath(run.log));
  });
});

describe('criticalPath with a slow Mesos-DNS (the slow-mesos-dns scenario: +120 s on every master at t=0)', () => {
  const delays: [number, Fault][] = ['master-1', 'master-2', 'master-3'].map((node) => [0, { kind: 'delay', node, unit: 'dcos-mesos-dns', ms: 120_000 }]);

  it.each([1, 2, 3])('seed %i: the chain runs through Mesos-DNS and ends later than the healthy boot', (seed) => {
    const slow = runWith(SMALL, seed, delays, UNTIL_MS);
    const healthy = criticalPath(runWith(SMALL, seed, [], UNTIL_MS).log);
    const path = criticalPath(slow.log);
    checkShape(path, slow.log, unitRefs(slow));
    const dns = path.chain.find((l) => l.ref.endsWith('/dcos-mesos-dns'));
    expect(dns?.text).toMatch(/delay Mesos DNS on master-\d by 120 s/);
    expect(dns?.durationMs).toBeGreaterThan(120_000);
    expect(path.chain.map((l) => l.ref)).toContain('fact:leader.mesos');
    expect(path.healthyAtMs).toBeGreaterThan(healthy.healthyAtMs ?? Infinity);
    expect(healthy.chain.some((l) => l.ref.endsWith('/dcos-mesos-dns'))).toBe(false);
  });
});

describe('criticalPath when the cluster never became healthy', () => {
  it('answers {healthyAtMs: null, chain: []} for a boot still running, a stopped boot and an empty log', () => {
    expect(criticalPath(runWith(SMALL, 1, [], 120_000).log)).toEqual({ healthyAtMs: null, chain: [] });
    const stuck = runWith(SMALL, 1, [[60_000, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }]], UNTIL_MS);
    expect(stuck.rejected).toEqual([]);
    expect(criticalPath(stuck.log)).toEqual({ healthyAtMs: null, chain: [] });
    expect(criticalPath([])).toEqual({ healthyAtMs: null, chain: [] });
  });
});
