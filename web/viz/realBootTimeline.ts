/**
 * A real boot (POST /api/rooms/<room>/real-boot, shared/protocol/realBoot.ts) as a TimelineModel, drawn like the
 * healthy-boot ghost (ghostTimeline.ts): its unit facts turned into unit events of the room's nodes and folded by
 * the same appendToTimeline, so the ghost strip and the compare marks (where a row first diverged) read the same.
 * Facts about hosts the room does not have draw nothing here (the Journal panel lists them). Pure.
 */
import type { RealBootRun } from '../../shared/protocol/realBoot.ts';
import type { SimEvent, UnitState } from '../../shared/protocol/types.ts';
import { appendToTimeline, emptyTimeline, type TimelineModel } from '../store/timelineModel.ts';

const STATES: ReadonlySet<string> = new Set<UnitState>(['starting', 'waiting', 'healthy', 'failed', 'stopped']);

export function realBootModel(run: RealBootRun, nodes: ReadonlySet<string>): TimelineModel {
  const facts = run.facts.filter((f) => f.kind === 'unit' && f.unit !== undefined && f.to !== undefined && STATES.has(f.to) && nodes.has(f.node));
  const ordered = facts.map((f, i) => ({ f, i })).sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i);
  const from = new Map<string, UnitState>();
  const events: SimEvent[] = ordered.map(({ f }, i) => {
    const ref = `${f.node}/${f.unit}`;
    const to = f.to as UnitState;
    const event: SimEvent = { type: 'unit', seq: i + 1, simTimeMs: f.atMs, node: f.node, unit: f.unit!, from: from.get(ref) ?? 'pending', to, cause: { text: `in the real boot: ${f.line.slice(0, 200)}` } };
    from.set(ref, to);
    return event;
  });
  return appendToTimeline(emptyTimeline(), events);
}
