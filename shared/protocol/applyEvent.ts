// The pure reducer the web uses to keep a ClusterView in sync from `sim:events`: initialView(cluster) then
// applyEvent(view, event) for every event in seq order gives what engine.view() returns (tested for many seeds
// and fault sequences). Structural sharing: a changed path gets new objects, everything else keeps its
// identity (xyflow changes pattern), so React can skip unchanged nodes and units.
// May import engine *types* and shared/model data only, never engine code.
import type { ActiveFault, ClusterConfig, ClusterView, DiagnosticsNodeReport, DiagnosticsReport, NodeView, SimEvent, UnitView } from '../engine/types.ts';
import { nodeIdsFor, nodeIndex, nodeIp, roleOfNode } from '../model/cluster.ts';
import { unitsForRole } from '../model/catalog.ts';
import { UNIT_NOT_STARTED, unitHealth } from '../model/health.ts';
import { mesosIdOf, mesosIdStep } from '../model/mesosId.ts';
import { isPersistent } from '../model/faults/registry.ts';

export function initialView(cluster: ClusterConfig): ClusterView {
  const nodes: NodeView[] = nodeIdsFor(cluster).map((id) => {
    const role = roleOfNode(id) ?? 'agent';
    return {
      id, role, ip: nodeIp(id), up: true, partitioned: false, health: 'unknown',
      units: unitsForRole(role).map((u) => ({ id: u, state: 'pending', health: 0, cause: UNIT_NOT_STARTED, sinceMs: 0 })),
    };
  });
  return {
    simTimeMs: 0,
    cluster: { ...cluster },
    nodes,
    clusterHealth: 'unknown',
    quorum: { have: 0, need: Math.floor(cluster.masters / 2) + 1 },
    leaders: { mesos: null, marathon: null },
    dns: { 'leader.mesos': null, 'marathon.mesos': null },
    registeredAgents: [],
    unreachableAgents: [],
    tasks: [],
    availability: { uiReachable: false, apiReachable: false, tasksLaunchable: false, adminRouterStatus: 0 },
    faults: [],
    diagnostics: { updatedMs: null, puller: null, nodes: [] },
    diagnosticsByMaster: {},
    mesosIds: {},
  };
}

function pullOf(view: ClusterView, master: string | null): DiagnosticsReport {
  if (master === null) return { updatedMs: null, puller: null, nodes: [] };
  return view.diagnosticsByMaster?.[master] ?? { updatedMs: null, puller: master, nodes: [] };
}

function withNode(view: ClusterView, nodeId: string, fn: (n: NodeView) => NodeView): ClusterView {
  const i = nodeIndex(view.cluster, nodeId);
  if (i < 0 || !view.nodes[i]) return view;
  const nodes = view.nodes.slice();
  nodes[i] = fn(nodes[i]);
  return { ...view, nodes };
}

function mergeDiagnostics(view: ClusterView, prev: DiagnosticsNodeReport[], changed: DiagnosticsNodeReport[]): DiagnosticsNodeReport[] {
  if (changed.length === 0) return prev;
  const out = prev.slice();
  for (const r of changed) {
    const at = out.findIndex((x) => x.node === r.node);
    if (at >= 0) {
      out[at] = r;
      continue;
    }
    const idx = nodeIndex(view.cluster, r.node);
    let pos = out.findIndex((x) => nodeIndex(view.cluster, x.node) > idx);
    if (pos < 0) pos = out.length;
    out.splice(pos, 0, r);
  }
  return out;
}

export function applyEvent(prev: ClusterView, e: SimEvent): ClusterView {
  const view: ClusterView = prev.simTimeMs === e.simTimeMs ? prev : { ...prev, simTimeMs: e.simTimeMs };
  switch (e.type) {
    case 'unit':
      return withNode(view, e.node, (n) => {
        const k = n.units.findIndex((u) => u.id === e.unit);
        if (k < 0) return n;
        const units = n.units.slice();
        const next: UnitView = { id: e.unit, state: e.to, health: unitHealth(e.to), cause: e.cause, sinceMs: e.simTimeMs };
        units[k] = next;
        return { ...n, units };
      });
    case 'node':
      return withNode(view, e.node, (n) => ({ ...n, health: e.health }));
    case 'power':
      return withNode(view, e.node, (n) => ({ ...n, up: e.up, partitioned: e.partitioned }));
    case 'cluster':
      // `monitor` names the master whose last pull the dashboard now shows (shared/engine/rules/monitor.ts).
      if (e.monitor === undefined) return { ...view, clusterHealth: e.health };
      return { ...view, clusterHealth: e.health, diagnostics: pullOf(view, e.monitor) };
    case 'quorum':
      return { ...view, quorum: { have: e.have, need: e.need } };
    case 'leader':
      return { ...view, leaders: { ...view.leaders, [e.role]: e.node } };
    case 'dns':
      return { ...view, dns: { ...view.dns, [e.name]: e.value } };
    case 'agent': {
      const has = view.registeredAgents.includes(e.node);
      const registeredAgents = e.registered === has ? view.registeredAgents
        : e.registered ? [...view.registeredAgents, e.node] : view.registeredAgents.filter((a) => a !== e.node);
      // Marked unreachable: joins the list; registered again: leaves it.
      const wasUnreachable = view.unreachableAgents.includes(e.node);
      const unreachableAgents = e.unreachable === true && !wasUnreachable ? [...view.unreachableAgents, e.node]
        : e.registered && wasUnreachable ? view.unreachableAgents.filter((a) => a !== e.node) : view.unreachableAgents;
      if (registeredAgents === view.registeredAgents && unreachableAgents === view.unreachableAgents) return view;
      return { ...view, registeredAgents, unreachableAgents };
    }
    case 'task': {
      const i = view.tasks.findIndex((t) => t.id === e.task);
      const t = { id: e.task, service: e.service, node: e.node, state: e.state };
      if (i < 0) return { ...view, tasks: [...view.tasks, t] };
      const tasks = view.tasks.slice();
      tasks[i] = t;
      return { ...view, tasks };
    }
    case 'fault': {
      if (e.id === undefined) return view;
      if (!e.active) return { ...view, faults: view.faults.filter((f) => f.id !== e.id) };
      if (!isPersistent(e.fault.kind)) return view;
      const f: ActiveFault = { id: e.id, fault: e.fault, sinceMs: e.simTimeMs, by: e.by };
      return { ...view, faults: [...view.faults, f] };
    }
    case 'availability':
      return { ...view, availability: e.availability };
    case 'diagnostics': {
      // One master's own pull: fold it into that master's report, and into view.diagnostics if it is the monitor.
      if (e.puller === null) return view;
      if (e.reset) {
        // A (re)started puller holds nothing until its next pull.
        const { [e.puller]: _dropped, ...rest } = view.diagnosticsByMaster ?? {};
        const empty: DiagnosticsReport = { updatedMs: null, puller: e.puller, nodes: [] };
        return { ...view, diagnosticsByMaster: rest, diagnostics: view.diagnostics.puller === e.puller ? empty : view.diagnostics };
      }
      const prev = view.diagnosticsByMaster?.[e.puller]?.nodes ?? [];
      const report: DiagnosticsReport = { updatedMs: e.simTimeMs, puller: e.puller, nodes: mergeDiagnostics(view, prev, e.changed ?? []) };
      const diagnosticsByMaster = { ...view.diagnosticsByMaster, [e.puller]: report };
      return { ...view, diagnosticsByMaster, diagnostics: view.diagnostics.puller === e.puller ? report : view.diagnostics };
    }
    case 'step': {
      // dcos-diagnostics learns a node's Mesos id once its Mesos process started / registered (shared/model/mesosId.ts).
      if (e.node === null || e.step !== mesosIdStep(e.node) || view.mesosIds?.[e.node]) return view;
      return { ...view, mesosIds: { ...view.mesosIds, [e.node]: mesosIdOf(view.cluster, e.node) } };
    }
    case 'narration':
      return view;
  }
  return view;
}

/** Fold a batch (in seq order). */
export function applyEvents(view: ClusterView, events: readonly SimEvent[]): ClusterView {
  let v = view;
  for (const e of events) v = applyEvent(v, e);
  return v;
}
