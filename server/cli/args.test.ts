// `npm run simulate` arguments: defaults, every accepted form, and one readable line for every mistake.
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNTIL_MS, parseCliArgs } from './args.ts';

describe('parseCliArgs', () => {
  it('defaults to the dashboard cluster: 3 masters, 2 agents, 1 public agent, seed 1, text', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { cluster: { masters: 3, agents: 2, publicAgents: 1 }, seed: 1, scenario: null, untilMs: null, format: 'text', explicitClusterFlags: [] },
    });
    expect(DEFAULT_UNTIL_MS).toBeGreaterThanOrEqual(600_000);
  });

  it('accepts every flag, in both --flag value and --flag=value forms', () => {
    const r = parseCliArgs(['--masters=5', '--agents', '1000', '--public-agents', '0', '--seed', '42', '--until-ms', '90000', '--format', 'ndjson', '--scenario', 'zk-quorum-loss']);
    expect(r).toEqual({
      kind: 'run',
      options: {
        cluster: { masters: 5, agents: 1000, publicAgents: 0 },
        seed: 42,
        scenario: 'zk-quorum-loss',
        untilMs: 90000,
        format: 'ndjson',
        explicitClusterFlags: ['--masters', '--agents', '--public-agents', '--seed'],
      },
    });
  });

  it('asks for help with --help and -h', () => {
    expect(parseCliArgs(['--help']).kind).toBe('help');
    expect(parseCliArgs(['-h', '--masters', '2']).kind).toBe('help');
  });

  it.each([
    [['--masters', '2'], "--masters must be 1, 3 or 5 (a ZooKeeper quorum needs an odd count), got '2'"],
    [['--masters', 'three'], "--masters must be 1, 3 or 5 (a ZooKeeper quorum needs an odd count), got 'three'"],
    [['--agents', '-1'], '--agents must be from 0 to 10000, got -1'],
    [['--agents', '2.5'], "--agents must be a whole number from 0 to 10000, got '2.5'"],
    [['--agents', '10001'], '--agents must be from 0 to 10000, got 10001'],
    [['--public-agents', '1e3'], "--public-agents must be a whole number from 0 to 1000, got '1e3'"],
    [['--seed', 'x'], "--seed must be a whole number from 0 to 2147483647, got 'x'"],
    [['--seed', '-3'], '--seed must be from 0 to 2147483647, got -3'],
    [['--format', 'xml'], "--format must be text or ndjson, got 'xml'"],
    [['--until-ms', '0'], '--until-ms must be from 1 to 604800000, got 0'],
    [['--until-ms', '99999999999999'], '--until-ms must be from 1 to 604800000, got 99999999999999'],
    [['--scenario', ''], '--scenario needs a built-in scenario name or a file path'],
  ])('rejects %j: %s', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', error: message });
  });

  it('names an unknown flag and lists the allowed ones', () => {
    const r = parseCliArgs(['--nodes', '3']);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.error).toMatch(/^unknown option '--nodes'; allowed: --masters, --agents, --public-agents, --seed, --scenario, --until-ms, --format, --journal, --journal-format, --help$/);
    }
  });

  it('rejects a flag without its value and stray words, on one line', () => {
    for (const argv of [['--masters'], ['3'], ['--seed', '1', 'extra']]) {
      const r = parseCliArgs(argv);
      expect(r.kind, JSON.stringify(argv)).toBe('error');
      if (r.kind === 'error') expect(r.error).not.toContain('\n');
    }
    const missing = parseCliArgs(['--masters']);
    expect(missing.kind === 'error' && missing.error).toBe('--masters needs a value (see --help)');
    const stray = parseCliArgs(['3']);
    expect(stray.kind === 'error' && stray.error).toContain("unexpected argument '3'");
  });
});
