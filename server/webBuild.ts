// "Builds the web app if needed": dist/ is (re)built with `vite build` (NODE_ENV=production) when it is missing
// or older than any web source. Vite runs in a child process, so a production server never loads it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

/** What the web bundle is built from; a change in any of them makes dist/ stale. */
const WEB_SOURCES = ['web', 'shared', 'public', 'index.html', 'vite.config.ts'];

function newestMtimeMs(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx') || name === 'e2e') continue;
    newest = Math.max(newest, newestMtimeMs(path.join(entry, name)));
  }
  return newest;
}

export function isDistStale(rootDir: string, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const builtMs = statSync(index).mtimeMs;
  return WEB_SOURCES.some((entry) => newestMtimeMs(path.join(rootDir, entry)) > builtMs);
}

export async function buildWebIfNeeded(rootDir: string, distDir: string, logger: Logger): Promise<void> {
  if (!isDistStale(rootDir, distDir)) {
    logger.info({ dist: distDir }, 'web app is up to date');
    return;
  }
  logger.info({ dist: distDir }, 'building the web app (vite build)...');
  const started = Date.now();
  await runViteBuild(rootDir);
  logger.info({ dist: distDir, durationMs: Date.now() - started }, 'web app built');
}

/**
 * `vite build` in a child process: the server never loads Vite (or its native bundler threads, ~400 MB) and
 * NODE_ENV=production is set for the build alone (anything else bundles React's development build).
 */
function runViteBuild(rootDir: string): Promise<void> {
  const viteBin = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: rootDir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit ${code}`}); run \`npm run build\` to see why`))));
  });
}
