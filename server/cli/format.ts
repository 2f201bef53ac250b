// Text rendering of the event log for a teacher's terminal: one aligned line per event, narration set apart,
// ANSI colour only when writing to a terminal. ndjson is simply JSON.stringify(event) and lives in run.ts.
// Invariant: formatting never throws on an event type it does not know (the engine may add types): those
// print as their JSON.
import { formatSimTime } from '../../shared/model/time.ts';
import type { Cause, ClusterConfig, Health, SimEvent, UnitState } from '../../shared/engine/types.ts';
import { describeFault } from '../../shared/model/faults/registry.ts';

export interface TextStyle {
  color: boolean;
  /** Width of the node column: the longest node id of the cluster. */
  nodeWidth: number;
}

/** Units are padded to this so state transitions line up (dcos-mesos-slave-public is 23 characters). */
export const UNIT_COLUMN = 24;

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m', cyan: '\x1b[36m' };
type Paint = keyof typeof ANSI;

/** Narration is wrapped to this width so a class can read it on a projected terminal. */
export const NARRATION_WIDTH = 96;
/** "[00:00.000] >>> " */
const NARRATION_INDENT = 16;

/** Greedy word wrap; a word longer than the width gets its own line. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

export function textStyle(cluster: ClusterConfig, color: boolean): TextStyle {
  const longest = cluster.publicAgents > 0 ? `public-agent-${cluster.publicAgents}` : cluster.agents > 0 ? `agent-${cluster.agents}` : `master-${cluster.masters}`;
  return { color, nodeWidth: Math.max(longest.length, 'cluster'.length) };
}

export function paint(style: TextStyle, colour: Paint, text: string): string {
  return style.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text;
}

const STATE_COLOUR: Record<UnitState, Paint> = {
  pending: 'dim',
  waiting: 'yellow',
  starting: 'cyan',
  healthy: 'green',
  unhealthy: 'red',
  failed: 'red',
  stopped: 'magenta',
};
const HEALTH_COLOUR: Record<Health, Paint> = { healthy: 'green', unhealthy: 'red', unknown: 'yellow' };

/** The registry's one sentence per fault (shared/model/faults), re-exported for the CLI's summary. */
export { describeFault };

function because(style: TextStyle, cause: Cause | undefined): string {
  return cause && cause.text ? `  ${paint(style, 'dim', `(${cause.text})`)}` : '';
}

/** The subject column: a node id, or a cluster-wide word, padded to line up. */
function subject(style: TextStyle, id: string): string {
  return id.padEnd(style.nodeWidth);
}

export function formatEventText(event: SimEvent, style: TextStyle): string {
  const time = paint(style, 'dim', `[${formatSimTime(event.simTimeMs, { millis: true })}]`);
  const body = formatBody(event, style);
  return event.type === 'narration' ? body.replace('@TIME@', time) : `${time} ${body}`;
}

function formatBody(event: SimEvent, style: TextStyle): string {
  switch (event.type) {
    case 'unit': {
      // Causes often restate the new state ("waiting: ping ... fails"); the column already says it.
      const prefix = `${event.to}: `;
      const cause = event.cause?.text?.startsWith(prefix) ? { ...event.cause, text: event.cause.text.slice(prefix.length) } : event.cause;
      return `${subject(style, event.node)} ${event.unit.padEnd(UNIT_COLUMN)} ${event.from} -> ${paint(style, STATE_COLOUR[event.to] ?? 'reset', event.to)}${because(style, cause)}`;
    }
    case 'node':
      return `${subject(style, event.node)} ${'node health'.padEnd(UNIT_COLUMN)} ${paint(style, HEALTH_COLOUR[event.health], event.health)}${because(style, event.cause)}`;
    case 'cluster':
      return `${paint(style, 'bold', subject(style, 'cluster'))} ${'CLUSTER HEALTH'.padEnd(UNIT_COLUMN)} ${paint(style, HEALTH_COLOUR[event.health], event.health.toUpperCase())}${because(style, event.cause)}`;
    case 'quorum': {
      const ok = event.have >= event.need;
      return `${subject(style, 'cluster')} ${'ZooKeeper quorum'.padEnd(UNIT_COLUMN)} ${paint(style, ok ? 'green' : 'red', `${event.have} serving, ${event.need} needed${ok ? '' : ' - NO QUORUM'}`)}${because(style, event.cause)}`;
    }
    case 'leader':
      return `${subject(style, 'cluster')} ${`${event.role === 'mesos' ? 'Mesos' : 'Marathon'} leader`.padEnd(UNIT_COLUMN)} ${event.node === null ? paint(style, 'red', 'none') : paint(style, 'bold', event.node)}${because(style, event.cause)}`;
    case 'dns':
      return `${subject(style, event.node ?? 'cluster')} ${`dns ${event.name}`.padEnd(UNIT_COLUMN)} ${event.value === null ? paint(style, 'red', 'does not resolve') : `-> ${event.value}`}${because(style, event.cause)}`;
    case 'agent':
      return `${subject(style, event.node)} ${'mesos agent'.padEnd(UNIT_COLUMN)} ${event.registered ? paint(style, 'green', 'registered') : paint(style, 'red', event.unreachable ? 'unreachable' : 'disconnected')}${because(style, event.cause)}`;
    case 'task':
      return `${subject(style, event.node)} ${`task ${event.task}`.padEnd(UNIT_COLUMN)} ${event.state} (${event.service})${because(style, event.cause)}`;
    case 'fault':
      return `${paint(style, 'bold', subject(style, 'FAULT'))} ${paint(style, 'magenta', `${event.active ? '' : 'ended: '}${describeFault(event.fault)}`)}${because(style, event.cause)}`;
    case 'narration':
      return `\n${paint(style, 'bold', `@TIME@ >>> ${wrap(event.text, NARRATION_WIDTH).join(`\n${' '.repeat(NARRATION_INDENT)}`)}`)}\n`;
    case 'step':
      return `${subject(style, event.node ?? 'cluster')} ${`boot step ${event.step}`.padEnd(UNIT_COLUMN)} ${event.text}`;
    case 'availability': {
      const a = event.availability;
      const words = `UI ${a.uiReachable ? 'up' : 'DOWN'}, API ${a.apiReachable ? 'up' : 'DOWN'}, new tasks ${a.tasksLaunchable ? 'launch' : 'CANNOT launch'}, GET /marathon/v2/apps -> ${a.adminRouterStatus || 'no answer'}`;
      return `${subject(style, 'cluster')} ${'availability'.padEnd(UNIT_COLUMN)} ${paint(style, a.uiReachable && a.apiReachable && a.tasksLaunchable ? 'green' : 'red', words)}${because(style, event.cause)}`;
    }
    case 'diagnostics':
      return `${subject(style, event.puller ?? 'cluster')} ${'diagnostics pull'.padEnd(UNIT_COLUMN)} ${event.nodes} nodes reported${because(style, event.cause)}`;
    case 'power': {
      const what = !event.up ? paint(style, 'red', 'powered off') : event.partitioned ? paint(style, 'red', 'up, partitioned from the others') : paint(style, 'green', 'up, connected');
      return `${subject(style, event.node)} ${'node power/network'.padEnd(UNIT_COLUMN)} ${what}${because(style, event.cause)}`;
    }
    default:
      return JSON.stringify(event);
  }
}
