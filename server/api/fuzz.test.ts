// No HTTP request path or query can crash the server: random ones (fast-check) get an answer from the
// documented set of statuses, and the server keeps serving.
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../shared/engine/index.ts';
import { unitLabel } from '../../shared/model/catalog.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let server: TestServer;
// 502 / 504: the node's Admin Router or dcos-diagnostics does not answer (at time 0 nothing runs yet).
const ALLOWED = new Set([200, 400, 404, 405, 414, 500, 502, 503, 504]);

function raw(path: string, method: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // Node's own client refuses some paths (e.g. control characters) before sending: nothing reached the server.
    req.on('error', () => resolve({ status: -1, body: '' }));
    req.end();
  });
}

beforeAll(async () => {
  server = await startTestServer({ createEngine, restoreEngine, unitLabel, staticDir: null });
});
afterAll(() => server.close());

describe('HTTP fuzz', () => {
  it('random paths, queries and methods always get a documented status', async () => {
    const segment = fc.oneof(
      fc.constantFrom('system', 'health', 'v1', 'units', 'nodes', 'report', 'download', 'api', 'explain', 'scenarios', 'healthz', '..', '.', '%2e%2e', '%', '%zz', 'dcos-exhibitor.service', '10.0.0.1'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const query = fc.oneof(
      fc.constant(''),
      fc.record({ room: fc.oneof(fc.constantFrom('default', 'nope', '..%2f', ''), fc.string({ maxLength: 40 }).map(encodeURIComponent)), node: fc.string({ maxLength: 70 }).map(encodeURIComponent), unit: fc.string({ maxLength: 70 }).map(encodeURIComponent) }, { requiredKeys: [] })
        .map((q) => `?${Object.entries(q).map(([k, v]) => `${k}=${v}`).join('&')}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 7 }), query, fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'DELETE'), async (segments, q, method) => {
        const { status, body } = await raw(`/${segments.join('/')}${q}`, method);
        if (status === -1) return;
        expect(ALLOWED).toContain(status);
        // 500 is only ever dcos-diagnostics' own lookup miss, never an internal error.
        if (status === 500 && method !== 'HEAD') expect(body).toMatch(/^(Unit|Node) .* not found$/s);
      }),
      { numRuns: 300 },
    );
    // Still serving: master-1 answers through Admin Router once it runs, and says why not before (no boot here).
    const nodes = await raw('/system/health/v1/nodes', 'GET');
    expect([200, 502]).toContain(nodes.status);
    if (nodes.status === 502) expect(nodes.body).toMatch(/master-1/);
    expect((await raw('/healthz', 'GET')).status).toBe(200);
  });
});
