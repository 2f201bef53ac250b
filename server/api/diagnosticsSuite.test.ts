// DC/OS's own integration suite for dcos-diagnostics (dcos/dcos packages/dcos-integration-test/extra/
// test_dcos_diagnostics.py), mirrored over HTTP against a healthy simulated cluster: exact field sets, non-empty
// fields and node counts, asked of EVERY node (`?node=`) and EVERY master. Then what Admin Router answers when a
// node's dcos-diagnostics (or the way to it) is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../shared/engine/index.ts';
import { unitLabel } from '../../shared/model/catalog.ts';
import type { Room } from '../room/room.ts';
import { ansic } from './diagnostics.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let server: TestServer;
let wallMs = 0;
let room: Room;
type Json = Record<string, unknown>;

function runSim(simMs: number): void {
  for (let i = 0; i < Math.ceil(simMs / 100_000); i++) {
    wallMs += 1_000;
    room.tick();
  }
}

async function get(path: string, node?: string): Promise<{ status: number; text: string; json: Json }> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${server.url}/system/health/v1${path}${node ? `${sep}node=${encodeURIComponent(node)}` : ''}`);
  const text = await res.text();
  let json: Json = {};
  try { json = JSON.parse(text) as Json; } catch { /* plain text answers */ }
  return { status: res.status, text, json };
}
/** check_json: 200 and a non-empty JSON object. */
async function checkJson(path: string, node?: string): Promise<Json> {
  const r = await get(path, node);
  expect(r.status, `${path} on ${node}: ${r.text.slice(0, 200)}`).toBe(200);
  expect(Object.keys(r.json).length).toBeGreaterThan(0);
  return r.json;
}
const keys = (o: unknown) => Object.keys(o as object).sort();

const MASTERS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
let slaves: string[] = [];
let allSlaves: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ createEngine, restoreEngine, unitLabel, now: () => wallMs, autoTick: false });
  room = server.app.rooms.get('default')!;
  room.control({ action: 'speed', speed: 100 });
  runSim(15 * 60_000);
  const nodes = room.engine.view().nodes;
  slaves = nodes.filter((n) => n.role === 'agent').map((n) => n.ip);
  allSlaves = nodes.filter((n) => n.role !== 'master').map((n) => n.ip);
});
afterAll(() => server.close());

const REQUIRED = ['units', 'hostname', 'ip', 'dcos_version', 'node_role', 'mesos_id', 'dcos_diagnostics_version'];
const UNIT_FIELDS = ['id', 'health', 'output', 'description', 'help', 'name'];

function validateNodes(nodes: unknown): void {
  expect(Array.isArray(nodes) && nodes.length > 0).toBe(true);
  for (const n of nodes as Json[]) {
    expect(keys(n)).toEqual(['health', 'host_ip', 'role']);
    expect([0, 1]).toContain(n.health);
    expect(n.host_ip).toBeTruthy();
    expect(n.role).toBeTruthy();
  }
}
function validateUnits(units: unknown): void {
  expect(Array.isArray(units) && units.length > 0).toBe(true);
  for (const u of units as Json[]) {
    expect(keys(u)).toEqual(['description', 'health', 'id', 'name']);
    expect(u.id && u.name && u.description, JSON.stringify(u)).toBeTruthy();
    expect([0, 1]).toContain(u.health);
  }
}

describe('every node answers /system/health/v1?node= with the fields DC/OS\'s integration suite checks', () => {
  it('test_dcos_diagnostics_health: the local view of every master and every agent', async () => {
    for (const host of [...MASTERS, ...allSlaves]) {
      const r = await checkJson('', host);
      expect(keys(r)).toEqual([...REQUIRED].sort());
      expect(r.ip).toBe(host);
      expect((r.units as Json[]).length).toBeGreaterThan(0);
      for (const u of r.units as Json[]) {
        expect(keys(u)).toEqual([...UNIT_FIELDS].sort());
        expect(u.id && u.description, JSON.stringify(u)).toBeTruthy();
        expect([0, 1]).toContain(u.health);
      }
      for (const f of REQUIRED.slice(1)) expect(r[f], `${f} on ${host}`).toBeTruthy();
    }
  });

  it('test_dcos_diagnostics_nodes[_node[_units[_unit]]]: every master lists every node, with units and help', async () => {
    for (const master of MASTERS) {
      const nodes = (await checkJson('/nodes', master)).nodes as Json[];
      expect(nodes).toHaveLength(MASTERS.length + allSlaves.length);
      validateNodes(nodes);
      for (const n of nodes) {
        validateNodes([await checkJson(`/nodes/${n.host_ip}`, master)]);
        const units = await checkJson(`/nodes/${n.host_ip}/units`, master);
        expect(keys(units)).toEqual(['units']);
        validateUnits(units.units);
        for (const u of units.units as Json[]) {
          const one = await checkJson(`/nodes/${n.host_ip}/units/${u.id}`, master);
          expect(keys(one)).toEqual([...UNIT_FIELDS].sort());
          expect(one.id && one.name && one.description && one.help).toBeTruthy();
          expect([0, 1]).toContain(one.health);
        }
      }
    }
  });

  it('test_dcos_diagnostics_units[_unit[_nodes[_node]]]: every master collected every unit of every node', async () => {
    const all = new Set<string>();
    for (const host of [...MASTERS, ...allSlaves]) for (const u of (await checkJson('', host)).units as Json[]) all.add(String(u.id));
    for (const master of MASTERS) {
      const units = (await checkJson('/units', master)).units as Json[];
      validateUnits(units);
      expect(new Set(units.map((u) => String(u.id)))).toEqual(all);
      for (const u of units) {
        validateUnits([await checkJson(`/units/${u.id}`, master)]);
        const nodes = (await checkJson(`/units/${u.id}/nodes`, master)).nodes as Json[];
        validateNodes(nodes);
        for (const n of nodes) {
          const one = await checkJson(`/units/${u.id}/nodes/${n.host_ip}`, master);
          expect(keys(one)).toEqual(['health', 'help', 'host_ip', 'output', 'role']);
          expect(one.host_ip && one.role && one.help).toBeTruthy();
          expect([0, 1]).toContain(one.health);
        }
      }
      const mesosMasters = ((await checkJson('/units/dcos-mesos-master.service/nodes', master)).nodes as Json[]).map((n) => n.host_ip);
      expect(new Set(mesosMasters)).toEqual(new Set(MASTERS));
      expect((await checkJson('/units/dcos-mesos-slave.service/nodes', master)).nodes).toHaveLength(slaves.length);
    }
  });

  it('test_dcos_diagnostics_report and test_systemd_units_health: every master reports, every unit healthy', async () => {
    for (const master of MASTERS) {
      const r = await checkJson('/report', master);
      expect(Object.keys(r.Units as object).length).toBeGreaterThan(0);
      expect(Object.keys(r.Nodes as object).length).toBeGreaterThan(0);
    }
    const units = (await checkJson('/report', MASTERS[0])).Units as Record<string, Json>;
    expect(Object.entries(units).filter(([, u]) => u.Health !== 0).map(([id]) => id)).toEqual([]);
  });

  it('each master answers from its own pull (its own Last-Modified-3DT); agents answer 404 for aggregated routes', async () => {
    const by = room.engine.view().diagnosticsByMaster!;
    const ids = ['master-1', 'master-2', 'master-3'];
    expect(new Set(ids.map((m) => by[m].updatedMs)).size).toBe(3);
    for (const m of ids) {
      const stamp = (await fetch(`${server.url}/system/health/v1/nodes?node=${m}`)).headers.get('last-modified-3dt');
      expect(stamp).toBe(ansic(by[m].updatedMs!));
    }
    const agent = await get('/nodes', 'agent-1');
    expect(agent.status).toBe(404);
    expect(agent.text).toMatch(/agent/);
    expect((await get('/report', allSlaves[0])).status).toBe(404);
    expect((await get('', 'agent-1')).json.hostname).toBe('agent-1');
  });

  it('?node= must name a node of the cluster: 400 with a clear message otherwise', async () => {
    const bad = await get('/nodes', 'master-9');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/node 'master-9' is not in this cluster.*master-1/);
    expect((await get('?node=')).status).toBe(400);
  });
});

describe('when the way to dcos-diagnostics is gone, Admin Router answers', () => {
  it("master-1's diagnostics down => the API answers 502 through Admin Router", async () => {
    expect(room.inject({ kind: 'stop', node: 'master-1', unit: 'dcos-diagnostics' }).ok).toBe(true);
    for (const path of ['', '/nodes', '/units', '/report']) {
      const r = await get(path);
      expect(r.status).toBe(502);
      expect(r.text).toMatch(/Admin Router on master-1 could not reach dcos-diagnostics at 127\.0\.0\.1:1050/);
    }
    // master-2 still answers from its own pull; the dashboard reads it now.
    expect((await get('/nodes', 'master-2')).status).toBe(200);
    expect(room.engine.view().diagnostics.puller).toBe('master-2');
    expect(room.inject({ kind: 'start', node: 'master-1', unit: 'dcos-diagnostics' }).ok).toBe(true);
    runSim(60_000);
    expect((await get('')).status).toBe(200);
  });

  it("an agent's dead dcos-diagnostics: 502 from its Admin Router Agent, and 3 (unknown) in every master's pull", async () => {
    expect(room.inject({ kind: 'stop', node: 'agent-2', unit: 'dcos-diagnostics' }).ok).toBe(true);
    runSim(2 * 60_000);
    const local = await get('', 'agent-2');
    expect(local.status).toBe(502);
    expect(local.text).toMatch(/Admin Router on agent-2/);
    for (const master of MASTERS) expect((await checkJson('/nodes/agent-2', master)).health).toBe(3);
  });

  it('a partitioned node times out (504); a powered-off node fails to connect (502)', async () => {
    expect(room.inject({ kind: 'partition', node: 'agent-1' }).ok).toBe(true);
    const cut = await get('', 'agent-1');
    expect(cut.status).toBe(504);
    expect(cut.text).toMatch(/partitioned/);
    expect(room.inject({ kind: 'crash', node: 'public-agent-1' }).ok).toBe(true);
    const off = await get('', 'public-agent-1');
    expect(off.status).toBe(502);
    expect(off.text).toMatch(/powered off/);
  });
});
