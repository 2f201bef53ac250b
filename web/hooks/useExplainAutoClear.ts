/**
 * Drops the selection (and with it the explanation and the DAG dimming) when it stops meaning anything:
 * - on a reset or scenario load (the store's epoch changes): the unit asked about belongs to a cluster that is gone;
 * - when the selected unit, unhealthy when it was picked or since, becomes healthy again: the question is answered,
 *   and a dimmed DAG would hide the recovery the class is watching.
 * A unit selected while healthy stays selected (a teacher may explain a healthy unit on purpose).
 * Writes only the ui slice, through its action.
 */
import { useEffect, useRef } from 'react';
import type { UnitState } from '../../shared/protocol/types.ts';
import type { UnitTarget } from '../types.ts';
import { selectEpoch, selectSelected, selectSelectedUnitState } from '../store/selectors.ts';
import { bootStore, useBoot } from '../store/store.ts';

export function useExplainAutoClear(): void {
  const epoch = useBoot(selectEpoch);
  const selected = useBoot(selectSelected);
  const state = useBoot(selectSelectedUnitState);
  const lastEpoch = useRef(epoch);
  const last = useRef<{ target: UnitTarget | null; state: UnitState | null }>({ target: selected, state });

  useEffect(() => {
    if (epoch === lastEpoch.current) return;
    lastEpoch.current = epoch;
    if (bootStore.getState().selected) bootStore.getState().actions.select(null);
  }, [epoch]);

  useEffect(() => {
    const prev = last.current;
    last.current = { target: selected, state };
    if (!selected || prev.target !== selected) return;
    if (prev.state !== null && prev.state !== 'healthy' && state === 'healthy') bootStore.getState().actions.select(null);
  }, [selected, state]);
}
