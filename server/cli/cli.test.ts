// `npm run simulate` end to end: exit codes and one-line messages for bad input, the ndjson contract, the
// text a teacher reads, and the real process (exit codes, no stack traces, quiet `| head`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli, parseNdjson } from './capture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bootscope-cli-'));
function scenarioFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const base = {
  name: 'mine',
  title: 'Mine',
  description: 'a test scenario',
  cluster: { masters: 3, agents: 1, publicAgents: 0 },
  seed: 7,
  durationMs: 60_000,
  steps: [{ atMs: 1000, say: 'hello class' }],
};

describe('bad input: exit 2 and one readable line on stderr, nothing on stdout', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['unknown flag', () => ['--nodes', '3'], /^simulate: unknown option '--nodes'; allowed: --masters, /],
    ['even master count', () => ['--masters', '2'], /^simulate: --masters must be 1, 3 or 5 /],
    ['negative agents', () => ['--agents', '-1'], /^simulate: --agents must be from 0 to 10000, got -1$/],
    ['non-numeric seed', () => ['--seed', 'x'], /^simulate: --seed must be a whole number from 0 to 2147483647, got 'x'$/],
    ['unknown format', () => ['--format', 'xml'], /^simulate: --format must be text or ndjson, got 'xml'$/],
    ['zero until-ms', () => ['--until-ms', '0'], /^simulate: --until-ms must be from 1 to /],
    ['absurd until-ms', () => ['--until-ms', '1000000000000'], /^simulate: --until-ms must be from 1 to /],
    ['unknown scenario name', () => ['--scenario', 'no-such-lesson'], /^simulate: unknown scenario 'no-such-lesson'; built-in scenarios: healthy-boot, /],
    ['missing scenario file', () => ['--scenario', join(dir, 'missing.json')], /^simulate: scenario file .*missing\.json does not exist; built-in scenarios: /],
    ['invalid JSON', () => ['--scenario', scenarioFile('broken.json', '{"name": "x",')], /^simulate: .*broken\.json is not valid JSON \(/],
    ['unknown key', () => ['--scenario', scenarioFile('extra.json', { ...base, colour: 'red' })], /^simulate: .*extra\.json is not a valid scenario: .*colour/],
    ['bad cluster', () => ['--scenario', scenarioFile('even.json', { ...base, cluster: { masters: 4, agents: 1, publicAgents: 0 } })], /is not a valid scenario: cluster\.masters: masters must be 1, 3 or 5/],
    [
      'fault on a node the cluster lacks',
      () => ['--scenario', scenarioFile('node.json', { ...base, steps: [{ atMs: 5000, fault: { kind: 'crash', node: 'master-4' } }] })],
      /^simulate: .*node\.json step 1 \(atMs 5000\): .*master-4/,
    ],
    [
      'unit not on that node',
      () => ['--scenario', scenarioFile('unit.json', { ...base, steps: [{ atMs: 5000, fault: { kind: 'kill', node: 'master-1', unit: 'dcos-mesos-slave' } }] })],
      /^simulate: .*unit\.json step 1 \(atMs 5000\): .*dcos-mesos-slave/,
    ],
    [
      'negative delay',
      () => ['--scenario', scenarioFile('delay.json', { ...base, steps: [{ atMs: 0, fault: { kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: -1 } }] })],
      /must not be negative/,
    ],
  ];
  it.each(cases)('%s', async (_label, argv, message) => {
    const run = await captureCli(argv());
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(message);
    expect(run.stderr[0]).not.toMatch(/\n| {4}at /);
    expect(run.stdout).toBe('');
  });
});

describe('ndjson output', () => {
  let lines: Record<string, unknown>[];
  beforeAll(async () => {
    const run = await captureCli(['--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    lines = parseNdjson(run.stdout);
  });

  it('prints every event once, in seq order with no gaps and time never going back', () => {
    const events = lines.slice(0, -1);
    expect(events.length).toBeGreaterThan(100);
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i].seq).toBe((events[i - 1].seq as number) + 1);
      expect(events[i].simTimeMs as number).toBeGreaterThanOrEqual(events[i - 1].simTimeMs as number);
    }
    for (const e of events) expect(typeof e.type).toBe('string');
    const units = events.filter((e) => e.type === 'unit');
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(Object.keys(u)).toEqual(expect.arrayContaining(['node', 'unit', 'from', 'to', 'cause']));
  });

  it('ends with a summary of a fully booted default cluster', () => {
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({
      type: 'summary',
      simTimeMs: 600_000,
      events: lines.length - 1,
      clusterHealth: 'healthy',
      quorum: { have: 3, need: 2 },
      registeredAgents: 3,
      unhealthy: [],
    });
    const leaders = summary.leaders as { mesos: string | null; marathon: string | null };
    expect(leaders.mesos).toMatch(/^master-[123]$/);
    expect(leaders.marathon).toMatch(/^master-[123]$/);
    expect(summary.availability).toMatchObject({ uiReachable: true, apiReachable: true, tasksLaunchable: true });
  });

  it('records the boot milestones in dependency order', () => {
    const m = lines[lines.length - 1].milestones as Record<string, number | null>;
    const order = ['zkQuorum', 'mesosLeader', 'leaderMesosResolves', 'marathonLeader', 'uiReachable', 'clusterHealthy'];
    for (const key of [...order, 'allAgentsRegistered']) expect(m[key], key).toEqual(expect.any(Number));
    for (let i = 1; i < order.length; i += 1) expect(m[order[i]]!, `${order[i]} after ${order[i - 1]}`).toBeGreaterThanOrEqual(m[order[i - 1]]!);
    expect(m.allAgentsRegistered!).toBeGreaterThanOrEqual(m.mesosLeader!);
  });
});

describe('text output', () => {
  it('reads as a timeline with narration set apart and a closing summary', async () => {
    const run = await captureCli(['--scenario', 'healthy-boot']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.some((l) => /^\[\d\d:\d\d\.\d{3}\] master-1 +dcos-exhibitor +\w+ -> \w+/.test(l))).toBe(true);
    expect(lines.some((l) => /^\[00:00\.000\] >>> /.test(l))).toBe(true);
    expect(run.stdout).toContain('Summary at ');
    expect(run.stdout).toContain('Every unit is healthy.');
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('explains every unhealthy unit back to a root cause when the run ends broken', async () => {
    const run = await captureCli(['--masters', '1', '--agents', '0', '--public-agents', '0', '--until-ms', '20000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/unit\(s\) not healthy; why, back to the root cause:/);
    // Each unit: its own state and cause, then what it waits on indented under it ("because ..."), never "<-".
    expect(run.stdout).toMatch(/\n {2}master-1\/dcos-[a-z-]+ (waiting|starting|pending)\b.*\n {2}[└├]─ because /);
    expect(run.stdout).not.toContain('<-');
    expect(run.stdout).not.toMatch(/fault:\d/);
  });

  it('says on stderr that a scenario overrides cluster flags', async () => {
    const run = await captureCli(['--scenario', 'healthy-boot', '--masters', '5', '--until-ms', '1000']);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual(['simulate: scenario healthy-boot sets the cluster and seed; ignoring --masters']);
  });
});

describe('a step the engine cannot apply at run time', () => {
  it('is reported on stderr and in the summary, and the run completes', async () => {
    const file = scenarioFile('early.json', { ...base, steps: [{ atMs: 1000, fault: { kind: 'kill', node: '@mesos-leader', unit: 'dcos-mesos-master' } }, { atMs: 2000, say: 'still narrating' }] });
    const run = await captureCli(['--scenario', file, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual(['simulate: warning: scenario step 1 at 00:01.000 (kill Mesos Master on @mesos-leader) was not applied: there is no Mesos leader to target (@mesos-leader)']);
    const lines = parseNdjson(run.stdout);
    expect(lines.some((l) => l.type === 'narration' && l.text === 'still narrating')).toBe(true);
    expect(lines.at(-1)!.scriptErrors).toEqual([run.stderr[0].replace('simulate: warning: ', '')]);
  });
});

describe('the real process', () => {
  const node = (args: string, input?: string) =>
    spawnSync('bash', ['-c', `set -o pipefail; node --import tsx server/cli.ts ${args}`], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });

  it('exits 2 with one line and no stack trace for a bad argument', () => {
    const r = node('--masters 2');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('prints usage for --help and exits 0', () => {
    const r = node('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: npm run simulate');
  });

  it('ends quietly with exit 0 when the reader closes early (| head)', () => {
    const r = node('--agents 200 --format ndjson | head -n 2');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });
});
