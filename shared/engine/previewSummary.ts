// The one-line preview a fault menu item shows before anyone clicks: "3 units fail, cluster Unhealthy after 62 s,
// API stays up". Three clauses, each read off the previewed events only:
// - units: how many distinct units stop being healthy (failed, stopped, hung, powered off: `from: healthy`), so a
//   boot still in progress, whose units go pending -> starting -> waiting, does not count as failing;
// - cluster: its first health change and, when it ends elsewhere, where it ends (preview.ts states the rule);
// - API: availability's apiReachable (Admin Router reaches the Mesos and Marathon leaders), kept apart from health
//   on purpose: a cluster can be Unhealthy while the API stays up, and that contrast is the lesson.
// - agents, only when the leader marks one unreachable (a partition changes no unit state, yet is not harmless).
// Times are relative to the injection ("after 62 s"), because the menu is read before anything happens.
import type { AffectedUnit, Health, SimEvent } from './types.ts';

export interface SummaryInput {
  affected: readonly AffectedUnit[];
  cluster: { health: Health; atMs: number };
  fromMs: number;
  healthBefore: Health;
  apiBefore: boolean;
  events: readonly SimEvent[];
}

export function describePreview(input: SummaryInput): string {
  return [unitsClause(input), clusterClause(input), apiClause(input), agentsClause(input)].filter(Boolean).join(', ');
}

function unitsClause({ affected, events }: SummaryInput): string {
  const down = new Set<string>();
  for (const e of events) if (e.type === 'unit' && e.from === 'healthy' && e.to !== 'healthy') down.add(`${e.node}/${e.unit}`);
  if (down.size > 0) return `${down.size} unit${down.size === 1 ? '' : 's'} fail${down.size === 1 ? 's' : ''}`;
  if (affected.length > 0) return `${affected.length} unit${affected.length === 1 ? '' : 's'} change state, none fails`;
  return 'no unit changes';
}

function clusterClause({ cluster, fromMs, healthBefore, events }: SummaryInput): string {
  let first: { health: Health; atMs: number } | null = null;
  for (const e of events) {
    if (e.type === 'cluster' && e.health !== healthBefore) {
      first = { health: e.health, atMs: e.simTimeMs };
      break;
    }
  }
  if (first === null) return `cluster stays ${word(healthBefore)}`;
  const head = `cluster ${word(first.health)} after ${after(first.atMs - fromMs)}`;
  if (first.health === cluster.health && first.atMs === cluster.atMs) return head;
  // It changed again: say where it ends (if it ends where it began, cluster.atMs is when it got back there).
  return `${head}, ${word(cluster.health)} after ${after(cluster.atMs - fromMs)}`;
}

function apiClause({ apiBefore, fromMs, events }: SummaryInput): string {
  let api = apiBefore;
  let firstChangeMs: number | null = null;
  let lastChangeMs = fromMs;
  for (const e of events) {
    if (e.type !== 'availability' || e.availability.apiReachable === api) continue;
    api = e.availability.apiReachable;
    firstChangeMs ??= e.simTimeMs;
    lastChangeMs = e.simTimeMs;
  }
  const was = apiBefore ? 'up' : 'down';
  if (firstChangeMs === null) return `API stays ${was}`;
  const head = `API ${apiBefore ? 'down' : 'up'} after ${after(firstChangeMs - fromMs)}`;
  if (api !== apiBefore) return head;
  return `${head}, ${apiBefore ? 'back' : 'down again'} after ${after(lastChangeMs - fromMs)}`;
}

/** Only when it happens: a partitioned or crashed agent changes no unit, but the leader gives it up after 300 s. */
function agentsClause({ fromMs, events }: SummaryInput): string {
  const lost = events.filter((e) => e.type === 'agent' && e.unreachable === true);
  if (lost.length === 0) return '';
  return `${lost.length === 1 ? '1 agent' : `${lost.length} agents`} unreachable after ${after(lost[0].simTimeMs - fromMs)}`;
}

function word(h: Health): string {
  return h === 'healthy' ? 'Healthy' : h === 'unhealthy' ? 'Unhealthy' : 'Unknown';
}

/** "62 s" under two minutes (the menu's example), "4 min 10 s" beyond. */
export function after(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
