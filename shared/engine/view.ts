// The derived ClusterView of the engine state. Must equal folding the event log with shared/protocol/applyEvent
// (a test enforces it), so every field here comes from something an event also carries.
import type { ClusterView, NodeView } from './types.ts';
import type { Ctx } from './ctx.ts';
import { unitHealth } from './health.ts';

export function buildView(ctx: Ctx): ClusterView {
  const s = ctx.s;
  const nodes: NodeView[] = s.nodes.map((node, n) => {
    const ids = ctx.topo.unitIds[ctx.topo.roles[n]];
    return {
      id: ctx.topo.ids[n],
      role: ctx.topo.roles[n],
      ip: ctx.topo.ips[n],
      up: node.up,
      partitioned: node.part,
      health: node.health,
      units: node.units.map((u, i) => ({ id: ids[i], state: u.st, health: unitHealth(u.st), cause: u.cause, sinceMs: u.since })),
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
    tasks: s.tasks.map((t) => ({ id: t.id, service: t.service, node: t.node, state: t.state })),
    availability: { ...s.availability },
    faults: s.faults.map((f) => ({ ...f })),
    diagnostics: { updatedMs: s.diagnostics.updatedMs, puller: s.diagnostics.puller, nodes: s.diagnostics.nodes.slice() },
  };
}
