/**
 * Folds the event log to its title in presenter view, so Why? and the health panel get the sidebar on a projector; the
 * button exists only there (presenterView.css shows it), and the fold is remembered.
 */
import { LOG_FOLDED_KEY, useFlag } from './presenterView.ts';

export function LogFoldButton() {
  const [folded, setFolded] = useFlag(LOG_FOLDED_KEY);
  return (
    <button type="button" className="link-button log-fold" data-testid="log-fold" aria-expanded={!folded} onClick={() => setFolded(!folded)}
      aria-label={folded ? 'Show the event log' : 'Fold the event log'} title={folded ? 'Show the event log' : 'Fold the event log'}>
      {folded ? '▸' : '▾'}
    </button>
  );
}
