// `npm run bench`: runs each benchmark section in order and prints its table. To add a section, add one line
// to SECTIONS. `--only NAME[,NAME]` runs a subset. Each section appends its JSON result to bench/results/latest.json.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchSection {
  name: string;
  /** Runs the benchmark, prints its table, returns a JSON-serialisable result for bench/results/latest.json. */
  run: () => Promise<Record<string, unknown>>;
}

const SECTIONS: BenchSection[] = [
  { name: 'engine', run: async () => (await import('./engine.ts')).benchEngine() },
  { name: 'web', run: async () => (await import('./web.ts')).benchWeb() },
  { name: 'live', run: async () => (await import('./live.ts')).benchLive() },
  { name: 'replay', run: async () => (await import('./replay.ts')).benchReplay() },
  { name: 'preview', run: async () => (await import('./preview.ts')).benchPreview() },
  { name: 'durability', run: async () => (await import('./durability.ts')).benchDurability() },
  { name: 'cluster', run: async () => (await import('./cluster.ts')).benchCluster() },
  { name: 'scale', run: async () => (await import('./scale.ts')).benchScale() },
  { name: 'livescale', run: async () => (await import('./liveScale.ts')).benchLiveScale() },
  { name: 'webscale', run: async () => (await import('./webScale.ts')).benchWebScale() },
  { name: 'snapshot', run: async () => (await import('./snapshotSize.ts')).benchSnapshot() },
  { name: 'phone', run: async () => (await import('./phone.ts')).benchPhone() },
  { name: 'thirty', run: async () => (await import('./thirtyPhones.ts')).benchThirtyPhones() },
];

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** The commit measured, so results in latest.json can be compared across changes ("unknown" outside git). */
function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  let only: string[] | null;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { only: { type: 'string' } }, strict: true, allowPositionals: false });
    only = values.only === undefined ? null : values.only.split(',').map((s) => s.trim());
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; usage: npm run bench -- [--only ${SECTIONS.map((s) => s.name).join('|')}]\n`);
    return 2;
  }
  const unknown = (only ?? []).filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const section of SECTIONS) {
    if (only !== null && !only.includes(section.name)) continue;
    process.stdout.write(`\n== ${section.name} ==\n`);
    const result = await section.run();
    const record = { section: section.name, at: new Date().toISOString(), commit: gitCommit(), node: process.version, ...result };
    appendFileSync(`${RESULTS_DIR}latest.json`, `${JSON.stringify(record)}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
