// The dcos-diagnostics (3DT) health API of DC/OS 1.11, rebuilt FIELD FOR FIELD from a simulated cluster view
// (design/dcos-model.md §4.7; dcos-diagnostics api/structures.go, pull.go). Pure: view in, JSON-ready objects out.
// Invariants: object keys are created in Go struct order (JSON.stringify keeps insertion order); unit ids carry
// their systemd suffix (`.service` unless the catalog id already has `.timer` / `.socket`); nodes are addressed
// by IP; lists are `null` before the first pull (nil Go slices); a lookup miss is a DiagnosticsMiss whose text
// the router sends as HTTP 500 plain text, exactly as dcos-diagnostics does. The aggregated routes answer from ONE
// master's own last pull (each master pulls on its own); the local view is computed live from the node's units.
import type { ClusterView, DiagnosticsNodeReport, DiagnosticsReport, NodeView, Role } from '../../shared/engine/types.ts';
import type { UnitLabel } from '../deps.ts';

export const DCOS_VERSION = '1.11.12';
export const DIAGNOSTICS_VERSION = '0.4.0';
/** Sim time 0 on the wall calendar, fixed so the same seed serves the same bytes. */
export const SIM_EPOCH_MS = Date.UTC(2019, 4, 1, 12, 0, 0);

export type LabelFn = (unitId: string, role: Role) => UnitLabel | undefined;
export class DiagnosticsMiss extends Error {}

export function systemdId(unitId: string): string {
  return /\.(service|socket|timer|path|mount)$/.test(unitId) ? unitId : `${unitId}.service`;
}

export function rfc3339(simTimeMs: number): string {
  return new Date(SIM_EPOCH_MS + simTimeMs).toISOString();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.ANSIC ("Mon Jan _2 15:04:05 2006") in UTC: the Last-Modified-3DT header. */
export function ansic(simTimeMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simTimeMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The Mesos id the node's dcos-diagnostics knows ("" until its Mesos process started / registered once). */
export function mesosId(view: ClusterView, nodeId: string): string {
  return view.mesosIds?.[nodeId] ?? '';
}

function helpText(id: string): string {
  return `Node available at \`dcos node ssh -mesos-id ${id}\`. Try, \`journalctl -xv\` to diagnose further.`;
}

export class DiagnosticsApi {
  private readonly byIp = new Map<string, DiagnosticsNodeReport>();
  private readonly nodesById = new Map<string, NodeView>();

  /** `report`: the answering master's own last pull (default: the monitoring master's, view.diagnostics). */
  constructor(private readonly view: ClusterView, private readonly label: LabelFn, private readonly pull: DiagnosticsReport = view.diagnostics) {
    for (const node of pull.nodes) this.byIp.set(node.ip, node);
    for (const node of view.nodes) this.nodesById.set(node.id, node);
  }

  get pulled(): boolean {
    return this.pull.updatedMs !== null;
  }

  /** The Last-Modified-3DT header value ("" before the first pull, as Go's zero time). */
  lastModified(): string {
    const t = this.pull.updatedMs;
    return t === null ? '' : ansic(t);
  }

  /** GET /system/health/v1: the node's live local unit health (UnitsHealthResponseJSONStruct), no cache. */
  local(nodeId: string): object | null {
    const node = this.nodesById.get(nodeId);
    if (!node || !node.up) return null;
    return {
      units: node.units.map((u) => {
        const l = this.labelOf(u.id, node.role);
        return { id: systemdId(u.id), health: u.health, output: u.health === 0 ? '' : `${u.cause.text}\n-- journal (last 50 lines) --`, description: l.description, help: '', name: l.name };
      }),
      hostname: node.id,
      ip: node.ip,
      dcos_version: DCOS_VERSION,
      node_role: node.role,
      mesos_id: mesosId(this.view, node.id),
      dcos_diagnostics_version: DIAGNOSTICS_VERSION,
    };
  }

  units(): object {
    if (!this.pulled) return { units: null };
    return { units: this.aggregate().map((u) => this.unitFields(u.id, u.nodes[0].role, u.health)) };
  }

  unit(sysId: string): object {
    const found = this.aggregate().find((u) => systemdId(u.id) === sysId);
    if (!found) throw new DiagnosticsMiss(`Unit ${sysId} not found`);
    return this.unitFields(found.id, found.nodes[0].role, found.health);
  }

  unitNodes(sysId: string): object {
    const found = this.aggregate().find((u) => systemdId(u.id) === sysId);
    if (!found) throw new DiagnosticsMiss(`Unit ${sysId} not found`);
    return { nodes: found.nodes.map((n) => ({ host_ip: n.ip, health: n.health, role: n.role })) };
  }

  unitNode(sysId: string, ip: string): object {
    const found = this.aggregate().find((u) => systemdId(u.id) === sysId);
    if (!found) throw new DiagnosticsMiss(`Unit ${sysId} not found`);
    const node = found.nodes.find((n) => n.ip === ip);
    if (!node) throw new DiagnosticsMiss(`Node ${ip} not found`);
    return { host_ip: node.ip, health: node.health, role: node.role, output: node.units[found.id]?.output ?? '', help: helpText(this.mesosIdOf(node)) };
  }

  nodes(): object {
    if (!this.pulled) return { nodes: null };
    return { nodes: this.pull.nodes.map((n) => ({ host_ip: n.ip, health: n.health, role: n.role })) };
  }

  node(ip: string): object {
    const n = this.nodeByIp(ip);
    return { host_ip: n.ip, health: n.health, role: n.role };
  }

  nodeUnits(ip: string): object {
    const n = this.nodeByIp(ip);
    const ids = Object.keys(n.units);
    // A node that could not be pulled has no units: a nil slice in Go.
    return { units: ids.length === 0 ? null : ids.map((id) => this.unitFields(id, n.role, n.units[id].health)) };
  }

  nodeUnit(ip: string, sysId: string): object {
    const n = this.nodeByIp(ip);
    const id = Object.keys(n.units).find((u) => systemdId(u) === sysId);
    if (id === undefined) throw new DiagnosticsMiss(`Unit ${sysId} not found`);
    const l = this.labelOf(id, n.role);
    return { id: systemdId(id), health: n.units[id].health, output: n.units[id].output, description: l.description, help: helpText(this.mesosIdOf(n)), name: l.name };
  }

  /** GET /system/health/v1/report: the whole MonitoringResponse. */
  report(): object {
    const updatedMs = this.pull.updatedMs;
    const units: Record<string, object> = {};
    for (const u of this.aggregate()) {
      const l = this.labelOf(u.id, u.nodes[0].role);
      units[systemdId(u.id)] = { UnitName: systemdId(u.id), Nodes: u.nodes.map((n) => this.reportNode(n, false)), Health: u.health, Title: l.description, Timestamp: rfc3339(updatedMs ?? 0), PrettyName: l.name };
    }
    const nodes: Record<string, object> = {};
    for (const n of this.pull.nodes) nodes[n.ip] = this.reportNode(n, true);
    return { Units: units, Nodes: nodes, UpdatedTime: updatedMs === null ? '0001-01-01T00:00:00Z' : rfc3339(updatedMs) };
  }

  private reportNode(n: DiagnosticsNodeReport, withUnits: boolean): object {
    const reachable = n.health !== 3;
    const ids = Object.keys(n.units);
    const output: Record<string, string> = {};
    for (const id of ids) output[systemdId(id)] = n.units[id].output;
    const l = (id: string) => this.labelOf(id, n.role);
    const stamp = rfc3339(this.pull.updatedMs ?? 0);
    const host = { Leader: this.isLeader(n), Role: n.role, IP: n.ip, Host: reachable ? n.node : '', Health: n.health, Output: reachable ? output : null };
    // Go's `omitempty` drops Units on host copies and on nodes without units.
    const unitList = withUnits && ids.length > 0
      ? { Units: ids.map((id) => ({ UnitName: systemdId(id), Nodes: [{ ...host, MesosID: this.mesosIdOf(n) }], Health: n.units[id].health, Title: l(id).description, Timestamp: stamp, PrettyName: l(id).name })) }
      : {};
    return { ...host, ...unitList, MesosID: this.mesosIdOf(n) };
  }

  /** Per unit: max health over the nodes reporting it, and those nodes (unreachable nodes report none). */
  private aggregate(): { id: string; health: number; nodes: DiagnosticsNodeReport[] }[] {
    const units = new Map<string, { id: string; health: number; nodes: DiagnosticsNodeReport[] }>();
    for (const n of this.pull.nodes) {
      for (const [id, u] of Object.entries(n.units)) {
        const entry = units.get(id) ?? { id, health: 0, nodes: [] };
        entry.health = Math.max(entry.health, u.health);
        entry.nodes.push(n);
        units.set(id, entry);
      }
    }
    return [...units.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  private unitFields(id: string, role: Role, health: number): object {
    const l = this.labelOf(id, role);
    return { id: systemdId(id), name: l.name, health, description: l.description };
  }

  private nodeByIp(ip: string): DiagnosticsNodeReport {
    const n = this.byIp.get(ip);
    if (!n) throw new DiagnosticsMiss(`Node ${ip} not found`);
    return n;
  }

  private mesosIdOf(n: DiagnosticsNodeReport): string {
    return n.health === 3 ? '' : mesosId(this.view, n.node);
  }

  /** Exhibitor's `IsLeader` (the ZooKeeper leader) is not modelled; the Mesos leader stands in for it. */
  private isLeader(n: DiagnosticsNodeReport): boolean {
    return n.role === 'master' && this.view.leaders.mesos === n.node;
  }

  private labelOf(id: string, role: Role): UnitLabel {
    return this.label(id, role) ?? { name: id, description: '' };
  }
}
