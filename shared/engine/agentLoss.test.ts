// Agents that go away and come back, as Mesos 1.5 and a partition-aware Marathon 1.6 handle them
// (dcos-model.md §5.5a): what a class sees when an agent's process stops, the network cuts it off, or it reboots.
import { describe, expect, it } from 'vitest';
import type { Fault, SimEvent } from './types.ts';
import { firstAfter, runWith, SMALL } from './testing.ts';

const MIN = 60_000;
const T = 12 * MIN; // after a healthy boot for the seeds used here
const SEED = 4;

type TaskEvent = Extract<SimEvent, { type: 'task' }>;
const tasksOn = (log: SimEvent[], node: string, state: string): TaskEvent[] =>
  log.filter((e): e is TaskEvent => e.type === 'task' && e.node === node && e.state === state);

function victimOf(): string {
  const boot = runWith(SMALL, SEED, [], T);
  return boot.engine.view().tasks.find((t) => t.service === '/nginx' && t.state === 'running')!.node;
}

describe('a stopped Mesos agent', () => {
  const victim = victimOf();
  const stop: Fault = { kind: 'stop', node: victim, unit: 'dcos-mesos-slave' };
  const start: Fault = { kind: 'start', node: victim, unit: 'dcos-mesos-slave' };
  const { log, engine } = runWith(SMALL, SEED, [[T, stop], [T + 25 * MIN, start]], T + 27 * MIN);

  it('is disconnected at once but its tasks keep running', () => {
    const disc = firstAfter(log, T, 'agent', (e) => e.node === victim)!;
    expect(disc.simTimeMs).toBe(T);
    expect(disc.registered).toBe(false);
    expect(disc.unreachable).toBeUndefined();
    expect(disc.cause.text).toMatch(/tasks keep running/);
    expect(log.filter((e) => e.type === 'task' && e.node === victim && e.simTimeMs >= T && e.simTimeMs < T + 300_000)).toEqual([]);
  });

  it('is marked unreachable after 300 s of missed pings and its tasks become TASK_UNREACHABLE', () => {
    const marked = firstAfter(log, T, 'agent', (e) => e.node === victim && e.unreachable === true)!;
    expect(marked.simTimeMs).toBe(T + 300_000);
    const unreachable = tasksOn(log, victim, 'unreachable');
    expect(unreachable.length).toBeGreaterThan(0);
    expect(unreachable[0].simTimeMs).toBe(T + 300_000);
    expect(log.some((e) => e.type === 'task' && e.state === 'lost')).toBe(false);
  });

  it('gets Marathon replacements only 300 s after the tasks became unreachable', () => {
    const replacement = firstAfter(log, T, 'task', (e) => e.service === '/nginx' && e.state === 'staging')!;
    expect(replacement.simTimeMs).toBe(T + 600_000);
    expect(replacement.node).not.toBe(victim);
  });

  it('has Marathon forget the originals at 600 s and kill them when the agent comes back', () => {
    const expunged = firstAfter(log, T, 'task', (e) => e.node === victim && /expunge/.test(e.cause.text))!;
    expect(expunged.simTimeMs).toBe(T + 900_000);
    const killed = tasksOn(log, victim, 'killed').filter((e) => e.service === '/nginx');
    expect(killed.length).toBeGreaterThan(0);
    expect(killed[0].cause.text).toMatch(/expunged/);
    const v = engine.view();
    expect(v.tasks.filter((t) => t.service === '/nginx' && t.state === 'running')).toHaveLength(2);
    expect(v.unreachableAgents).toEqual([]);
    expect(v.registeredAgents).toContain(victim);
  });

  it('started again within 300 s, re-registers and nothing happens to its tasks', () => {
    const quick = runWith(SMALL, SEED, [[T, stop], [T + 2 * MIN, start]], T + 12 * MIN);
    expect(quick.log.filter((e) => e.type === 'task' && e.simTimeMs >= T)).toEqual([]);
    expect(quick.log.some((e) => e.type === 'agent' && e.unreachable === true)).toBe(false);
    expect(quick.engine.view().registeredAgents).toContain(victim);
  });
});

describe('a partitioned agent (Marathon is partition-aware)', () => {
  const victim = victimOf();
  const { log, engine } = runWith(SMALL, SEED, [[T, { kind: 'partition', node: victim }], [T + 11 * MIN, { kind: 'heal', node: victim }]], T + 13 * MIN);

  it('has its tasks unreachable at 300 s, not lost, and replaced only at 600 s', () => {
    const unreachable = tasksOn(log, victim, 'unreachable');
    expect(unreachable[0].simTimeMs).toBe(T + 300_000);
    const replacement = firstAfter(log, T, 'task', (e) => e.service === '/nginx' && e.state === 'staging')!;
    expect(replacement.simTimeMs).toBe(T + 600_000);
  });

  it('brings its tasks back running on heal and kills the surplus replacement (youngest first)', () => {
    const back = tasksOn(log, victim, 'running').filter((e) => e.simTimeMs >= T + 11 * MIN);
    expect(back.length).toBeGreaterThan(0);
    const surplus = firstAfter(log, T + 11 * MIN, 'task', (e) => e.service === '/nginx' && e.state === 'killed')!;
    expect(surplus.node).not.toBe(victim);
    expect(surplus.cause.text).toMatch(/youngest/);
    const nginx = engine.view().tasks.filter((t) => t.service === '/nginx' && t.state === 'running');
    expect(nginx).toHaveLength(2);
    expect(nginx.some((t) => t.node === victim)).toBe(true);
  });

  it('healed within 300 s, is never marked unreachable', () => {
    const quick = runWith(SMALL, SEED, [[T, { kind: 'partition', node: victim }], [T + 4 * MIN, { kind: 'heal', node: victim }]], T + 10 * MIN);
    expect(quick.log.some((e) => e.type === 'agent' && e.node === victim && e.simTimeMs >= T)).toBe(false);
    expect(quick.log.some((e) => e.type === 'task' && e.simTimeMs >= T)).toBe(false);
  });
});

describe('the agent removal rate limit (1 per 20 minutes)', () => {
  it('marks the second of two cut-off agents unreachable 20 minutes after the first', () => {
    const cluster = { masters: 3, agents: 3, publicAgents: 0 } as const;
    const faults: [number, Fault][] = [[T, { kind: 'partition', node: 'agent-1' }], [T, { kind: 'partition', node: 'agent-2' }]];
    const { log } = runWith(cluster, SEED, faults, T + 30 * MIN);
    const marks = log.filter((e) => e.type === 'agent' && e.unreachable === true).map((e) => e.simTimeMs);
    expect(marks).toEqual([T + 300_000, T + 300_000 + 20 * MIN]);
  });
});

describe('a rebooted agent', () => {
  it('comes back without its tasks: TASK_GONE, and Marathon relaunches them at once', () => {
    const victim = victimOf();
    const faults: [number, Fault][] = [[T, { kind: 'crash', node: victim }], [T + MIN, { kind: 'boot', node: victim }]];
    const { log, engine } = runWith(SMALL, SEED, faults, T + 6 * MIN);
    const gone = tasksOn(log, victim, 'gone');
    expect(gone.length).toBeGreaterThan(0);
    const relaunch = firstAfter(log, gone[0].simTimeMs, 'task', (e) => e.service === '/nginx' && e.state === 'staging')!;
    expect(relaunch.simTimeMs).toBe(gone[0].simTimeMs);
    expect(engine.view().tasks.filter((t) => t.service === '/nginx' && t.state === 'running')).toHaveLength(2);
  });
});
