/**
 * Scenario narration in big letters for the class. It floats over the bottom of the DAG pane (no layout
 * jump), stays NARRATION_VISIBLE_MS of wall time after the line arrives, and can be dismissed.
 */
import { useEffect, useState } from 'react';
import { selectActions, selectNarration, selectNarrationDismissedSeq } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';

export const NARRATION_VISIBLE_MS = 15_000;

export function NarrationBanner() {
  const narration = useBoot(selectNarration);
  const dismissedSeq = useBoot(selectNarrationDismissedSeq);
  const { dismissNarration } = useBoot(selectActions);
  const [hiddenSeq, setHiddenSeq] = useState<number | null>(null);
  useEffect(() => {
    if (!narration) return;
    const id = window.setTimeout(() => setHiddenSeq(narration.seq), NARRATION_VISIBLE_MS);
    return () => window.clearTimeout(id);
  }, [narration]);
  if (!narration || hiddenSeq === narration.seq || dismissedSeq === narration.seq) return null;
  return (
    <div className="narration" role="status" aria-live="polite" data-testid="narration">
      <span className="narration-icon" aria-hidden="true">“</span>
      <p>{narration.text}</p>
      <button type="button" className="link-button" onClick={() => dismissNarration(narration.seq)} aria-label="Dismiss narration">✕</button>
    </div>
  );
}
