// What every HTTP response says about itself (api/securityHeaders.ts), and what it does not say about the rooms:
// security headers on API answers, errors, static files and socket.io's own polling answers; `Allow` on every 405;
// /healthz names rooms only to a loopback caller; a 404 for an unknown room never lists the rooms that exist.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { silentLogger } from '../log.ts';
import { createFakeEngine, restoreFakeEngine } from '../testing/fakeEngine.ts';
import { isLoopback } from './router.ts';
import { CONTENT_SECURITY_POLICY } from './securityHeaders.ts';

let httpServer: Server;
let app: App;
let port: number;
let root: string;

function call(rawPath: string, method = 'GET', host = '127.0.0.1', body?: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host, port, path: rawPath, method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An address of this machine that is not loopback (the container's own interface), if it has one. */
const outside = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bootscope-headers-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Bootscope</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  httpServer = createServer();
  app = createApp(httpServer, { createEngine: createFakeEngine, restoreEngine: restoreFakeEngine, unitLabel: () => undefined, scenarios: { list: () => [], load: () => ({ ok: false, error: 'none' }) }, logger: silentLogger(), staticDir: root });
  app.rooms.getOrCreate('secret-lesson');
  await new Promise<void>((resolve) => httpServer.listen(0, '0.0.0.0', resolve));
  port = (httpServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  httpServer.close();
  rmSync(root, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each([
    ['/healthz', 'GET'],
    ['/api/scenarios', 'GET'],
    ['/api/nope', 'GET'],
    ['/system/health/v1/nodes', 'GET'],
    ['/api/rooms/nope/recording', 'GET'],
    ['/', 'GET'],
    ['/assets/app.js', 'GET'],
    ['/healthz', 'DELETE'],
    ['/api/explain?node=%zz', 'GET'],
  ])('%s %s carries CSP, frame, referrer and nosniff headers', async (route, method) => {
    const { headers } = await call(route, method);
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('the CSP allows no inline script and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it("socket.io's own polling answers carry them too", async () => {
    const { status, headers } = await call('/socket.io/?EIO=4&transport=polling');
    expect(status).toBe(200);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
  });
});

describe('405 says what is allowed', () => {
  it.each([
    ['/healthz', 'PUT', 'GET, HEAD'],
    ['/system/health/v1', 'DELETE', 'GET, HEAD'],
    ['/api/rooms', 'PATCH', 'POST'],
    ['/api/rooms/default/recording', 'PUT', 'GET, HEAD, POST'],
    ['/', 'OPTIONS', 'GET, HEAD'],
  ])('%s %s -> Allow: %s', async (route, method, allow) => {
    const answer = await call(route, method, '127.0.0.1', '{}');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(JSON.parse(answer.body).error).toContain(allow);
  });
});

describe('room names stay private', () => {
  it('a 404 for an unknown room does not list the rooms', async () => {
    for (const route of ['/system/health/v1/nodes?room=nope', '/api/explain?room=nope&node=master-1&unit=tick', '/api/rooms/nope/view?at=0', '/api/rooms/nope/events', '/api/rooms/nope/recording']) {
      const answer = await call(route);
      expect(answer.status, route).toBe(404);
      expect(answer.body).toMatch(/unknown room 'nope'/);
      expect(answer.body).not.toContain('secret-lesson');
      expect(answer.body).not.toContain('default');
    }
    const upload = await call('/api/rooms/nope/recording', 'POST', '127.0.0.1', '{}');
    expect(upload.status).toBe(404);
    expect(upload.body).not.toContain('secret-lesson');
  });

  it('/healthz names rooms to a loopback caller only', async () => {
    const local = JSON.parse((await call('/healthz')).body) as { rooms: Array<{ name: string }> };
    expect(local.rooms.map((r) => r.name).sort()).toEqual(['default', 'secret-lesson']);
    if (outside === undefined) return; // no non-loopback interface here: isLoopback's own test below still runs
    const remote = await call('/healthz', 'GET', outside);
    expect(remote.status).toBe(200);
    expect(remote.body).not.toContain('secret-lesson');
    expect(JSON.parse(remote.body)).toMatchObject({ ok: true, rooms: 2, clients: 0 });
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.5.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.127', 'fe80::1', undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });
});
