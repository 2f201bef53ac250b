// A partitioned Mesos leader still leads, but only for itself, until its ZooKeeper session expires (issue 17 item 4;
// docs/fidelity.md): the majority side cannot register with it or launch through it, and Mesos-DNS, whose state
// fetch from it fails, keeps its last records ("keeping old DNS state", mesos-dns resolver/resolver.go).
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { runWith, SMALL } from './testing.ts';

type Of<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;
const T = 12 * 60_000;
const SEED = 5; // Mesos leader master-3, Marathon leader master-1 after the boot

describe('the Mesos leader is cut off from the other masters', () => {
  const { log, engine } = runWith(SMALL, SEED, [], T);
  const before = engine.view();
  const mesosLeader = before.leaders.mesos!;
  const partitioned = runWith(SMALL, SEED, [[T, { kind: 'partition', node: mesosLeader }]], T + 60_000).log.filter((e) => e.simTimeMs >= T);
  const window = partitioned.filter((e) => e.simTimeMs < T + 10_000);

  it('the setup: Marathon leads on another master', () => {
    expect(log.length).toBeGreaterThan(0);
    expect(before.leaders.marathon).not.toBe(mesosLeader);
  });

  it('nobody on the majority side can launch tasks through it, though it has not yet lost its leadership', () => {
    const avail = window.filter((e): e is Of<'availability'> => e.type === 'availability');
    expect(avail.length).toBeGreaterThan(0);
    expect(avail[0].simTimeMs).toBe(T);
    for (const a of avail) expect(a.availability.tasksLaunchable).toBe(false);
    expect(window.filter((e) => e.type === 'leader' && e.role === 'mesos')).toEqual([]);
  });

  it('Mesos-DNS keeps leader.mesos and marathon.mesos while its state fetch from the cut-off leader fails', () => {
    expect(window.filter((e) => e.type === 'dns')).toEqual([]);
  });

  it('after the session expires a majority master leads and Marathon registers with it, not with the cut-off one', () => {
    const next = partitioned.find((e): e is Of<'leader'> => e.type === 'leader' && e.role === 'mesos' && e.node !== null)!;
    expect(next.node).not.toBe(mesosLeader);
    const reg = partitioned.filter((e): e is Of<'step'> => e.type === 'step' && e.step === 'master.6.4');
    for (const r of reg) expect(r.simTimeMs).toBeGreaterThanOrEqual(next.simTimeMs);
  });
});
