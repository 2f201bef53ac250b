// The derived ClusterView of the engine state. Must equal folding the event log with shared/protocol/applyEvent
// (a test enforces it), so every field here comes from something an event also carries.
import type { ClusterView, DiagnosticsReport, NodeView } from './types.ts';
import type { Ctx } from './ctx.ts';
import { unitHealth } from './health.ts';
import { mesosIdOf, mesosIdStep } from '../model/mesosId.ts';

export function buildView(ctx: Ctx): ClusterView {
  const s = ctx.s;
  const nodes: NodeView[] = s.nodes.map((node, n) => {
    const ids = ctx.topo.unitIds[ctx.topo.roles[n]];
    return {
      id: ctx.topo.ids[n],
      role: ctx.topo.roles[n],
      ip: ctx.topo.ips[n],
      up: node.up,
      partitioned: node.partitioned,
      health: node.health,
      units: node.units.map((u, i) => ({ id: ids[i], state: u.state, health: unitHealth(u.state), cause: u.cause, sinceMs: u.sinceMs })),
    };
  });
  return {
    simTimeMs: s.simTimeMs,
    cluster: { ...s.cluster },
    nodes,
    clusterHealth: s.clusterHealth,
    quorum: { have: s.zk.have, need: ctx.topo.need },
    leaders: {
      mesos: s.mesos.leader >= 0 ? ctx.topo.ids[s.mesos.leader] : null,
      marathon: s.marathon.leader >= 0 ? ctx.topo.ids[s.marathon.leader] : null,
    },
    dns: { ...s.dns.values },
    registeredAgents: [...s.registered],
    unreachableAgents: [...s.unreachable],
    tasks: s.tasks.map((t) => ({ id: t.id, service: t.service, node: t.node, state: t.state })),
    availability: { ...s.availability },
    faults: s.faults.map((f) => ({ ...f })),
    diagnostics: monitorReport(ctx),
    diagnosticsByMaster: byMaster(ctx),
    mesosIds: mesosIds(ctx),
  };
}

const copy = (r: DiagnosticsReport): DiagnosticsReport => ({ updatedMs: r.updatedMs, puller: r.puller, nodes: r.nodes.slice() });

/** The monitoring master's last pull (rules/monitor.ts); nobody monitoring => an empty report without a puller. */
function monitorReport(ctx: Ctx): DiagnosticsReport {
  const m = ctx.s.diag.monitor;
  return m < 0 ? { updatedMs: null, puller: null, nodes: [] } : copy(ctx.s.diag.masters[m].report);
}

function byMaster(ctx: Ctx): Record<string, DiagnosticsReport> {
  const out: Record<string, DiagnosticsReport> = {};
  for (const mp of ctx.s.diag.masters) if (mp.report.updatedMs !== null && mp.report.puller !== null) out[mp.report.puller] = copy(mp.report);
  return out;
}

function mesosIds(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  ctx.topo.ids.forEach((id, n) => {
    if (ctx.s.nodes[n].steps[mesosIdStep(id)]) out[id] = mesosIdOf(ctx.s.cluster, id);
  });
  return out;
}
