// `npm run simulate` without tsx: runs server/cli.ts from one esbuild bundle cached under node_modules/.cache/bootscope/
// (git-ignored), built on first use and rebuilt when any file it was built from (esbuild's metafile lists them, this
// launcher included) changed since. Loading one prebuilt file starts in ~0.15 s where tsx's loader takes ~0.4 s.
// Plain JavaScript because it runs before anything can transpile TypeScript. BOOTSCOPE_CACHE_DIR moves the cache (tests).
// Invariants: the bundle is the same code as `node --import tsx server/cli.ts` (same bytes out; import.meta.url keeps
// naming each source file, so paths such as scenarios/ resolve as they do under tsx); a half-written bundle is never
// run (written under a temporary name, then renamed); if esbuild is missing or the build fails, the CLI runs under
// tsx instead, which reports any source error itself.
import { closeSync, mkdirSync, openSync, readSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = path.join(ROOT, 'server', 'cli.ts');
const SELF = fileURLToPath(import.meta.url);
const CACHE_DIR = process.env.BOOTSCOPE_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'bootscope');
const BUNDLE = path.join(CACHE_DIR, 'cli.mjs');
/** The bundle's first line: this marker, then JSON naming the root, the build start and every input file. */
const MARKER = '// bootscope-cli-bundle ';

/** The header of the cached bundle, or null when there is none (or it is not ours). */
function readHeader() {
  let fd;
  try {
    fd = openSync(BUNDLE, 'r');
    const buf = Buffer.alloc(256 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, n);
    const end = text.indexOf('\n');
    if (!text.startsWith(MARKER) || end < 0) return null;
    return JSON.parse(text.slice(MARKER.length, end));
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Fresh: built from this checkout, and no input (nor this launcher) changed since the build started. */
function isFresh(header) {
  if (header === null || header.root !== ROOT || !Array.isArray(header.inputs)) return false;
  try {
    for (const input of [...header.inputs, SELF]) if (statSync(path.resolve(ROOT, input)).mtimeMs > header.startedMs) return false;
    return true;
  } catch {
    return false; // an input was deleted or renamed
  }
}

/** esbuild is tsx's dependency: found at the top of node_modules, or else next to tsx. */
function loadEsbuild() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    return require('esbuild');
  } catch {
    return createRequire(require.resolve('tsx/package.json'))('esbuild');
  }
}

/** Replaces `import.meta.url` in each source file with that file's own URL, as it reads under tsx. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

async function build() {
  const startedMs = Date.now();
  const esbuild = loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true,
    outfile: BUNDLE, logLevel: 'silent', plugins: [sourceUrls],
    // Bundled CommonJS dependencies may call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __bootscopeCreateRequire } from 'node:module'; const require = __bootscopeCreateRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.relative(ROOT, path.resolve(ROOT, input)));
  const header = `${MARKER}${JSON.stringify({ root: ROOT, startedMs, esbuild: esbuild.version, inputs })}\n`;
  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temporary, header + result.outputFiles[0].text);
  renameSync(temporary, BUNDLE);
}

let entry = pathToFileURL(BUNDLE).href;
if (!isFresh(readHeader())) {
  try {
    await build();
  } catch (error) {
    if (process.env.DEBUG) process.stderr.write(`simulate: bundling failed, running under tsx: ${error instanceof Error ? error.message : String(error)}\n`);
    const { register } = await import('tsx/esm/api');
    register();
    entry = pathToFileURL(ENTRY).href;
  }
}
await import(entry);
