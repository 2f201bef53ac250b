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

/** `prev` with `changed` folded in, in cluster order; linear in the report's size (a 10,000-agent pull changes thousands). */
function mergeDiagnostics(view: ClusterView, prev: DiagnosticsNodeReport[], changed: DiagnosticsNodeReport[]): DiagnosticsNodeReport[] {
  if (changed.length === 0) return prev;
  const out = prev.slice();
  const at = new Map<string, number>();
  for (let i = 0; i < out.length; i += 1) at.set(out[i]!.node, i);
  const added = new Map<string, DiagnosticsNodeReport>();
  for (const r of changed) {
    const i = at.get(r.node);
    if (i !== undefined) out[i] = r;
    else added.set(r.node, r);
  }
  if (added.size === 0) return out;
  const order = (r: DiagnosticsNodeReport) => nodeIndex(view.cluster, r.node);
  return out.concat([...added.values()]).sort((a, b) => order(a) - order(b));
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
      // With `node`: resolution on that node only (shared/engine/rules/dns.ts onNetDown); the view keeps cluster records.
      if (e.node !== undefined) return view;
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

/**
 * Fold a batch (in seq order): the same result as applyEvent one by one, in time linear in the batch. One event at a
 * time copies the node list for every unit change, which at 10,000 agents is 10,000 slots per event; here the batch
 * copies the list once, each node it touches once (unit list included), and keeps the agent lists as sets, so unchanged
 * nodes keep their identity (React skips them) and nobody outside ever sees a half-applied view.
 */
export function applyEvents(prev: ClusterView, events: readonly SimEvent[]): ClusterView {
  if (events.length === 0) return prev;
  let view: ClusterView = { ...prev };
  let nodes: NodeView[] | null = null;
  const ownedNodes = new Set<number>();
  let registered: Set<string> | null = null;
  let unreachable: Set<string> | null = null;
  // Every agent's Mesos id arrives once (a `step` event): one copy of the map per batch, not one per agent.
  let mesosIds: Record<string, string> | null = null;
  const ownNode = (nodeId: string): NodeView | null => {
    const i = nodeIndex(view.cluster, nodeId);
    if (i < 0 || !view.nodes[i]) return null;
    if (nodes === null) nodes = view.nodes.slice();
    if (!ownedNodes.has(i)) {
      nodes[i] = { ...nodes[i]!, units: nodes[i]!.units.slice() };
      ownedNodes.add(i);
    }
    return nodes[i]!;
  };
  for (const e of events) {
    if (e.type === 'unit' || e.type === 'node' || e.type === 'power' || e.type === 'agent') {
      view.simTimeMs = e.simTimeMs;
      if (e.type === 'agent') {
        registered ??= new Set(view.registeredAgents);
        unreachable ??= new Set(view.unreachableAgents);
        const wasUnreachable = unreachable.has(e.node);
        // Set order is insertion order, as the one-event reducer's append and filter keep it.
        if (e.registered) registered.add(e.node);
        else registered.delete(e.node);
        if (e.unreachable === true && !wasUnreachable) unreachable.add(e.node);
        else if (e.registered && wasUnreachable) unreachable.delete(e.node);
        continue;
      }
      const n = ownNode(e.node);
      if (n === null) continue;
      if (e.type === 'node') n.health = e.health;
      else if (e.type === 'power') {
        n.up = e.up;
        n.partitioned = e.partitioned;
      } else {
        const k = n.units.findIndex((u) => u.id === e.unit);
        if (k >= 0) n.units[k] = { id: e.unit, state: e.to, health: unitHealth(e.to), cause: e.cause, sinceMs: e.simTimeMs };
      }
      continue;
    }
    if (e.type === 'step') {
      view.simTimeMs = e.simTimeMs;
      if (e.node === null || e.step !== mesosIdStep(e.node) || (mesosIds ?? view.mesosIds)?.[e.node]) continue;
      mesosIds ??= { ...view.mesosIds };
      mesosIds[e.node] = mesosIdOf(view.cluster, e.node);
      continue;
    }
    // Everything else is rare and touches no node: the one-event reducer, on a view that still holds our lists.
    if (nodes !== null) view.nodes = nodes;
    if (mesosIds !== null) view.mesosIds = mesosIds;
    const next = applyEvent(view, e);
    view = next === view ? view : { ...next };
  }
  if (nodes !== null) view.nodes = nodes;
  if (mesosIds !== null) view.mesosIds = mesosIds;
  if (registered !== null && !sameOrder(registered, view.registeredAgents)) view.registeredAgents = [...registered];
  if (unreachable !== null && !sameOrder(unreachable, view.unreachableAgents)) view.unreachableAgents = [...unreachable];
  return view;
}

function sameOrder(set: ReadonlySet<string>, list: readonly string[]): boolean {
  if (set.size !== list.length) return false;
  let i = 0;
  for (const x of set) if (x !== list[i++]) return false;
  return true;
}
