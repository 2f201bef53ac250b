/** The toolbar's "Presenter view" switch (presenterView.ts): pressed, the page reads from the back row. */
import { PRESENTER_VIEW_KEY, useFlag } from './presenterView.ts';

export function PresenterViewToggle() {
  const [on, setOn] = useFlag(PRESENTER_VIEW_KEY);
  return (
    <button type="button" className="btn presenter-view-toggle" data-testid="presenter-view" aria-pressed={on} onClick={() => setOn(!on)}
      title="Projector layout: larger type, a taller timeline, the event log foldable">
      <span aria-hidden="true">▣</span> Presenter view
    </button>
  );
}
