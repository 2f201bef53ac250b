// The critical path of a boot, as `systemd-analyze critical-chain` gives it for one unit: the chain of units and
// facts that decided when the cluster FIRST became healthy, read off an event log alone (no engine needed, so the
// server can answer it from a recording's replay and the web from the events it holds).
// The walk goes backwards from the first `cluster` healthy event: the pull that reported it, the last master unit
// to become healthy before that pull, then, link by link, the dependency that was satisfied LAST (the binding
// one; the others had slack): a unit's waiting causes (`refs` of its `waiting` events), a fact's own cause refs,
// plus what a fact's events do not name (quorum needs every master's ZooKeeper launched, a DNS name the Mesos-DNS
// instance that loaded it). A link with nothing left to wait on started at boot: the chain's oldest link.
// Invariants: pure; refs are those of causes (`master-1/dcos-exhibitor`, `fact:quorum`); the chain is oldest
// first, its last link is at healthyAtMs, and durations add up to healthyAtMs (each is from the previous link).
import type { SimEvent } from './types.ts';
import { indexLog, lastRise, lastUnitHealthy, type LogIndex } from './criticalPathIndex.ts';

export interface CriticalLink {
  ref: string;
  atMs: number;
  /** From the previous link's atMs (the first link: from t = 0, the boot). */
  durationMs: number;
  text: string;
}

export interface CriticalPath {
  healthyAtMs: number | null;
  chain: CriticalLink[];
}

/** A link found while walking backwards: `preds` lists what it waited on, each resolved to when it became true. */
interface Found {
  ref: string;
  atMs: number;
  text: string;
  preds: () => Found[];
}

/** Long enough for any boot; a guard so a malformed log can never loop. */
const MAX_LINKS = 64;

export function criticalPath(log: readonly SimEvent[]): CriticalPath {
  const healthy = log.find((e) => e.type === 'cluster' && e.health === 'healthy');
  if (!healthy || healthy.type !== 'cluster') return { healthyAtMs: null, chain: [] };
  const ix = indexLog(log);
  const backwards: Found[] = [];
  const seen = new Set<string>();
  let link: Found | null = pullLink(ix, healthy);
  while (link && backwards.length < MAX_LINKS) {
    const atMs = link.atMs;
    backwards.push(link);
    seen.add(`${link.ref}@${atMs}`);
    // Never forwards in time and never the same link twice: the walk always ends.
    link = latest(link.preds().filter((p) => p.atMs <= atMs && !seen.has(`${p.ref}@${p.atMs}`)));
  }
  const chain: CriticalLink[] = [];
  let previousMs = 0;
  for (const f of backwards.reverse()) {
    chain.push({ ref: f.ref, atMs: f.atMs, durationMs: f.atMs - previousMs, text: f.text });
    previousMs = f.atMs;
  }
  return { healthyAtMs: healthy.simTimeMs, chain };
}

/** The binding dependency is the one satisfied last; ties go to the first listed (stable, deterministic). */
function latest(found: Found[]): Found | null {
  let best: Found | null = null;
  for (const f of found) if (!best || f.atMs > best.atMs) best = f;
  return best;
}

/** The last link: the monitoring master's pull that saw every master healthy. */
function pullLink(ix: LogIndex, healthy: Extract<SimEvent, { type: 'cluster' }>): Found {
  const t = healthy.simTimeMs;
  const pull = [...ix.pulls].reverse().find((p) => p.simTimeMs <= t && (healthy.monitor == null || p.puller === healthy.monitor));
  const puller = pull?.puller ?? healthy.monitor ?? 'master-1';
  const pulledAt = pull?.simTimeMs ?? t;
  return {
    ref: `${puller}/dcos-diagnostics`,
    atMs: t,
    text: `${puller}'s dcos-diagnostics pulled every master healthy: the cluster is healthy (it pulls once a minute)`,
    // What the pull waited for: every master unit healthy; the last of them is on the path.
    preds: () => ix.masterUnits.map((ref) => unitLink(ix, ref, pulledAt)).filter(isFound),
  };
}

function isFound(f: Found | null): f is Found {
  return f !== null;
}

/** What one cause ref means as a link, resolved to the moment it last became true at or before boundMs. */
function resolve(ix: LogIndex, ref: string, boundMs: number): Found | null {
  if (ref.includes('/')) return unitLink(ix, ref, boundMs);
  switch (ref) {
    case 'fact:quorum':
      return quorumLink(ix, boundMs);
    case 'fact:mesos-leader':
    case 'fact:marathon-leader':
      return factLink(ix, ref, ix.leaders[ref === 'fact:mesos-leader' ? 'mesos' : 'marathon'], boundMs);
    case 'fact:leader.mesos':
    case 'fact:marathon.mesos':
      return dnsLink(ix, ref, boundMs);
    default:
      return null; // nodes, faults and facts without events (cluster-id) are not links of a boot's chain
  }
}

/** A unit's link: when it became healthy, and what its gates made it wait for before its last launch. */
function unitLink(ix: LogIndex, ref: string, boundMs: number): Found | null {
  const run = lastUnitHealthy(ix, ref, boundMs);
  if (!run) return null;
  const [node, unit] = ref.split('/');
  return {
    ref,
    atMs: run.healthyAtMs,
    text: run.waitedOn.length === 0
      ? `${unit} on ${node} started and became healthy without waiting on any gate`
      : `${unit} on ${node} passed its gates and became healthy ${seconds(run.healthyAtMs - run.launchedAtMs)} after launch${run.slowedBy.length ? ` (${run.slowedBy.join('; ')})` : ''}`,
    preds: () => run.waitedOn.map((r) => resolve(ix, r, run.launchedAtMs)).filter(isFound),
  };
}

function quorumLink(ix: LogIndex, boundMs: number): Found | null {
  // A quorum event names no refs: the ensemble forms once every master's ZooKeeper runs (Exhibitor converges).
  const extra = (atMs: number): Found[] => {
    const launch = [...ix.zkLaunches].reverse().find((e) => e.simTimeMs <= atMs);
    const launches: Found[] = launch && launch.node && launch.unit
      ? [{
          ref: `${launch.node}/${launch.unit}`,
          atMs: launch.simTimeMs,
          text: ix.masterExhibitors.length === 1
            ? `Exhibitor on ${launch.node} launched ZooKeeper: the single-server ensemble starts`
            : `Exhibitor on ${launch.node} launched ZooKeeper (the last master to do so): the ensemble starts to converge`,
          preds: () => [unitLink(ix, `${launch.node}/${launch.unit}`, launch.simTimeMs)].filter(isFound),
        }]
      : [];
    return [...launches, ...ix.masterExhibitors.map((ref) => unitLink(ix, ref, atMs)).filter(isFound)];
  };
  return factLink(ix, 'fact:quorum', ix.quorum, boundMs, extra);
}

function dnsLink(ix: LogIndex, ref: string, boundMs: number): Found | null {
  // The name resolves once one Mesos-DNS instance loaded it: that instance (its unit) is a dependency too.
  const extra = (atMs: number): Found[] => {
    const load = [...ix.dnsLoads].reverse().find((e) => e.simTimeMs <= atMs);
    return load && load.node && load.unit ? [unitLink(ix, `${load.node}/${load.unit}`, atMs)].filter(isFound) : [];
  };
  return factLink(ix, ref, ix.dns[ref.slice('fact:'.length)] ?? [], boundMs, extra);
}

/** A fact's link: the event where it last became true (by the event's own value), its refs and any extra deps. */
function factLink(
  ix: LogIndex,
  ref: string,
  events: readonly SimEvent[],
  boundMs: number,
  extra: (atMs: number) => Found[] = () => [],
): Found | null {
  const rise = lastRise(events, boundMs);
  if (!rise) return null;
  const refs = 'cause' in rise ? (rise.cause.refs ?? []) : [];
  return {
    ref,
    atMs: rise.simTimeMs,
    text: 'cause' in rise ? rise.cause.text : ref,
    preds: () => [...refs.filter((r) => r !== ref).map((r) => resolve(ix, r, rise.simTimeMs)).filter(isFound), ...extra(rise.simTimeMs)],
  };
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
