// The HTTP side: static files (content types, no path traversal), errors for bad queries / rooms / methods.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { resolveStaticPath } from './static.ts';

let server: TestServer;
let root: string;
let dist: string;
const SECRET = 'TOP-SECRET-OUTSIDE-DIST';

/** A raw request: fetch would normalise `..` segments away before they reach the server. */
function get(rawPath: string, method = 'GET'): Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bootscope-static-'));
  dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Bootscope</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  server = await startTestServer({ staticDir: dist });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the app with correct content types', async () => {
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get('/assets/app-1234.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(await get('/favicon.svg')).toMatchObject({ status: 200, type: 'image/svg+xml' });
    expect(await get('/rooms/lab-1')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('gzips text for clients that accept it', async () => {
    const res = await fetch(`${server.url}/assets/app-1234.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..\\secret.txt', '/%00/index.html', '/%E0%A4%A.txt'])(
    'refuses path traversal: %s',
    async (p) => {
      const res = await get(p);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain(SECRET);
    },
  );

  it('resolveStaticPath keeps every path inside the root', () => {
    expect(resolveStaticPath(dist, '/assets/app-1234.js')).toBe(path.join(dist, 'assets', 'app-1234.js'));
    expect(resolveStaticPath(dist, '/../secret.txt')).toBeNull();
    expect(resolveStaticPath(dist, '/%2e%2e%2fsecret.txt')).toBeNull();
  });
});

describe('API errors', () => {
  it('answers /healthz and /api/scenarios', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, rooms: [{ name: 'default' }] });
    expect(JSON.parse((await get('/api/scenarios')).body)).toEqual({ scenarios: [] });
  });

  it('an unknown room is a 404 JSON error, a malformed room name a 400', async () => {
    const missing = await get('/system/health/v1/nodes?room=nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatch(/unknown room 'nope'/);
    const bad = await get('/system/health/v1/nodes?room=..%2F..');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/room names/);
  });

  it('explain needs node and unit (400), and names what exists when they are unknown (404)', async () => {
    const noQuery = await get('/api/explain');
    expect(noQuery.status).toBe(400);
    expect(JSON.parse(noQuery.body).error).toMatch(/node/);
    expect((await get('/api/explain?node=master-9&unit=x')).status).toBe(404);
  });

  it('only GET and HEAD are allowed; unknown API routes are 404', async () => {
    expect((await get('/system/health/v1', 'POST')).status).toBe(405);
    expect((await get('/system/health/v1/bogus/route')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
  });
});
