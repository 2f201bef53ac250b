// Scenario files: the built-ins load and validate against their own cluster; bad files are rejected with one
// readable line (JSON, schema, faults the cluster cannot take).
import { describe, expect, it } from 'vitest';
import { builtinNames, listScenarios, loadBuiltinScenario, parseScenario } from './scenarios.ts';

const valid = {
  name: 'mine',
  title: 'Mine',
  description: '',
  cluster: { masters: 3, agents: 1, publicAgents: 0 },
  seed: 1,
  durationMs: 100_000,
  steps: [{ atMs: 1000, say: 'hello' }],
};
const parse = (o: unknown) => parseScenario(JSON.stringify(o), 'mine.json');

describe('built-in scenarios', () => {
  it('are all listed, in teaching order, with a title and description', () => {
    const list = listScenarios();
    expect(list.map((s) => s.name)).toEqual(['healthy-boot', 'zk-single-failure', 'zk-quorum-loss', 'slow-mesos-dns', 'leader-failover', 'leader-failover-5000', 'agent-partition', 'master-crash']);
    expect(list.map((s) => s.name)).toEqual(builtinNames());
    for (const s of list) {
      expect(s.title.length).toBeGreaterThan(5);
      expect(s.description.length).toBeGreaterThan(40);
    }
  });

  it.each(builtinNames())('%s validates, narrates for a class and fits its duration', (name) => {
    const r = loadBuiltinScenario(name);
    if (!r.ok) throw new Error(r.error);
    const s = r.scenario;
    expect(s.durationMs).toBeDefined();
    expect(s.steps.filter((st) => st.say).length).toBeGreaterThanOrEqual(3);
    for (const st of s.steps) expect(st.atMs).toBeLessThanOrEqual(s.durationMs!);
  });

  it('refuses names that are not built-ins, including path tricks', () => {
    for (const name of ['nope', '../package', 'healthy-boot.json', '']) {
      const r = loadBuiltinScenario(name);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^unknown scenario '.*'; built-in scenarios: healthy-boot, /);
    }
  });
});

describe('parseScenario', () => {
  it('accepts a valid scenario', () => {
    expect(parse(valid)).toMatchObject({ ok: true, scenario: { name: 'mine' } });
  });

  it.each([
    ['not JSON', '{"name":', /^mine\.json is not valid JSON \(.+\); a scenario is a JSON object/],
    ['an unknown key', JSON.stringify({ ...valid, extra: true }), /^mine\.json is not a valid scenario: .*extra/],
    ['a step with nothing to do', JSON.stringify({ ...valid, steps: [{ atMs: 5 }] }), /a step needs a fault, a say, or both/],
    ['a step after the end', JSON.stringify({ ...valid, steps: [{ atMs: 200_000, say: 'late' }] }), /step 1: atMs 200000 is after durationMs 100000/],
    ['an unknown node', JSON.stringify({ ...valid, steps: [{ atMs: 5, fault: { kind: 'partition', node: 'agent-2' } }] }), /^mine\.json step 1 \(atMs 5\): .*agent-2/],
    ['an unknown unit', JSON.stringify({ ...valid, steps: [{ atMs: 5, fault: { kind: 'stop', node: 'master-2', unit: 'dcos-foo' } }] }), /^mine\.json step 1 \(atMs 5\): .*dcos-foo/],
  ])('rejects %s with one line', (_label, text, message) => {
    const r = parseScenario(text, 'mine.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain('\n');
    }
  });
});
