// explain(): from a unit down to its root causes, as a tree a class can read top to bottom; never throws.
import { describe, expect, it } from 'vitest';
import type { ExplainStep, Fault } from './types.ts';
import { createEngine, restoreEngine } from './index.ts';
import { runWith, SMALL } from './testing.ts';
import { MAX_STEPS } from './explain.ts';
import { FAULT_HISTORY_MAX } from './faultHistory.ts';
import { faultPhrase } from './explainWords.ts';
import { describeFault } from '../model/faults/registry.ts';

const MIN = 60_000;
const SLOW_DNS: [number, Fault][] = ['master-1', 'master-2', 'master-3'].map((node) => [0, { kind: 'delay', node, unit: 'dcos-mesos-dns', ms: 120_000 }]);
const QUORUM_LOSS: [number, Fault][] = [
  [6 * MIN, { kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' }],
  [6 * MIN, { kind: 'stop', node: 'master-3', unit: 'dcos-exhibitor' }],
];

function depthOf(chain: ExplainStep[], i: number): number {
  let d = 0;
  for (let p = chain[i].parent; p !== null; p = chain[p].parent) d++;
  return d;
}

function pathToTop(chain: ExplainStep[], i: number): string[] {
  const refs: string[] = [];
  for (let p: number | null = i; p !== null; p = chain[p].parent) refs.push(chain[p].ref);
  return refs.reverse();
}

describe('explain', () => {
  it('a healthy unit is one step: healthy, the top of its tree and no root cause', () => {
    const { engine } = runWith(SMALL, 1, [], 12 * MIN);
    const chain = engine.explain('agent-1', 'dcos-mesos-slave');
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({ ref: 'agent-1/dcos-mesos-slave', parent: null, root: false });
    expect(chain[0].text).toMatch(/healthy/);
  });

  it('unknown node or unit, or a unit not on that node, gives [] without throwing', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    expect(e.explain('master-9', 'dcos-exhibitor')).toEqual([]);
    expect(e.explain('master-1', 'dcos-foo')).toEqual([]);
    expect(e.explain('agent-1', 'dcos-mesos-master')).toEqual([]);
    expect(e.explain(undefined as unknown as string, null as unknown as string)).toEqual([]);
  });

  it('during boot, Marathon waits on leader.mesos or exhibitor.wait and the tree names what it waits for', () => {
    const e = createEngine({ cluster: SMALL, seed: 2 });
    e.advanceTo(90_000); // ZooKeeper ensemble still converging
    const chain = e.explain('master-2', 'dcos-marathon');
    expect(chain[0].text).toMatch(/waiting/);
    const all = chain.map((s) => s.text).join('\n');
    expect(all).toMatch(/ZooKeeper|leader\.mesos/);
    expect(chain.some((s) => s.ref === 'fact:quorum' || s.ref === 'fact:leader.mesos')).toBe(true);
  });

  it('explaining Marathon during quorum loss reads from Marathon down to the stopped Exhibitors', () => {
    const { engine } = runWith(SMALL, 1, QUORUM_LOSS, 7.5 * MIN);
    const chain = engine.explain('master-1', 'dcos-marathon');
    expect(chain[0]).toMatchObject({ ref: 'master-1/dcos-marathon', parent: null });
    const stops = chain.filter((s) => s.root && s.ref.startsWith('fault:'));
    expect(new Set(stops.map((s) => s.text))).toEqual(new Set([
      'the stop of Exhibitor on master-2 at 06:00 (still active)',
      'the stop of Exhibitor on master-3 at 06:00 (still active)',
    ]));
    // Down the tree: Marathon <- ... <- no quorum <- the stopped Exhibitor <- the stop, each one level deeper.
    const viaQuorum = chain.findIndex((s, i) => s.ref.startsWith('fault:') && pathToTop(chain, i).includes('fact:quorum'));
    const path = pathToTop(chain, viaQuorum);
    expect(path[0]).toBe('master-1/dcos-marathon');
    expect(path.indexOf('fact:quorum')).toBeLessThan(path.findIndex((r) => /^master-[23]\/dcos-exhibitor$/.test(r)));
    expect(depthOf(chain, viaQuorum)).toBe(path.length - 1);
  });

  it('after Mesos-DNS recovers, Admin Router is no longer explained by dcos-net', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    for (const [, f] of SLOW_DNS) e.inject(f);
    e.advanceTo(250_000);
    const before = e.explain('master-1', 'dcos-adminrouter');
    expect(before.filter((s) => s.root).map((s) => s.text)).toEqual(expect.arrayContaining([
      'the delay of Mesos DNS on master-1 by 120 s at 00:00 (still active)',
    ]));
    // Run until leader.mesos resolves again, then 4 s more: Marathon (RestartSec 15 s) has not retried its gates yet.
    let resolvedAt = -1;
    while (resolvedAt < 0) for (const ev of e.step()) if (ev.type === 'dns' && ev.name === 'leader.mesos' && ev.value !== null) resolvedAt = ev.simTimeMs;
    e.advanceTo(resolvedAt + 4_000);
    const after = e.explain('master-1', 'dcos-adminrouter');
    expect(after[0].text).toMatch(/waiting/);
    expect(after.map((s) => s.text).join('\n')).not.toMatch(/dcos-net|ready\.spartan|Mesos-DNS/);
    expect(after.some((s) => s.ref.endsWith('/dcos-net'))).toBe(false);
    // The Marathons it now waits on are told as they are: their gates pass, systemd has not retried yet.
    expect(after.filter((s) => s.ref.endsWith('/dcos-marathon')).every((s) => /gates pass now|starting/.test(s.text))).toBe(true);
  });

  it('an ended fault is named in words with its clear time', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    e.advanceTo(12 * MIN);
    expect(e.inject({ kind: 'partition', node: 'master-2' }).ok).toBe(true);
    e.advanceTo(12 * MIN + 5_000);
    expect(e.explain('master-2', 'dcos-marathon').at(-1)!.text).toBe('the partition of master-2 at 12:00 (still active)');
    expect(e.inject({ kind: 'heal', node: 'master-2' }).ok).toBe(true);
    e.advanceTo(12 * MIN + 6_000); // Marathon exited on the partition and systemd has not restarted it yet
    const chain = e.explain('master-2', 'dcos-marathon');
    expect(chain[1]).toMatchObject({ parent: 0, root: true, text: 'the partition of master-2 at 12:00 (cleared at 12:05)' });
    expect(chain.map((s) => s.text).join('\n')).not.toMatch(/fault:\d/);
  });

  it('faults are named as a teacher says them, with the real unit name; newer kinds by their registry sentence', () => {
    expect(faultPhrase({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' })).toBe('the stop of Exhibitor on master-1');
    expect(faultPhrase({ kind: 'delay', node: 'master-3', unit: 'dcos-mesos-dns', ms: 120_000 })).toBe('the delay of Mesos DNS on master-3 by 120 s');
    expect(faultPhrase({ kind: 'crash', node: 'agent-2' })).toBe('the crash of agent-2');
    const slow = { kind: 'slow-disk', node: 'master-1' } as Fault;
    expect(faultPhrase(slow)).toBe(describeFault(slow));
  });

  it('the engine remembers at most FAULT_HISTORY_MAX faults, oldest dropped, and old snapshots without it restore', () => {
    const e = createEngine({ cluster: SMALL, seed: 1 });
    for (let i = 0; i <= FAULT_HISTORY_MAX; i++) e.inject({ kind: 'delay', node: 'master-1', unit: 'dcos-oauth', ms: i });
    const snap = e.snapshot() as unknown as { faultHistory: { id: string; endedMs: number | null }[] };
    expect(snap.faultHistory).toHaveLength(FAULT_HISTORY_MAX);
    expect(snap.faultHistory[0].id).not.toBe('fault:1');
    // Each delay replaced the one before: all but the last have ended.
    expect(snap.faultHistory.filter((r) => r.endedMs === null)).toHaveLength(1);
    const { faultHistory: _dropped, ...old } = snap;
    expect(() => restoreEngine(old as never).explain('master-1', 'dcos-oauth')).not.toThrow();
  });
});

describe('every explanation is a tree', () => {
  const situations: [string, [number, Fault][], number[]][] = [
    ['slow Mesos-DNS', SLOW_DNS, [90_000, 250_000, 340_000]],
    ['quorum loss', QUORUM_LOSS, [7 * MIN, 9 * MIN]],
    ['a partitioned master', [[12 * MIN, { kind: 'partition', node: 'master-1' }]], [12.5 * MIN, 18 * MIN]],
    ['a crashed agent', [[12 * MIN, { kind: 'crash', node: 'agent-1' }]], [13 * MIN, 20 * MIN]],
    ['a hung Mesos master', [[12 * MIN, { kind: 'hang', node: 'master-1', unit: 'dcos-mesos-master' }]], [12.2 * MIN, 14 * MIN]],
  ];
  it.each(situations)("with %s, every step's parent comes before it and leaves are faults or facts", (_name, faults, times) => {
    for (const t of times) {
      const { engine } = runWith(SMALL, 1, faults, t);
      for (const node of engine.view().nodes) {
        for (const unit of node.units) {
          const chain = engine.explain(node.id, unit.id);
          const where = `${node.id}/${unit.id} at ${t}`;
          expect(chain[0].parent, where).toBeNull();
          chain.forEach((s, i) => {
            if (i > 0) expect(s.parent, where).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(s.parent!, where).toBeLessThan(i);
            // Pre-order: a step follows its parent or a sibling's subtree, never jumps up past its parent.
            if (i > 0 && s.parent !== i - 1) expect(pathToTop(chain, i - 1), where).toContain(chain[s.parent!].ref);
            expect(s.text, where).not.toMatch(/fault:\d/);
            if (i > 0) expect(s.text, where).not.toMatch(/ healthy: active/);
            const leaf = !chain.some((c) => c.parent === i);
            if (s.ref.startsWith('fault:')) expect(leaf && s.root, where).toBe(true);
            if (leaf && chain.length < MAX_STEPS && unit.state !== 'healthy') expect(s.root, where).toBe(true);
            if (!leaf) expect(s.root, where).toBe(false);
          });
        }
      }
    }
  });
});
