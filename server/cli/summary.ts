// The closing summary of a headless run: where the cluster ended up and, for every unit that is not healthy,
// the engine's explain() tree down to its root causes. Printed as the last ndjson line or as a text block.
// Invariant: built only from the engine's public view()/explain(), so it says what a viewer would see.
import { BOOT_SEQUENCE_PAGE } from '../../shared/model/bootSteps.ts';
import type { Availability, ClusterConfig, Engine, ExplainStep, Fault, Health, UnitState } from '../../shared/engine/types.ts';
import { formatSimTime } from '../../shared/model/time.ts';
import { describeFault, paint, type TextStyle } from './format.ts';
import { MILESTONE_LABELS, type BootMilestones } from './milestones.ts';
import { explainTreeLines } from './explainTree.ts';

/** Explain chains beyond this many units add nothing for a reader (a broken 1,000-agent cluster). */
export const MAX_EXPLAINED_UNITS = 100;

export interface UnhealthyUnit {
  node: string;
  unit: string;
  state: UnitState;
  explain: ExplainStep[];
}

export interface RunSummary {
  type: 'summary';
  scenario: string | null;
  seed: number;
  cluster: ClusterConfig;
  simTimeMs: number;
  events: number;
  clusterHealth: Health;
  availability: Availability;
  leaders: { mesos: string | null; marathon: string | null };
  quorum: { have: number; need: number };
  registeredAgents: number;
  nodes: Record<Health, number>;
  faults: Fault[];
  scriptErrors: string[];
  /** When each cluster-wide fact first became true in this run (null: never). */
  milestones: BootMilestones;
  unhealthyTotal: number;
  unhealthy: UnhealthyUnit[];
}

export interface SummaryInput {
  engine: Engine;
  scenario: string | null;
  events: number;
  scriptErrors: string[];
  milestones: BootMilestones;
}

export function summarize({ engine, scenario, events, scriptErrors, milestones }: SummaryInput): RunSummary {
  const view = engine.view();
  const nodes: Record<Health, number> = { healthy: 0, unhealthy: 0, unknown: 0 };
  const unhealthy: UnhealthyUnit[] = [];
  let unhealthyTotal = 0;
  for (const node of view.nodes) {
    nodes[node.health] += 1;
    for (const unit of node.units) {
      if (unit.state === 'healthy') continue;
      unhealthyTotal += 1;
      if (unhealthy.length < MAX_EXPLAINED_UNITS) {
        unhealthy.push({ node: node.id, unit: unit.id, state: unit.state, explain: engine.explain(node.id, unit.id) });
      }
    }
  }
  return {
    type: 'summary',
    scenario,
    seed: engine.seed,
    cluster: engine.cluster,
    simTimeMs: view.simTimeMs,
    events,
    clusterHealth: view.clusterHealth,
    availability: view.availability,
    leaders: view.leaders,
    quorum: view.quorum,
    registeredAgents: view.registeredAgents.length,
    nodes,
    faults: view.faults.map((f) => f.fault),
    scriptErrors,
    milestones,
    unhealthyTotal,
    unhealthy,
  };
}

function yesNo(style: TextStyle, ok: boolean, yes: string, no: string): string {
  return ok ? paint(style, 'green', yes) : paint(style, 'red', no);
}

/** The text block a teacher reads at the end of a run. */
export function formatSummaryText(s: RunSummary, style: TextStyle): string[] {
  const a = s.availability;
  const agentsWanted = s.cluster.agents + s.cluster.publicAgents;
  const rule = paint(style, 'dim', '-'.repeat(72));
  const lines = [
    '',
    rule,
    paint(style, 'bold', `Summary at ${formatSimTime(s.simTimeMs)}${s.scenario ? `  (scenario ${s.scenario}, seed ${s.seed})` : `  (seed ${s.seed})`}`),
    `  cluster           ${s.cluster.masters} masters, ${s.cluster.agents} agents, ${s.cluster.publicAgents} public agents; ${s.events} events`,
    `  health (3DT)      ${paint(style, s.clusterHealth === 'healthy' ? 'green' : 'red', s.clusterHealth.toUpperCase())}   nodes: ${s.nodes.healthy} healthy, ${s.nodes.unhealthy} unhealthy, ${s.nodes.unknown} unknown`,
    `  availability      UI ${yesNo(style, a.uiReachable, 'reachable', 'UNREACHABLE')}, API ${yesNo(style, a.apiReachable, 'reachable', 'UNREACHABLE')}, new tasks ${yesNo(style, a.tasksLaunchable, 'can launch', 'CANNOT launch')} (Admin Router answers ${a.adminRouterStatus || 'nothing'})`,
    `  ZooKeeper quorum  ${yesNo(style, s.quorum.have >= s.quorum.need, `${s.quorum.have} serving, ${s.quorum.need} needed`, `${s.quorum.have} serving, ${s.quorum.need} needed: NO QUORUM`)}`,
    `  leaders           Mesos ${s.leaders.mesos ?? paint(style, 'red', 'none')}, Marathon ${s.leaders.marathon ?? paint(style, 'red', 'none')}`,
    `  agents            ${yesNo(style, s.registeredAgents === agentsWanted, `${s.registeredAgents} of ${agentsWanted} registered`, `${s.registeredAgents} of ${agentsWanted} registered`)}`,
  ];
  if (s.faults.length > 0) lines.push(`  active faults     ${s.faults.map(describeFault).join('; ')}`);
  lines.push('', paint(style, 'bold', '  Boot milestones (first time each became true)'));
  lines.push(paint(style, 'dim', `  (boot step numbers: ${BOOT_SEQUENCE_PAGE.note})`));
  for (const key of Object.keys(MILESTONE_LABELS) as (keyof BootMilestones)[]) {
    const at = s.milestones[key];
    lines.push(`    ${MILESTONE_LABELS[key].padEnd(30)} ${at === null ? paint(style, 'red', 'never') : formatSimTime(at)}`);
  }
  for (const e of s.scriptErrors) lines.push(paint(style, 'red', `  scenario error    ${e}`));
  if (s.unhealthyTotal === 0) {
    lines.push('', paint(style, 'green', '  Every unit is healthy.'));
  } else {
    lines.push('', paint(style, 'bold', `  ${s.unhealthyTotal} unit(s) not healthy; why, back to the root cause:`));
    for (const u of s.unhealthy) {
      // The unit, then what it waits on, indented under it, down to the root causes.
      if (u.explain.length === 0) lines.push(`  ${paint(style, 'red', `${u.node}/${u.unit}`)} is ${u.state}`);
      else lines.push(...explainTreeLines(u.explain, style));
    }
    if (s.unhealthyTotal > s.unhealthy.length) lines.push(paint(style, 'dim', `  ... and ${s.unhealthyTotal - s.unhealthy.length} more (explained first ${s.unhealthy.length})`));
  }
  lines.push(rule);
  return lines;
}
