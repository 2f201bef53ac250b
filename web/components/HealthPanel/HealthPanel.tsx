/**
 * Cluster health at a glance for the back of the room: the big Healthy/Unhealthy verdict
 * (data-testid="cluster-health", 3DT's rule: all masters healthy), availability beside it (what a user
 * can actually do: health and availability differ, which is the lesson), then nodes, leaders, quorum,
 * agents and tasks.
 */
import type { ClusterView, Health, NodeView } from '../../../shared/protocol/types.ts';
import { formatSimTime } from '../../../shared/model/time.ts';
import { selectShownView } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import './HealthPanel.css';

const HEALTH_CODE: Record<Health, number> = { healthy: 0, unhealthy: 1, unknown: 3 };
const HEALTH_GLYPH: Record<Health, string> = { healthy: '✓', unhealthy: '!', unknown: '?' };

/** 3DT pulls every 60 s, so the verdict is only as fresh as the last pull: say which one. */
function pullNote(updatedMs: number | null): string {
  return updatedMs === null ? 'no 3DT pull yet' : `as of the pull at ${formatSimTime(updatedMs)}`;
}

function Verdict({ health, pulledMs }: { health: Health; pulledMs: number | null }) {
  const word = health === 'healthy' ? 'Healthy' : 'Unhealthy';
  return (
    <div className="verdict-box">
      <div className={`verdict verdict-${health}`}>
        <span className="verdict-glyph" aria-hidden="true">{health === 'healthy' ? '✓' : '✕'}</span>
        <span data-testid="cluster-health" data-health={health} aria-label={`Cluster health: ${word}`}>{word}</span>
      </div>
      <span className="verdict-pull" data-testid="health-pulled" title="3DT pulls every unit's health every 60 s; the verdict can lag what systemd sees">{pullNote(pulledMs)}</span>
    </div>
  );
}

/** A 3DT health code (0, 1 or 3) in a small badge with its meaning: a code, not a count. */
function HealthCode({ health }: { health: Health }) {
  return (
    <span className="health-code" title={`3DT health code ${HEALTH_CODE[health]} means ${health}`}>
      <span className="health-code__num">{HEALTH_CODE[health]}</span>
      <span className="health-code__word"><span aria-hidden="true">{HEALTH_GLYPH[health]}</span> {health}</span>
    </span>
  );
}

function Check({ ok, label, detail }: { ok: boolean; label: string; detail?: string }) {
  return (
    <li className={ok ? 'avail-ok' : 'avail-bad'} data-ok={ok}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> {label}
      {detail && <span className="avail-detail"> {detail}</span>}
    </li>
  );
}

function Availability({ view }: { view: ClusterView }) {
  const a = view.availability;
  return (
    <ul className="avail" aria-label="Availability">
      <Check ok={a.uiReachable} label="UI reachable" />
      <Check ok={a.apiReachable} label="API reachable" />
      <Check ok={a.tasksLaunchable} label="Tasks launchable" />
      <Check ok={a.adminRouterStatus === 200} label="Admin Router" detail={a.adminRouterStatus === 0 ? '—' : String(a.adminRouterStatus)} />
    </ul>
  );
}

function nodeNote(node: NodeView): string {
  if (!node.up) return 'powered off';
  if (node.partitioned) return 'partitioned';
  const bad = node.units.filter((u) => u.health !== 0).length;
  return bad === 0 ? '' : `${bad} unit${bad > 1 ? 's' : ''} down`;
}

function NodeTable({ nodes }: { nodes: readonly NodeView[] }) {
  return (
    <table className="node-table">
      <thead>
        <tr><th scope="col">Node</th><th scope="col" title="3DT health codes: 0 healthy, 1 unhealthy, 3 unknown">3DT code</th><th scope="col">Why</th></tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.id} className={`node-${n.health}`} data-node={n.id} data-health={n.health}>
            <th scope="row">{n.id}</th>
            <td><HealthCode health={n.health} /></td>
            <td className="node-note">{nodeNote(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stat({ label, title, value, bad = false, testId }: { label: string; title?: string; value: string; bad?: boolean; testId?: string }) {
  return (
    <div className={bad ? 'fact-bad' : undefined} title={title ?? label}>
      <dt>{label}</dt>
      {/* "8182/10.1k" (a big cluster mid-boot) does not fit a third of the panel at 15px: smaller, not cut. */}
      <dd data-testid={testId} className={value.length > 8 ? 'fact-long' : undefined}>{value}</dd>
    </div>
  );
}

/** "9985", "10.1k", "250k": a count that fits a fact box at any cluster size. */
export function compactCount(n: number): string {
  if (n < 10_000) return String(n);
  return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0).replace(/\.0$/, '')}k`;
}

/** The first few names and how many more: a tooltip must not list 10,000 agents. */
function listSome(names: readonly string[], shown = 10): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en')} more`;
}

/** Masters first, then a compact summary for many agents so 100 agents do not push everything off-screen. */
export const MAX_AGENT_ROWS = 3;

export function HealthPanel() {
  const view = useBoot(selectShownView);
  if (!view) return <section className="panel health-panel" aria-label="Cluster health"><p className="empty-note">Waiting for the cluster…</p></section>;
  const masters = view.nodes.filter((n) => n.role === 'master');
  const others = view.nodes.filter((n) => n.role !== 'master');
  const badOthers = others.filter((n) => n.health !== 'healthy');
  const shown = [...masters, ...(others.length <= MAX_AGENT_ROWS ? others : badOthers.slice(0, MAX_AGENT_ROWS))];
  const hiddenHealthy = others.length - (others.length <= MAX_AGENT_ROWS ? others.length : Math.min(badOthers.length, MAX_AGENT_ROWS));
  const running = view.tasks.filter((t) => t.state === 'running').length;
  const lostTrack = view.tasks.filter((t) => t.state === 'unreachable').length;
  const unreachable = view.unreachableAgents.length;
  // "✂" is the timeline's cut-off mark: "2/3 · 1✂" = two registered, one marked unreachable (the title says it in words).
  const agentsTotal = view.cluster.agents + view.cluster.publicAgents;
  return (
    <section className="panel health-panel" aria-label="Cluster health">
      <div className="health-top">
        <Verdict health={view.clusterHealth} pulledMs={view.diagnostics.updatedMs} />
        <Availability view={view} />
      </div>
      <dl className="facts">
        <Stat label="Mesos leader" value={view.leaders.mesos ?? 'none'} bad={view.leaders.mesos === null} testId="mesos-leader" />
        <Stat label="Marathon" title="Marathon leader" value={view.leaders.marathon ?? 'none'} bad={view.leaders.marathon === null} testId="marathon-leader" />
        <Stat label="ZK quorum" title={`ZooKeeper quorum: ${view.quorum.have} of ${view.cluster.masters} serving, ${view.quorum.need} needed`} value={`${view.quorum.have}/${view.cluster.masters}`} bad={view.quorum.have < view.quorum.need} testId="zk-quorum" />
        <Stat label="Agents" testId="agents"
          title={`Agents registered with the Mesos leader: ${view.registeredAgents.length.toLocaleString('en')} of ${agentsTotal.toLocaleString('en')}${unreachable > 0 ? `; ✂ marked unreachable by the leader: ${listSome(view.unreachableAgents)}` : ''}`}
          value={`${view.registeredAgents.length === agentsTotal && agentsTotal >= 10_000 ? compactCount(agentsTotal) : `${compactCount(view.registeredAgents.length)}/${compactCount(agentsTotal)}`}${unreachable > 0 ? ` · ${compactCount(unreachable)}✂` : ''}`} bad={view.registeredAgents.length < agentsTotal} />
        <Stat label="Tasks" testId="tasks" title={`Tasks running${lostTrack > 0 ? `; ✂ ${lostTrack} unreachable (TASK_UNREACHABLE: their agent is cut off, Marathon waits 300 s before replacing them)` : ''}`}
          value={`${running}${lostTrack > 0 ? ` · ${lostTrack}✂` : ''}`} bad={lostTrack > 0} />
        <Stat label="Faults" title="Active faults" value={String(view.faults.length)} bad={view.faults.length > 0} />
      </dl>
      <NodeTable nodes={shown} />
      {hiddenHealthy > 0 && <p className="node-more">+ {hiddenHealthy} more agents{badOthers.length > MAX_AGENT_ROWS ? ` (${badOthers.length} not healthy)` : ', all healthy'}</p>}
    </section>
  );
}
