/**
 * The teacher's toolbar: playback, Clear all faults, the scenario picker (titles from GET /api/scenarios, loaded with
 * scenario:load), then the less used controls (Reset, Export, New class, Presenter view). Below 1400 px (Toolbar.css)
 * those fold behind a visible "More" button, and the playback buttons keep their icons only, so no control ever runs
 * off the window (architecture §9: every control lies inside the window or behind the visible overflow button).
 */
import { useEffect, useRef, useState } from 'react';
import { selectActiveFaultCount, selectInjectLockReason, selectLockReason, selectScenario } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';
import { useScenarios } from '../../hooks/useScenarios.ts';
import { Playback } from '../Playback/Playback.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { NewClassButton } from '../NewClass/NewClassButton.tsx';
import { PresenterViewToggle } from '../Layout/PresenterViewToggle.tsx';
import { ResetForm } from './ResetForm.tsx';
import './Toolbar.css';

function ScenarioPicker() {
  const client = useClient();
  const scenarios = useScenarios();
  const current = useBoot(selectScenario);
  return (
    <label className="scenario-pick">
      <span>Scenario</span>
      <select
        data-testid="scenario"
        value={current?.name ?? ''}
        onChange={(e) => void (e.target.value ? client.loadScenario(e.target.value) : client.control({ action: 'reset' }))}
      >
        <option value="">Free play</option>
        {current && !scenarios.some((s) => s.name === current.name) && <option value={current.name}>{current.title}</option>}
        {scenarios.map((s) => <option key={s.name} value={s.name} title={s.description}>{s.title}</option>)}
      </select>
    </label>
  );
}

/** Closes the "More" panel on a press outside the toolbar (a dialog opened from the panel is inside it). */
function useCloseOutside(ref: React.RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current !== null && e.target instanceof Node && !ref.current.contains(e.target)) close();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [ref, open, close]);
}

export function Toolbar() {
  const client = useClient();
  const faults = useBoot(selectActiveFaultCount);
  const [resetOpen, setResetOpen] = useState(false);
  // On a phone every control folds behind one button (web/components/Layout/phone.css).
  const [moreOpen, setMoreOpen] = useState(false);
  // Between 761 and 1399 px the less used controls fold behind "More" (Toolbar.css).
  const [foldOpen, setFoldOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useCloseOutside(ref, foldOpen, () => setFoldOpen(false));
  // A viewer in a class room: the presenter's controls are shown, disabled, saying why (a fieldset disables them all).
  const lock = useBoot(selectLockReason);
  const injectLock = useBoot(selectInjectLockReason);
  const clearLabel = `Clear all faults${faults > 0 ? ` (${faults})` : ''}`;
  return (
    <div ref={ref} className="toolbar" role="toolbar" aria-label="Simulation controls" data-testid="toolbar" data-more={moreOpen} data-fold={foldOpen}>
      <button type="button" className="btn toolbar-more" data-testid="toolbar-more" aria-expanded={moreOpen} onClick={() => setMoreOpen((o) => !o)}>
        <span aria-hidden="true">☰</span> Controls
      </button>
      <fieldset className="toolbar-lock" disabled={lock !== null} title={lock ?? undefined} data-testid="presenter-controls">
        <Playback />
      </fieldset>
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" className="btn btn-primary" data-testid="clear-faults" onClick={() => void client.inject({ kind: 'clear' })} disabled={faults === 0 || injectLock !== null}
        title={injectLock ?? 'Remove every active fault'} aria-label={clearLabel}>
        <span aria-hidden="true">⟲</span> <span className="btn-label" aria-hidden="true">Clear all faults</span><span className="btn-short" aria-hidden="true">Clear</span>{faults > 0 ? <span aria-hidden="true"> ({faults})</span> : null}
      </button>
      <fieldset className="toolbar-lock" disabled={lock !== null} title={lock ?? undefined}>
        <ScenarioPicker />
      </fieldset>
      {lock !== null && <span className="toolbar-lock-note" data-testid="presenter-note">{lock}</span>}
      <button type="button" className="btn toolbar-fold-toggle" data-testid="toolbar-overflow" aria-expanded={foldOpen} aria-controls="toolbar-fold"
        onClick={() => setFoldOpen((o) => !o)} title="Reset, Export, New class, Presenter view">
        More <span aria-hidden="true">▾</span>
      </button>
      <div className="toolbar-fold" id="toolbar-fold"
        // A switch folds the panel again; Reset, Export and New class open their own popups inside it.
        onClick={(e) => { if (e.target instanceof Element && e.target.closest('[data-testid="presenter-view"]')) setFoldOpen(false); }}
        onKeyDown={(e) => {
        if (e.key !== 'Escape' || !foldOpen || e.defaultPrevented) return;
        setFoldOpen(false);
        ref.current?.querySelector<HTMLElement>('[data-testid="toolbar-overflow"]')?.focus();
      }}>
        <fieldset className="toolbar-lock" disabled={lock !== null} title={lock ?? undefined}>
          <div className="reset-wrap">
            <button type="button" className="btn" aria-expanded={resetOpen} onClick={() => setResetOpen((o) => !o)}>
              <span aria-hidden="true">↺</span> Reset…
            </button>
            {resetOpen && lock === null && <ResetForm onDone={() => setResetOpen(false)} />}
          </div>
        </fieldset>
        <ExportMenu />
        {/* A student in a class room has no class to make; the toolbar's width goes to the note saying why. */}
        {lock === null && <NewClassButton />}
        <PresenterViewToggle />
      </div>
    </div>
  );
}
