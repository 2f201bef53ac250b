/**
 * The healthy twin as a TimelineModel: the compact track (shared/protocol/baseline.ts) turned back into unit events
 * and folded by the same appendToTimeline as the live run, so a ghost row's segments and a ghost lane's worst-state
 * band mean exactly what the run's do. Pure; built once per fetched track.
 */
import type { BaselineTrack } from '../../shared/protocol/baseline.ts';
import type { SimEvent, UnitState } from '../../shared/protocol/types.ts';
import { appendToTimeline, emptyTimeline, type TimelineModel } from '../store/timelineModel.ts';

export function ghostModel(track: BaselineTrack): TimelineModel {
  const changes: { atMs: number; node: string; unit: string; to: UnitState }[] = [];
  for (const [node, units] of Object.entries(track.nodes)) {
    for (const [unit, list] of Object.entries(units)) {
      for (let i = 0; i + 1 < list.length; i += 2) changes.push({ atMs: list[i]!, node, unit, to: track.states[list[i + 1]!] ?? 'pending' });
    }
  }
  // Stable sort: a unit's own changes keep their order at equal times.
  changes.sort((a, b) => a.atMs - b.atMs);
  const from = new Map<string, UnitState>();
  const events: SimEvent[] = changes.map((c, i) => {
    const ref = `${c.node}/${c.unit}`;
    const event: SimEvent = { type: 'unit', seq: i + 1, simTimeMs: c.atMs, node: c.node, unit: c.unit, from: from.get(ref) ?? 'pending', to: c.to, cause: { text: `in the healthy boot: ${c.to}` } };
    from.set(ref, c.to);
    return event;
  });
  return appendToTimeline(emptyTimeline(), events);
}
