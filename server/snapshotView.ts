// What a joining viewer receives of a big room's view. A ClusterView at 5+10,000+100 is ~48 MB of JSON, 34 MB of it
// the masters' dcos-diagnostics pulls (each lists all 10,105 nodes with every unit). The page reads only when the
// monitor last pulled (HealthPanel) and draws nodes from view.nodes; the full pulls stay on the server, where the
// /system/health/v1 routes serve them. Rooms up to SLIM_VIEW_MIN_NODES nodes (every room the e2e tests and a
// classroom default use) get the view unchanged.
// Invariant: pure; never mutates the engine's view (the engine returns a fresh copy anyway).
import type { ClusterView, DiagnosticsReport } from '../shared/engine/types.ts';

/** Above this many nodes a snapshot's diagnostics pulls keep only the masters' reports (3+1,000: ~0.5 MB each). */
export const SLIM_VIEW_MIN_NODES = 1_000;

function mastersOnly(report: DiagnosticsReport): DiagnosticsReport {
  return { ...report, nodes: report.nodes.filter((r) => r.role === 'master') };
}

export function snapshotView(view: ClusterView): ClusterView {
  if (view.nodes.length <= SLIM_VIEW_MIN_NODES) return view;
  const byMaster: Record<string, DiagnosticsReport> = {};
  for (const [master, report] of Object.entries(view.diagnosticsByMaster ?? {})) byMaster[master] = mastersOnly(report);
  return { ...view, diagnostics: mastersOnly(view.diagnostics), diagnosticsByMaster: byMaster };
}
