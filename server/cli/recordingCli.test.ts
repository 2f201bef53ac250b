// `npm run simulate -- --scenario rec.json` takes a room's recording: it runs to the recording's untilMs unless
// --until-ms says otherwise, and a broken recording is exit 2 with one line that says what is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli, parseNdjson } from './capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'bootscope-rec-cli-'));
const base = {
  version: 1,
  name: 'default',
  title: 'Room default',
  description: 'Recorded in room default.',
  cluster: { masters: 1, agents: 1, publicAgents: 0 },
  seed: 7,
  steps: [
    { atMs: 30_000, fault: { kind: 'crash', node: 'agent-1' } },
    { atMs: 30_000, fault: { kind: 'boot', node: 'agent-1' } },
  ],
  untilMs: 45_000,
};

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('the CLI reads recordings', () => {
  it("runs to the recording's untilMs by default, and to --until-ms when given", async () => {
    const path = file('rec.json', base);
    const run = await captureCli(['--scenario', path, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    const events = parseNdjson(run.stdout).slice(0, -1);
    expect(events.at(-1)!.simTimeMs).toBeLessThanOrEqual(45_000);
    expect(events.filter((e) => e.type === 'fault' && e.active === true).map((e) => (e.fault as { kind: string }).kind)).toEqual(['crash', 'boot']);
    const shorter = await captureCli(['--scenario', path, '--format', 'ndjson', '--until-ms', '20000']);
    expect(parseNdjson(shorter.stdout).slice(0, -1).every((e) => (e.simTimeMs as number) <= 20_000)).toBe(true);
  });

  it.each([
    ['a wrong version', { ...base, version: 2 }, /is not a valid recording: version: version must be 1/],
    ['no untilMs', { ...base, untilMs: undefined }, /is not a valid recording: untilMs/],
    ['a step after untilMs', { ...base, untilMs: 10_000 }, /step 1: atMs 30000 is after untilMs 10000/],
    ['an unknown node', { ...base, steps: [{ atMs: 0, fault: { kind: 'crash', node: 'agent-9' } }] }, /step 1 \(atMs 0\): .*agent-9/],
    ['an unknown key', { ...base, cursor: 3 }, /is not a valid recording: .*cursor/],
  ])('a recording with %s is exit 2 with one line', async (_what, content, message) => {
    const run = await captureCli(['--scenario', file('bad.json', content), '--format', 'ndjson']);
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
