// Golden event logs: every built-in scenario's ndjson output is committed (scenarios/golden/<name>.ndjson.gz)
// and must be reproduced byte for byte. A change in the engine that alters a log shows up here; if the change
// is intended, rewrite them with `UPDATE_GOLDEN=1 npx vitest run --project unit server/cli/golden.test.ts`
// and review the diff (`zcat scenarios/golden/<name>.ndjson.gz`).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { builtinNames } from '../scenarios.ts';
import { captureCli } from './capture.ts';

const GOLDEN_DIR = fileURLToPath(new URL('../../scenarios/golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Where two logs first differ, with a short window of each line around the first differing character. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] === b[i]) continue;
    const x = a[i] ?? '(end)';
    const y = b[i] ?? '(end)';
    let col = 0;
    while (col < x.length && x[col] === y[col]) col += 1;
    const from = Math.max(0, col - 100);
    const clip = (line: string) => `${from > 0 ? '...' : ''}${line.slice(from, col + 150)}${line.length > col + 150 ? '...' : ''}`;
    return `first difference at line ${i + 1}, column ${col + 1}:\n  golden: ${clip(x)}\n  now:    ${clip(y)}`;
  }
  return 'identical';
}

/**
 * A scenario at scale (leader-failover-5000: 258k events, 68 MB of ndjson) keeps a digest instead of its log: the file would
 * be megabytes even gzipped. `<name>.ndjson.sha256` holds the sha256, the line count and the length of the log.
 */
const GOLDEN_FULL_MAX_CHARS = 8 * 1024 * 1024;
const digestPath = (name: string) => `${GOLDEN_DIR}${name}.ndjson.sha256`;
function digestOf(log: string): string {
  return `${createHash('sha256').update(log).digest('hex')} ${log.split('\n').length - 1} lines ${log.length} chars\n`;
}
function checkDigest(name: string, log: string): void {
  const path = digestPath(name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`no golden digest ${path}; create it with UPDATE_GOLDEN=1 npx vitest run --project unit server/cli/golden.test.ts`);
    writeFileSync(path, digestOf(log));
    return;
  }
  if (readFileSync(path, 'utf8') !== digestOf(log)) {
    expect.fail(`${name}: event log differs from the digest in ${path} (now: ${digestOf(log).trim()}). Run \`npm run simulate -- --scenario ${name} --format ndjson\` before and after the change and diff them; if intended: UPDATE_GOLDEN=1 npx vitest run --project unit server/cli/golden.test.ts`);
  }
}

describe('golden event logs of the built-in scenarios', () => {
  const names = builtinNames();
  it('covers every built-in scenario', () => {
    expect(names).toEqual(expect.arrayContaining(['healthy-boot', 'zk-quorum-loss', 'zk-single-failure', 'slow-mesos-dns', 'leader-failover', 'agent-partition', 'master-crash']));
  });

  it.each(names)('%s reproduces its golden log byte for byte', async (name) => {
    const run = await captureCli(['--scenario', name, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    if (run.stdout.length > GOLDEN_FULL_MAX_CHARS || existsSync(digestPath(name))) return checkDigest(name, run.stdout);
    const path = `${GOLDEN_DIR}${name}.ndjson.gz`;
    if (UPDATE || !existsSync(path)) {
      if (!UPDATE) throw new Error(`no golden log ${path}; create it with UPDATE_GOLDEN=1 npx vitest run --project unit server/cli/golden.test.ts`);
      mkdirSync(GOLDEN_DIR, { recursive: true });
      // mtime 0 and a fixed level keep the .gz bytes stable across rewrites of an unchanged log.
      writeFileSync(path, gzipSync(run.stdout, { level: 9 }));
      return;
    }
    const golden = gunzipSync(readFileSync(path)).toString('utf8');
    if (golden !== run.stdout) {
      expect.fail(`${name}: event log differs from ${path}; ${firstDifference(golden, run.stdout)}\nIf the engine change is intended: UPDATE_GOLDEN=1 npx vitest run --project unit server/cli/golden.test.ts`);
    }
  });
});

describe('determinism', () => {
  it('the same arguments give the same bytes, text and ndjson', async () => {
    for (const argv of [['--agents', '20', '--seed', '9', '--format', 'ndjson'], ['--scenario', 'zk-quorum-loss']]) {
      const a = await captureCli(argv);
      const b = await captureCli(argv);
      expect(a.stdout.length).toBeGreaterThan(1000);
      expect(b.stdout === a.stdout, firstDifference(a.stdout, b.stdout)).toBe(true);
    }
  });

  it('a different seed gives a different log (the seed is really used)', async () => {
    const a = await captureCli(['--seed', '1', '--format', 'ndjson', '--until-ms', '300000']);
    const b = await captureCli(['--seed', '2', '--format', 'ndjson', '--until-ms', '300000']);
    expect(a.stdout).not.toBe(b.stdout);
  });
});
