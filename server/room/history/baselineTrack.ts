// Compacts the healthy twin's event log into per-unit state changes (shared/protocol/baseline.ts): the timeline's
// ghost needs only when each unit changed state, not why, so causes, pulls and tasks are left out. Pure.
import { UNIT_STATES } from '../../../shared/model/vocabulary.ts';
import type { SimEvent, UnitState } from '../../../shared/engine/types.ts';
import type { BaselineTrack } from '../../../shared/protocol/baseline.ts';

const STATE_INDEX = new Map<UnitState, number>(UNIT_STATES.map((s, i) => [s, i]));

export function compactTrack(events: readonly SimEvent[], untilMs: number): BaselineTrack {
  const nodes: Record<string, Record<string, number[]>> = {};
  let healthyAtMs: number | null = null;
  for (const e of events) {
    if (e.simTimeMs > untilMs) break;
    if (e.type === 'cluster' && e.health === 'healthy' && healthyAtMs === null) healthyAtMs = e.simTimeMs;
    if (e.type !== 'unit') continue;
    const units = (nodes[e.node] ??= {});
    (units[e.unit] ??= []).push(e.simTimeMs, STATE_INDEX.get(e.to)!);
  }
  return { untilMs, healthyAtMs, states: UNIT_STATES, nodes };
}
