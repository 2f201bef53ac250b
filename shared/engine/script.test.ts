// The scenario player against a tiny scripted engine: order of steps, cursor as JSON, readable step errors.
import { describe, expect, it } from 'vitest';
import { advanceWithScript, createScript, createScriptPlayer, nextStepTimeMs, resolveSymbolicNode, SCRIPT_START } from './script.ts';
import { createEngine, restoreEngine } from './index.ts';
import type { ClusterView, Engine, EngineSnapshot, Fault, InjectResult, SimEvent } from './types.ts';

/** An engine that emits one `power` event every second and accepts faults on master-1..3 only. */
function fakeEngine(): Engine {
  let simTimeMs = 0;
  let seq = 0;
  let nextTickMs = 1000;
  const stamp = (body: Record<string, unknown>): SimEvent => ({ seq: ++seq, simTimeMs, ...body }) as SimEvent;
  const engine: Engine = {
    get simTimeMs() {
      return simTimeMs;
    },
    get lastSeq() {
      return seq;
    },
    cluster: { masters: 3, agents: 0, publicAgents: 0 },
    seed: 1,
    advanceTo(t) {
      const out: SimEvent[] = [];
      while (nextTickMs <= t) {
        simTimeMs = nextTickMs;
        out.push(stamp({ type: 'power', node: 'master-1', up: true, partitioned: false, cause: { text: 'tick' } }));
        nextTickMs += 1000;
      }
      if (t > simTimeMs) simTimeMs = t;
      return out;
    },
    step: () => [],
    nextEventTimeMs: () => nextTickMs,
    inject(fault: Fault): InjectResult {
      if (fault.kind !== 'clear' && !/^master-[1-3]$/.test(fault.node)) {
        return { ok: false, error: `unknown node '${fault.node}'; nodes: master-1, master-2, master-3` };
      }
      return { ok: true, events: [stamp({ type: 'fault', fault, active: true, cause: { text: 'injected' } })] };
    },
    narrate: (text) => [stamp({ type: 'narration', text })],
    view: () => {
      throw new Error('not needed');
    },
    explain: () => [],
    snapshot: (): EngineSnapshot => ({ version: 1 }),
  };
  return engine;
}

const compact = (events: SimEvent[]) =>
  events.map((e) => `${e.simTimeMs}:${e.type}${e.type === 'narration' ? `:${e.text}` : ''}${e.type === 'fault' ? `:${e.fault.kind}` : ''}`);

describe('advanceWithScript', () => {
  it('fires due steps at their time, after what the engine had scheduled up to then, say before fault', () => {
    const script = createScript([
      { atMs: 2500, say: 'stop it', fault: { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' } },
      { atMs: 1000, say: 'first' },
    ]);
    const r = advanceWithScript(fakeEngine(), script, SCRIPT_START, 3000);
    expect(compact(r.events)).toEqual(['1000:power', '1000:narration:first', '2000:power', '2500:narration:stop it', '2500:fault:stop', '3000:power']);
    expect(r.cursor).toEqual({ nextStep: 2 });
    expect(r.errors).toEqual([]);
    expect(r.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps written order for steps at the same time', () => {
    const script = createScript([
      { atMs: 500, say: 'a' },
      { atMs: 500, say: 'b' },
      { atMs: 500, say: 'c' },
    ]);
    const r = advanceWithScript(fakeEngine(), script, SCRIPT_START, 500);
    expect(compact(r.events)).toEqual(['500:narration:a', '500:narration:b', '500:narration:c']);
  });

  it('resumes from a JSON round-tripped cursor without replaying steps', () => {
    const engine = fakeEngine();
    const script = createScript([{ atMs: 100, say: 'one' }, { atMs: 5000, say: 'two' }]);
    const first = advanceWithScript(engine, script, SCRIPT_START, 2000);
    const cursor = JSON.parse(JSON.stringify(first.cursor));
    expect(nextStepTimeMs(script, cursor)).toBe(5000);
    const second = advanceWithScript(engine, script, cursor, 6000);
    expect(compact(second.events).filter((s) => s.includes('narration'))).toEqual(['5000:narration:two']);
    expect(nextStepTimeMs(script, second.cursor)).toBeNull();
  });

  it('reports a fault the engine rejects as a readable error and carries on', () => {
    const script = createScript([
      { atMs: 90_000, fault: { kind: 'crash', node: 'master-9' } },
      { atMs: 91_000, say: 'still here' },
    ]);
    const r = advanceWithScript(fakeEngine(), script, SCRIPT_START, 92_000);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].step).toBe(0);
    expect(r.errors[0].error).toBe(
      "scenario step 1 at 01:30.000 (crash master-9) was not applied: unknown node 'master-9'; nodes: master-1, master-2, master-3",
    );
    expect(compact(r.events)).toContain('91000:narration:still here');
    expect(r.events.some((e) => e.type === 'fault')).toBe(false);
  });

  it('fires overdue steps at the current time when attached late', () => {
    const engine = fakeEngine();
    engine.advanceTo(10_000);
    const r = advanceWithScript(engine, createScript([{ atMs: 3000, say: 'late' }]), SCRIPT_START, 10_000);
    expect(compact(r.events)).toEqual(['10000:narration:late']);
  });
});

describe('createScriptPlayer', () => {
  it('tracks its cursor across calls and says when it is done', () => {
    const engine = fakeEngine();
    const player = createScriptPlayer([{ atMs: 1500, say: 'x' }, { atMs: 4500, say: 'y' }]);
    player.advanceTo(engine, 2000);
    expect(player.cursor).toEqual({ nextStep: 1 });
    expect(player.done).toBe(false);
    player.advanceTo(engine, 5000);
    expect(player.done).toBe(true);
  });
});

describe('with the real engine', () => {
  it('a snapshot of engine + cursor taken mid-scenario resumes to the same log', () => {
    const steps = [
      { atMs: 200_000, say: 'stop one ZooKeeper' },
      { atMs: 200_000, fault: { kind: 'stop', node: 'master-2', unit: 'dcos-exhibitor' } as const },
      { atMs: 260_000, fault: { kind: 'start', node: 'master-2', unit: 'dcos-exhibitor' } as const },
      { atMs: 300_000, say: 'done' },
    ];
    const script = createScript(steps);
    const straight = createEngine({ cluster: { masters: 3, agents: 1, publicAgents: 0 }, seed: 4 });
    const all = advanceWithScript(straight, script, SCRIPT_START, 400_000);
    expect(all.errors).toEqual([]);

    const first = createEngine({ cluster: { masters: 3, agents: 1, publicAgents: 0 }, seed: 4 });
    const part1 = advanceWithScript(first, script, SCRIPT_START, 230_000);
    const saved = JSON.parse(JSON.stringify({ engine: first.snapshot(), cursor: part1.cursor }));
    const part2 = advanceWithScript(restoreEngine(saved.engine), script, saved.cursor, 400_000);
    expect(JSON.stringify([...part1.events, ...part2.events])).toBe(JSON.stringify(all.events));
    expect(all.events.filter((e) => e.type === 'fault').length).toBeGreaterThanOrEqual(2);
  });
});

describe('symbolic targets', () => {
  const view = (mesos: string | null, marathon: string | null) => ({
    leaders: { mesos, marathon },
    nodes: ['master-1', 'master-2', 'master-3', 'agent-1'].map((id) => ({ id, role: id.startsWith('master') ? 'master' : 'agent' })) as ClusterView['nodes'],
  });

  it('resolves the leaders and a master that leads nothing', () => {
    expect(resolveSymbolicNode(view('master-2', 'master-1'), '@mesos-leader')).toEqual({ node: 'master-2' });
    expect(resolveSymbolicNode(view('master-2', 'master-1'), '@marathon-leader')).toEqual({ node: 'master-1' });
    expect(resolveSymbolicNode(view('master-2', 'master-1'), '@quiet-master')).toEqual({ node: 'master-3' });
    expect(resolveSymbolicNode(view('master-1', 'master-1'), '@quiet-master')).toEqual({ node: 'master-2' });
  });

  it('says when there is nothing to target', () => {
    expect(resolveSymbolicNode(view(null, 'master-1'), '@mesos-leader')).toEqual({ error: 'there is no Mesos leader to target (@mesos-leader)' });
  });

  it('injects the fault on the node the role resolves to when the step fires (real engine)', () => {
    const engine = createEngine({ cluster: { masters: 3, agents: 1, publicAgents: 0 }, seed: 3 });
    const boot = advanceWithScript(engine, createScript([]), SCRIPT_START, 600_000);
    const leader = engine.view().leaders.mesos;
    expect(leader, 'the cluster booted and elected a leader').not.toBeNull();
    const r = advanceWithScript(engine, createScript([{ atMs: 600_000, fault: { kind: 'kill', node: '@mesos-leader', unit: 'dcos-mesos-master' } }]), boot.cursor, 600_000);
    expect(r.errors).toEqual([]);
    const fault = r.events.find((e) => e.type === 'fault');
    expect(fault && fault.type === 'fault' && fault.fault).toEqual({ kind: 'kill', node: leader, unit: 'dcos-mesos-master' });
  });
});

describe('symbolic targets keep their meaning', () => {
  it('a role name binds to one node on first use, and the binding survives a JSON round trip', () => {
    const engine = createEngine({ cluster: { masters: 3, agents: 1, publicAgents: 0 }, seed: 3 });
    const script = createScript([
      { atMs: 600_000, fault: { kind: 'crash', node: '@quiet-master' } },
      { atMs: 700_000, fault: { kind: 'boot', node: '@quiet-master' } },
    ]);
    const first = advanceWithScript(engine, script, SCRIPT_START, 650_000);
    const crashed = first.cursor.bound?.['@quiet-master'];
    expect(crashed).toMatch(/^master-[123]$/);
    const second = advanceWithScript(engine, script, JSON.parse(JSON.stringify(first.cursor)), 750_000);
    expect(second.errors).toEqual([]);
    const faults = [...first.events, ...second.events].flatMap((e) => (e.type === 'fault' && e.active ? [e.fault] : []));
    expect(faults).toEqual([{ kind: 'crash', node: crashed }, { kind: 'boot', node: crashed }]);
  });
});
