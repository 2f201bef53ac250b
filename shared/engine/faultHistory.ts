// Every fault the class injected, remembered after it ends, so an explanation can name a fault in words ("the
// stop of Exhibitor on master-1 at 07:44 (cleared at 09:10)") long after it left state.faults. Fed from the
// `fault` events themselves (ctx.emit): whatever code applies or ends a fault, its event is the record.
// Invariants: plain JSON in engine state; at most FAULT_HISTORY_MAX entries, oldest dropped first; a snapshot
// taken before the first fault has no `faultHistory` key at all (older snapshots restore unchanged).
import type { Fault, SimEventBody } from './types.ts';

/** Enough for a long lesson (hundreds of clicks) while keeping snapshots small. */
export const FAULT_HISTORY_MAX = 256;

export interface FaultRecord {
  id: string;
  fault: Fault;
  sinceMs: number;
  /** When an `active: false` event ended it; null while active, or for one-shot faults (kill, start, heal ...). */
  endedMs: number | null;
}

export interface FaultHistoryHolder {
  faultHistory?: FaultRecord[];
}

export function noteFaultEvent(s: FaultHistoryHolder, ev: Extract<SimEventBody, { type: 'fault' }>, simTimeMs: number): void {
  if (ev.id === undefined) return;
  const list = (s.faultHistory ??= []);
  if (ev.active) {
    list.push({ id: ev.id, fault: { ...ev.fault }, sinceMs: simTimeMs, endedMs: null });
    if (list.length > FAULT_HISTORY_MAX) list.splice(0, list.length - FAULT_HISTORY_MAX);
    return;
  }
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].id === ev.id) {
      list[i].endedMs = simTimeMs;
      return;
    }
  }
}

export function findFault(s: FaultHistoryHolder, id: string): FaultRecord | null {
  const list = s.faultHistory ?? [];
  for (let i = list.length - 1; i >= 0; i--) if (list[i].id === id) return list[i];
  return null;
}
