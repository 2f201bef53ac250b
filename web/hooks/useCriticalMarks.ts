/**
 * The critical path's marks (the DAG and the timeline both draw them). Its own module so the DAG, in the
 * page's initial JS, does not pull the timeline's compare code in with it.
 */
import { useMemo } from 'react';
import { criticalMarks, type CriticalMarks } from '../viz/criticalOverlay.ts';
import { selectCritical, selectCriticalOn } from '../store/selectors.ts';
import { useBoot } from '../store/store.ts';

/** The critical path's marks while its toggle is on and the run has one (null otherwise); the DAG reads it too. */
export function useCriticalMarks(): CriticalMarks | null {
  const critical = useBoot(selectCritical);
  const on = useBoot(selectCriticalOn);
  return useMemo(() => (on && critical !== null && critical.run.chain.length > 0 ? criticalMarks(critical.run.chain) : null), [on, critical]);
}
