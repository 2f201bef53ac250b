// Issue 18, items 11 and 12: a Host that is not allowed is refused on every HTTP route and on socket.io's handshake
// (DNS rebinding could read /healthz's room list), and socket.io's own error replies carry the security headers.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { silentLogger } from '../log.ts';
import { createFakeEngine, restoreFakeEngine } from '../testing/fakeEngine.ts';
import { createHostAllowlist, hostOnly } from './hostAllowlist.ts';

let httpServer: Server;
let app: App;
let port: number;

function call(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  httpServer = createServer();
  app = createApp(httpServer, { createEngine: createFakeEngine, restoreEngine: restoreFakeEngine, unitLabel: () => undefined, scenarios: { list: () => [], load: () => ({ ok: false, error: 'none' }) }, logger: silentLogger(), origins: ['https://class.example.org'] });
  app.rooms.getOrCreate('secret-lesson');
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  port = (httpServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  httpServer.close();
});

describe('host allowlist (DNS rebinding)', () => {
  it.each(['/healthz', '/api/scenarios', '/api/rooms/secret-lesson/recording', '/system/health/v1/nodes', '/'])('refuses %s for Host evil.example with 421, naming no room', async (route) => {
    const res = await call(route, { Host: `evil.example:${port}` });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('secret-lesson');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses socket.io handshakes for a rebinding Host', async () => {
    const res = await call('/socket.io/?EIO=4&transport=polling', { Host: `evil.example:${port}` });
    expect([403, 421]).toContain(res.status);
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'class.example.org', hostname(), `${hostname()}.local`, '10.1.2.3'])('answers Host %s', async (host) => {
    const res = await call('/healthz', { Host: `${host}:${port}` });
    expect(res.status).toBe(200);
  });

  it('parses Host values', () => {
    expect(hostOnly('Example.ORG:80')).toBe('example.org');
    expect(hostOnly('[::1]:3000')).toBe('::1');
    expect(hostOnly('localhost.')).toBe('localhost');
    expect(createHostAllowlist(['*']).allows('anything.example')).toBe(true);
    expect(createHostAllowlist([], ['school.example']).allows('school.example:3000')).toBe(true);
    expect(createHostAllowlist([], []).allows('localhost.evil.example')).toBe(false);
  });
});

describe("security headers on socket.io's own replies", () => {
  it.each([
    ['/socket.io/?EIO=4&transport=nope', 400],
    ['/socket.io/?EIO=4&transport=polling&sid=unknown', 400],
    ['/socket.io/?EIO=4&transport=polling', 403],
  ])('%s answers %i with the headers', async (route, status) => {
    const res = await call(route, status === 403 ? { Origin: 'https://evil.example' } : {});
    expect(res.status).toBe(status);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
