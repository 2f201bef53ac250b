// Robustness (architecture.md §5): no command line and no scenario file can crash the CLI. Generated inputs
// either run or are refused with exit 2 and one readable line; nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios.ts';
import { parseCliArgs } from './args.ts';

const FLAGS = ['--masters', '--agents', '--public-agents', '--seed', '--scenario', '--until-ms', '--format', '--help', '-h', '--bogus', '--', '-x'];
const VALUES = ['3', '0', '-1', '2', '1e3', 'NaN', '', ' ', '99999999999999999999', 'text', 'ndjson', 'healthy-boot', '0x10', '5', '=', '--masters'];
const argv = fc.array(fc.oneof(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES), fc.string({ maxLength: 12 })), { maxLength: 8 });

describe('parseCliArgs never throws', () => {
  it('returns run, help, or one readable line for any argv', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const r = parseCliArgs(args);
        if (r.kind === 'error') {
          expect(r.error.length).toBeGreaterThan(0);
          expect(r.error).not.toContain('\n');
        }
        if (r.kind === 'run') {
          expect([1, 3, 5]).toContain(r.options.cluster.masters);
          expect(Number.isInteger(r.options.seed)).toBe(true);
          expect(r.options.untilMs === null || r.options.untilMs >= 1).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseScenario never throws', () => {
  const fault = fc.oneof(
    fc.record({ kind: fc.constantFrom('kill', 'stop', 'start', 'hang', 'explode'), node: fc.constantFrom('master-1', 'master-9', 'agent-1', ''), unit: fc.constantFrom('dcos-exhibitor', 'dcos-mesos-slave', 'nope') }),
    fc.record({ kind: fc.constant('delay'), node: fc.constant('master-1'), unit: fc.constant('dcos-mesos-dns'), ms: fc.oneof(fc.integer(), fc.double()) }),
    fc.record({ kind: fc.constantFrom('partition', 'heal', 'crash', 'boot'), node: fc.constantFrom('master-1', 'agent-1', 'public-agent-3') }),
    fc.constant({ kind: 'clear' }),
    fc.anything(),
  );
  const scenario = fc.record(
    {
      name: fc.oneof(fc.constant('ok-name'), fc.string()),
      title: fc.string({ maxLength: 20 }),
      description: fc.string({ maxLength: 20 }),
      cluster: fc.record({ masters: fc.constantFrom(1, 3, 5, 2, -1), agents: fc.integer({ min: -2, max: 3000 }), publicAgents: fc.integer({ min: -1, max: 5 }) }),
      seed: fc.oneof(fc.nat(), fc.integer(), fc.constant('x')),
      durationMs: fc.integer({ min: -1, max: 10_000_000 }),
      steps: fc.array(fc.record({ atMs: fc.integer({ min: -5, max: 20_000_000 }), fault, say: fc.string({ maxLength: 30 }) }, { requiredKeys: ['atMs'] }), { maxLength: 5 }),
    },
    { requiredKeys: [] },
  );

  it('validates or refuses generated scenario objects with one line', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = parseScenario(JSON.stringify(s), 'gen.json');
        if (!r.ok) {
          expect(r.error).toMatch(/^gen\.json /);
          expect(r.error).not.toContain('\n');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses arbitrary text that is not a scenario', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseScenario(text, 'gen.json');
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
