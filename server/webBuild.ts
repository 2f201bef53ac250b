// "Builds the web app if needed": dist/ is (re)built with `vite build` (NODE_ENV=production) when it is missing
// or older than any web source. Vite is imported lazily, so a production start with a fresh dist/ never loads it.
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
  const previousEnv = process.env.NODE_ENV;
  // Builds inherit NODE_ENV; anything but production bundles React's development build.
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ root: rootDir, configFile: path.join(rootDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (previousEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousEnv;
  }
  logger.info({ dist: distDir, durationMs: Date.now() - started }, 'web app built');
}
