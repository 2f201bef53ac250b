// The dcos-diagnostics API served over HTTP from a real simulated cluster, driven fast with an injected clock:
// every route's field names in order after a full boot, then after stopping Exhibitor on 2 of 3 masters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../shared/engine/index.ts';
import { unitLabel } from '../../shared/model/catalog.ts';
import type { Room } from '../room/room.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let server: TestServer;
let wallMs = 0;
let room: Room;

/** Advance the default room by `simMs` of simulated time at 100x, one 1 s wall tick at a time. */
function runSim(simMs: number): void {
  const ticks = Math.ceil(simMs / 100_000);
  for (let i = 0; i < ticks; i++) {
    wallMs += 1_000;
    room.tick();
  }
}

async function get(path: string): Promise<{ status: number; text: string; json: () => Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown>, headers: res.headers };
}
const keys = (o: unknown) => Object.keys(o as object);

beforeAll(async () => {
  server = await startTestServer({ createEngine, restoreEngine, unitLabel, now: () => wallMs, autoTick: false });
  room = server.app.rooms.get('default')!;
  room.control({ action: 'speed', speed: 100 });
  runSim(15 * 60_000);
});
afterAll(() => server.close());

describe('dcos-diagnostics API on a booted cluster', () => {
  it('the cluster booted (the premise of the rest)', () => {
    const view = room.engine.view();
    expect(view.diagnostics.updatedMs).not.toBeNull();
    expect(view.clusterHealth).toBe('healthy');
  });

  it('also takes node ids for IPs and unit ids without .service (same answers)', async () => {
    const byIp = await get('/system/health/v1/nodes/10.0.0.2/units/dcos-mesos-master.service');
    const byId = await get('/system/health/v1/nodes/master-2/units/dcos-mesos-master');
    expect(byIp.status).toBe(200);
    expect(byId.text).toBe(byIp.text);
    const unitNode = await get('/system/health/v1/units/dcos-net/nodes/agent-1');
    expect(unitNode.json()).toMatchObject({ host_ip: '10.0.1.1', role: 'agent' });
    expect((await get('/system/health/v1/nodes/master-9')).text).toBe('Node master-9 not found');
  });

  it('GET /system/health/v1 is master-1 with its units, in struct order', async () => {
    const res = await get('/system/health/v1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('last-modified-3dt')).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    const body = res.json();
    expect(keys(body)).toEqual(['units', 'hostname', 'ip', 'dcos_version', 'node_role', 'mesos_id', 'dcos_diagnostics_version']);
    expect(body).toMatchObject({ hostname: 'master-1', ip: '10.0.0.1', dcos_version: '1.11.12', node_role: 'master' });
    const units = body.units as Record<string, unknown>[];
    expect(units.length).toBeGreaterThan(10);
    for (const u of units) {
      expect(keys(u)).toEqual(['id', 'health', 'output', 'description', 'help', 'name']);
      expect(u.id).toMatch(/\.(service|socket|timer)$/);
      expect(u.health).toBe(0);
    }
    expect(units.find((u) => u.id === 'dcos-exhibitor.service')).toBeDefined();
  });

  it('units, nodes and the cross lookups all answer with dcos-diagnostics field names', async () => {
    const units = (await get('/system/health/v1/units')).json().units as Record<string, unknown>[];
    expect(units.every((u) => keys(u).join() === 'id,name,health,description')).toBe(true);
    expect(units.every((u) => u.health === 0)).toBe(true);
    expect(keys((await get('/system/health/v1/units/dcos-exhibitor.service')).json())).toEqual(['id', 'name', 'health', 'description']);
    const unitNodes = (await get('/system/health/v1/units/dcos-exhibitor.service/nodes')).json().nodes as Record<string, unknown>[];
    expect(unitNodes.map((n) => n.host_ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(keys(unitNodes[0])).toEqual(['host_ip', 'health', 'role']);
    expect(keys((await get('/system/health/v1/units/dcos-exhibitor.service/nodes/10.0.0.2')).json())).toEqual(['host_ip', 'health', 'role', 'output', 'help']);
    const nodes = (await get('/system/health/v1/nodes')).json().nodes as Record<string, unknown>[];
    expect(nodes.map((n) => n.role)).toEqual(['master', 'master', 'master', 'agent', 'agent', 'agent_public']);
    expect(keys((await get('/system/health/v1/nodes/10.0.1.1')).json())).toEqual(['host_ip', 'health', 'role']);
    const agentUnits = (await get('/system/health/v1/nodes/10.0.1.1/units')).json().units as Record<string, unknown>[];
    expect(agentUnits.some((u) => u.id === 'dcos-mesos-slave.service' && u.name === 'Mesos Agent')).toBe(true);
    const one = (await get('/system/health/v1/nodes/10.0.1.1/units/dcos-mesos-slave.service')).json();
    expect(keys(one)).toEqual(['id', 'health', 'output', 'description', 'help', 'name']);
    expect(one.help).toMatch(/^Node available at `dcos node ssh -mesos-id \S+-S\d+`\. Try, `journalctl -xv` to diagnose further\.$/);
  });

  it('the report and its download', async () => {
    const report = (await get('/system/health/v1/report')).json();
    expect(keys(report)).toEqual(['Units', 'Nodes', 'UpdatedTime']);
    expect(keys((report.Nodes as Record<string, unknown>)['10.0.0.1'])).toEqual(['Leader', 'Role', 'IP', 'Host', 'Health', 'Output', 'Units', 'MesosID']);
    const download = await get('/system/health/v1/report/download');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename=health-report.json');
  });

  it('lookup misses are HTTP 500 plain text, exactly as dcos-diagnostics', async () => {
    const unit = await get('/system/health/v1/units/dcos-nope.service');
    expect(unit.status).toBe(500);
    expect(unit.text).toBe('Unit dcos-nope.service not found');
    const node = await get('/system/health/v1/nodes/10.9.9.9');
    expect(node.status).toBe(500);
    expect(node.text).toBe('Node 10.9.9.9 not found');
    expect((await get('/system/health/v1/nodes/10.0.1.1/units/dcos-exhibitor.service')).text).toBe('Unit dcos-exhibitor.service not found');
  });

  it('after stopping Exhibitor on 2 of 3 masters, unhealthy units (health 1) appear after the next pull', async () => {
    for (const node of ['master-2', 'master-3']) {
      expect(room.inject({ kind: 'stop', node, unit: 'dcos-exhibitor' }).ok).toBe(true);
    }
    runSim(3 * 60_000);
    // In 1.11 a stopped unit is `inactive`, which 3DT counts as healthy: what turns red is what needs quorum.
    const units = (await get('/system/health/v1/units')).json().units as Record<string, unknown>[];
    const unhealthy = units.filter((u) => u.health === 1).map((u) => u.id);
    expect(unhealthy.length).toBeGreaterThanOrEqual(1);
    const nodes = (await get('/system/health/v1/nodes')).json().nodes as Record<string, unknown>[];
    expect(nodes.filter((n) => n.role === 'master').map((n) => n.health)).toContain(1);
    const sick = String(unhealthy[0]);
    // /units/<unit>/nodes carries NODE health (the host copy); the per-node unit lookup carries the unit's own.
    const hosts = (await get(`/system/health/v1/units/${sick}/nodes`)).json().nodes as Record<string, unknown>[];
    const details = await Promise.all(hosts.map(async (n) => (await get(`/system/health/v1/nodes/${n.host_ip}/units/${sick}`)).json()));
    const bad = details.find((d) => d.health === 1)!;
    expect(bad).toBeDefined();
    expect(String(bad.output).length).toBeGreaterThan(0);
    expect(hosts.find((n) => details[hosts.indexOf(n)] === bad)!.health).toBe(1);
    const explain = await get('/api/explain?node=master-2&unit=dcos-exhibitor');
    expect(explain.status).toBe(200);
    const chain = explain.json().chain as { parent: number | null; root: boolean }[];
    expect(chain.length).toBeGreaterThan(0);
    expect(chain[0].parent).toBeNull();
    expect(chain.every((s, i) => typeof s.root === 'boolean' && (i === 0 || (s.parent !== null && s.parent < i)))).toBe(true);
  });
});
