// Serves the built web app (dist/) with correct content types. Invariants: only files inside the root are ever
// read (the decoded, normalised path must stay under it; NUL bytes, backslashes and dot segments are refused);
// an unknown path without an extension falls back to index.html (client-side routes); no directory listings;
// text is gzipped when the client accepts it.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendError } from './http.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const gzipAsync = promisify(gzip);
/** Text types worth compressing (a classroom shares one uplink); images are already compressed. */
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;
/** Gzipped copies of the (few, immutable-per-build) files, keyed by path and mtime. */
const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();

async function gzipped(file: string, mtimeMs: number): Promise<Buffer> {
  const cached = gzipCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.body;
  const body = await gzipAsync(await readFile(file));
  gzipCache.set(file, { mtimeMs, body });
  return body;
}

/** Resolve a URL path to a file under root, or null when it could escape the root or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return null;
  return file;
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
  const file = resolveStaticPath(root, urlPath === '/' ? '/index.html' : urlPath);
  if (file === null) return sendError(res, 400, `bad path '${urlPath}': paths must stay inside the web app`);
  let target = file;
  let info = await stat(target).catch(() => null);
  if ((!info || !info.isFile()) && path.extname(urlPath) === '') {
    target = path.join(path.resolve(root), 'index.html');
    info = await stat(target).catch(() => null);
  }
  if (!info || !info.isFile()) return sendError(res, 404, `not found: ${urlPath}`);
  const type = CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  // Hashed assets never change; index.html must always be revalidated.
  const cache = target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const headers = { 'Content-Type': type, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff', Vary: 'Accept-Encoding' };
  if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    const body = await gzipped(target, info.mtimeMs);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(target).on('error', () => res.destroy()).pipe(res);
}
