/**
 * The critical path (GET /api/rooms/<room>/critical-path) as things to draw: the refs to mark on the DAG (units and
 * fact chips), the DAG edges between consecutive units of the chain (a fact in between is skipped: the edge that
 * carries it runs from the unit before it to the unit after), each link's span on its timeline row, and how the path
 * shifted against the healthy twin's ("+2:14 through Mesos-DNS": the link whose duration grew most). Pure.
 */
import type { CriticalLink, CriticalPath } from '../../shared/protocol/baseline.ts';

export interface CriticalMarks {
  /** "node/unit" and "fact:<key>" refs on the chain. */
  refs: ReadonlySet<string>;
  /** "from>to" pairs of unit refs, dependency first (as DAG edges run). */
  edges: ReadonlySet<string>;
  /** Row key ("node/unit", or "node/*" for the lane) -> spans the chain spent on it, [fromMs, toMs] pairs. */
  spans: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

export const edgeKey = (from: string, to: string): string => `${from}>${to}`;

export function criticalMarks(chain: readonly CriticalLink[]): CriticalMarks {
  const refs = new Set<string>();
  const edges = new Set<string>();
  const spans = new Map<string, [number, number][]>();
  let previousUnit: string | null = null;
  for (const link of chain) {
    refs.add(link.ref);
    if (!link.ref.includes('/')) continue;
    if (previousUnit !== null && previousUnit !== link.ref) edges.add(edgeKey(previousUnit, link.ref));
    previousUnit = link.ref;
    const span: [number, number] = [link.atMs - link.durationMs, link.atMs];
    const lane = `${link.ref.split('/')[0]}/*`;
    for (const key of [link.ref, lane]) {
      const list = spans.get(key) ?? [];
      list.push(span);
      spans.set(key, list);
    }
  }
  return { refs, edges, spans };
}

export interface CriticalShift {
  /** How much later the run became healthy than the twin (negative: earlier). */
  deltaMs: number;
  /** The link whose duration grew most against the twin's same link (null: none grew). */
  through: string | null;
  growthMs: number;
}

/** Links are matched by ref and occurrence (a unit can be on the chain twice: launched, then healthy). */
export function criticalShift(run: CriticalPath, twin: CriticalPath): CriticalShift | null {
  if (run.healthyAtMs === null || twin.healthyAtMs === null) return null;
  const keyed = (chain: readonly CriticalLink[]) => {
    const seen = new Map<string, number>();
    return chain.map((l) => {
      const n = seen.get(l.ref) ?? 0;
      seen.set(l.ref, n + 1);
      return { key: `${l.ref}#${n}`, link: l };
    });
  };
  const twinDuration = new Map(keyed(twin.chain).map(({ key, link }) => [key, link.durationMs]));
  let through: string | null = null;
  let growthMs = 0;
  for (const { key, link } of keyed(run.chain)) {
    const growth = link.durationMs - (twinDuration.get(key) ?? 0);
    if (growth > growthMs) {
      growthMs = growth;
      through = link.ref;
    }
  }
  return { deltaMs: run.healthyAtMs - twin.healthyAtMs, through, growthMs };
}

const FACT_NAMES: Record<string, string> = {
  'fact:quorum': 'the ZooKeeper quorum',
  'fact:mesos-leader': 'the Mesos leader election',
  'fact:marathon-leader': 'the Marathon leader election',
  'fact:leader.mesos': 'leader.mesos in DNS',
  'fact:marathon.mesos': 'marathon.mesos in DNS',
};

/** A ref as a teacher reads it: "Mesos-DNS on master-1", "the ZooKeeper quorum". */
export function refName(ref: string, unitName: (node: string, unit: string) => string): string {
  if (!ref.includes('/')) return FACT_NAMES[ref] ?? ref.replace(/^fact:/, '');
  const [node, unit] = ref.split('/') as [string, string];
  return `${unitName(node, unit)} on ${node}`;
}

/** Short enough for the timeline toolbar: "+2:14 through Mesos-DNS on master-1", "same as the healthy boot". */
export function shiftCaption(shift: CriticalShift, unitName: (node: string, unit: string) => string): string {
  if (shift.deltaMs === 0) return 'same as the healthy boot';
  if (shift.deltaMs < 0) return `−${formatLate(-shift.deltaMs)} vs the healthy boot`;
  return `+${formatLate(shift.deltaMs)}${shift.through === null ? ' vs the healthy boot' : ` through ${refName(shift.through, unitName)}`}`;
}

/**
 * "2:14", "0:17", "1:02:03": a lateness as a teacher reads it next to a row ("+2:14") and in the shift caption. Here,
 * not in baselineCompare.ts, so the DAG's critical marks (initial JS) do not pull the compare code in.
 */
export function formatLate(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
