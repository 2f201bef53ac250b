// What a viewer receives of a big room: its view in a snapshot, and its dcos-diagnostics events live and in the
// snapshot's recent window. A ClusterView at 5+10,000+100 is ~48 MB of JSON, 34 MB of it
// the masters' dcos-diagnostics pulls (each lists all 10,105 nodes with every unit). The page reads only when the
// monitor last pulled (HealthPanel) and draws nodes from view.nodes; the full pulls stay on the server, where the
// /system/health/v1 routes serve them. Rooms up to SLIM_VIEW_MIN_NODES nodes (every room the e2e tests and a
// classroom default use) get the view unchanged.
// Invariant: pure; never mutates the engine's view (the engine returns a fresh copy anyway).
import type { ClusterConfig, ClusterView, DiagnosticsReport, SimEvent } from '../../../shared/engine/types.ts';

/** Above this many nodes a snapshot's diagnostics pulls keep only the masters' reports (3+1,000: ~0.5 MB each). */
export const SLIM_VIEW_MIN_NODES = 1_000;

function mastersOnly(report: DiagnosticsReport): DiagnosticsReport {
  return { ...report, nodes: report.nodes.filter((r) => r.role === 'master') };
}

const nodeCount = (c: ClusterConfig): number => c.masters + c.agents + c.publicAgents;

/**
 * The events as viewers of a room with this cluster get them: above SLIM_VIEW_MIN_NODES a pull's `changed` keeps only
 * the masters' reports, so the page's view matches the slim snapshot view it started from and a 10,000-agent pull is
 * not a 5 MB message every browser parses and keeps five copies of (one per master). The room's history (the CLI,
 * the event download, the HTTP routes) keeps the full events. Returns `events` itself when nothing changes.
 */
export function viewerEvents(events: SimEvent[], cluster: ClusterConfig): SimEvent[] {
  if (nodeCount(cluster) <= SLIM_VIEW_MIN_NODES) return events;
  let out: SimEvent[] | null = null;
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i];
    if (e.type !== 'diagnostics' || e.changed === undefined) continue;
    out ??= events.slice();
    out[i] = { ...e, changed: e.changed.filter((r) => r.role === 'master') };
  }
  return out ?? events;
}

export function snapshotView(view: ClusterView): ClusterView {
  if (view.nodes.length <= SLIM_VIEW_MIN_NODES) return view;
  const byMaster: Record<string, DiagnosticsReport> = {};
  for (const [master, report] of Object.entries(view.diagnosticsByMaster ?? {})) byMaster[master] = mastersOnly(report);
  return { ...view, diagnostics: mastersOnly(view.diagnostics), diagnosticsByMaster: byMaster };
}
