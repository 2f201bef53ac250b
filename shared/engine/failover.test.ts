// Failovers wait for ZooKeeper (issue 17, items 1-3; docs/fidelity.md): a dead leader's ephemeral znode stays until
// its 10 s session expires, whatever killed it, except a Marathon that closes its leader latch on the way out.
import { describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from './types.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';

const T = 12 * 60_000; // after a healthy boot for the seed used here
const SEED = 4;
const SESSION = 10_000;

type Of<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;
const leaders = (log: SimEvent[], role: 'mesos' | 'marathon', from: number) =>
  log.filter((e): e is Of<'leader'> => e.type === 'leader' && e.role === role && e.simTimeMs >= from);

function leaderAt(role: 'mesos' | 'marathon'): string {
  const v = runWith(SMALL, SEED, [], T).engine.view();
  return v.leaders[role]!;
}

describe('the Mesos leader goes away', () => {
  for (const kind of ['kill', 'stop'] as const) {
    it(`${kind}: no detector hears of it before the session expires; agents disconnect and a new leader is elected only after 10 s`, () => {
      const victim = leaderAt('mesos');
      const fault: Fault = { kind, node: victim, unit: 'dcos-mesos-master' };
      const { log } = runWith(SMALL, SEED, [[T, fault]], T + 60_000);
      const [lost, next] = leaders(log, 'mesos', T);
      expect(lost).toMatchObject({ simTimeMs: T, node: null });
      expect(lost.cause.text).toMatch(/znode stays until its ZooKeeper session expires/);
      if (kind === 'stop') expect(lost.cause.text).toMatch(/SIGTERM is re-raised/);
      expect(next.node).not.toBe(victim);
      expect(next.simTimeMs).toBeGreaterThanOrEqual(T + SESSION);
      // the agents only log "Master disconnected!" until their detectors report the change
      const agentEvents = log.filter((e) => e.type === 'agent' && e.simTimeMs >= T);
      expect(agentEvents.filter((e) => e.simTimeMs < T + SESSION)).toEqual([]);
      expect(agentEvents.filter((e) => e.simTimeMs === T + SESSION && e.type === 'agent' && !e.registered)).toHaveLength(3);
      // the Marathon leader keeps leading (and answering the API) until its driver's detector reports the change
      const mara = leaders(log, 'marathon', T);
      expect(mara[0].simTimeMs).toBe(T + SESSION);
      const avail = log.filter((e): e is Of<'availability'> => e.type === 'availability' && e.simTimeMs >= T && e.simTimeMs < T + SESSION);
      for (const a of avail) expect(a.availability).toMatchObject({ apiReachable: true, tasksLaunchable: false });
      const exit = firstAfter(log, T, 'unit', (e) => e.unit === 'dcos-marathon' && e.from === 'healthy')!;
      expect(exit.simTimeMs).toBe(T + SESSION);
      expect(exit.cause.text).toMatch(/code 103/);
      // it closed its latch: a standby wins within the election time, not another session timeout
      expect(mara[1].node).not.toBeNull();
      expect(mara[1].simTimeMs - exit.simTimeMs).toBeLessThanOrEqual(2_000);
    });
  }
});

describe('the Marathon leader goes away', () => {
  it('kill (SIGKILL): its leader latch znode lingers, so a standby leads only after the 10 s session', () => {
    const victim = leaderAt('marathon');
    const { log } = runWith(SMALL, SEED, [[T, { kind: 'kill', node: victim, unit: 'dcos-marathon' }]], T + 60_000);
    const [lost, next] = leaders(log, 'marathon', T);
    expect(lost).toMatchObject({ simTimeMs: T, node: null });
    expect(lost.cause.text).toMatch(/latch znode stays until its ZooKeeper session expires/);
    expect(next.node).not.toBe(victim);
    expect(next.simTimeMs).toBeGreaterThanOrEqual(T + SESSION);
  });

  it('stop (SIGTERM): the shutdown hook closes the latch, so a standby leads within 2 s', () => {
    const victim = leaderAt('marathon');
    const { log } = runWith(SMALL, SEED, [[T, { kind: 'stop', node: victim, unit: 'dcos-marathon' }]], T + 60_000);
    const [lost, next] = leaders(log, 'marathon', T);
    expect(lost).toMatchObject({ simTimeMs: T, node: null });
    expect(lost.cause.text).toMatch(/closed its leader latch/);
    expect(next.node).not.toBe(victim);
    expect(next.simTimeMs - T).toBeLessThanOrEqual(2_000);
  });
});
