// How much of a batch or a snapshot window an event uses: one, plus two per node report a dcos-diagnostics pull
// carries (a report is ~600 bytes of JSON, about two ordinary events; the first pull of a 10,000-agent cluster
// carries all 10,105). Batches (room.ts) and the snapshot window (history.ts) count in this unit.
import type { SimEvent } from '../shared/engine/types.ts';

export function eventWeight(e: SimEvent): number {
  return e.type === 'diagnostics' ? 1 + 2 * (e.changed?.length ?? 0) : 1;
}
