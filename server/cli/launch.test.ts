// `npm run simulate` runs the CLI from a cached esbuild bundle (launch.mjs): it must print what the TypeScript
// sources print, find the built-in scenarios from the bundle, and reuse the bundle while the sources are unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureCli } from './capture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), 'bootscope-bundle-'));
const launch = (args: string[]) =>
  spawnSync(process.execPath, ['server/cli/launch.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BOOTSCOPE_CACHE_DIR: cacheDir, NO_COLOR: '1' } });
const header = () => readFileSync(join(cacheDir, 'cli.mjs'), 'utf8').split('\n', 1)[0];

describe('the bundled CLI (npm run simulate)', () => {
  it('prints the same bytes as the sources, builds once and then reuses the bundle', async () => {
    const args = ['--scenario', 'zk-single-failure', '--format', 'ndjson'];
    const first = launch(args);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe((await captureCli(args)).stdout);
    const built = header();
    expect(built).toMatch(/^\/\/ bootscope-cli-bundle \{/);
    const again = launch(['--masters', '1', '--agents', '2', '--until-ms', '60000']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe((await captureCli(['--masters', '1', '--agents', '2', '--until-ms', '60000'])).stdout);
    expect(header()).toBe(built);
  });

  it('keeps the exit code and one-line message for bad input', () => {
    const r = launch(['--masters', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
