/**
 * What a node's power was just before a `power` event, for a timeline seeded in the middle (timelineSeed.ts). A power
 * event says only what the node became ({up, partitioned}); one thing changed, and the fault event the engine emits
 * right before it at the same moment (a crash or partition starting, a crash or partition ending, a boot, a heal) says
 * which. Without such an event in the loaded history, the node counts as up (a lane without power segments).
 */
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { PowerState } from './timelineModel.ts';

type PowerEvent = Extract<SimEvent, { type: 'power' }>;

const toState = (up: boolean, partitioned: boolean): PowerState => (!up ? 'down' : partitioned ? 'partitioned' : 'up');

/** `events[index]` is the power event; the fault that caused it is among the events just before it at the same time. */
export function powerBefore(events: readonly SimEvent[], index: number): PowerState {
  const e = events[index] as PowerEvent;
  for (let i = index - 1; i >= 0 && events[i]!.simTimeMs === e.simTimeMs; i--) {
    const f = events[i]!;
    if (f.type !== 'fault' || !('node' in f.fault) || f.fault.node !== e.node) continue;
    const kind = f.fault.kind;
    // A crash that ends is a boot; a partition that ends is a heal.
    if (kind === 'crash' || kind === 'boot') return kind === 'crash' && f.active ? toState(true, e.partitioned) : toState(false, e.partitioned);
    if (kind === 'partition' || kind === 'heal') return kind === 'partition' && f.active ? toState(e.up, false) : toState(e.up, true);
  }
  return 'up';
}
