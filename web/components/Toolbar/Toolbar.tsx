/**
 * The teacher's toolbar: playback, Clear all faults, the scenario picker (titles from GET /api/scenarios,
 * loaded with scenario:load), Reset with a cluster shape and seed (sim:control reset) and the Export menu.
 */
import { useState, type FormEvent } from 'react';
import { selectActiveFaultCount, selectInjectLockReason, selectLockReason, selectScenario, selectSeed, selectView } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';
import { Playback } from '../Playback/Playback.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { NewClassButton } from '../NewClass/NewClassButton.tsx';
import { PresenterViewToggle } from '../../layout/PresenterViewToggle.tsx';
// Reset's input bounds are the shared limits, from the zod-free module (shared/protocol/schemas.ts would pull zod).
import { MAX_AGENTS as RESET_MAX_AGENTS, MAX_PUBLIC_AGENTS as RESET_MAX_PUBLIC_AGENTS } from '../../../shared/model/clusterLimits.ts';
import { useScenarios } from '../../hooks/useScenarios.ts';
import './Toolbar.css';

function ResetForm({ onDone }: { onDone(): void }) {
  const client = useClient();
  const view = useBoot(selectView);
  const seed = useBoot(selectSeed);
  const [masters, setMasters] = useState<1 | 3 | 5>(view?.cluster.masters ?? 3);
  const [agents, setAgents] = useState(view?.cluster.agents ?? 2);
  const [publicAgents, setPublicAgents] = useState(view?.cluster.publicAgents ?? 1);
  const [seedText, setSeedText] = useState(String(seed));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = Number.parseInt(seedText, 10);
    void client
      .control({ action: 'reset', seed: Number.isFinite(parsed) ? parsed : undefined, cluster: { masters, agents, publicAgents } })
      .then((r) => r.ok && onDone());
  };
  return (
    <form className="reset-form" onSubmit={submit} aria-label="Reset the cluster" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label>Masters
        <select value={masters} onChange={(e) => setMasters(Number(e.target.value) as 1 | 3 | 5)}>
          <option value={1}>1</option><option value={3}>3</option><option value={5}>5</option>
        </select>
      </label>
      <label>Agents<input type="number" min={0} max={RESET_MAX_AGENTS} value={agents} onChange={(e) => setAgents(Number(e.target.value))} /></label>
      <label>Public<input type="number" min={0} max={RESET_MAX_PUBLIC_AGENTS} value={publicAgents} onChange={(e) => setPublicAgents(Number(e.target.value))} /></label>
      <label>Seed<input type="number" min={0} value={seedText} onChange={(e) => setSeedText(e.target.value)} /></label>
      <button type="submit" className="btn btn-primary">Reset</button>
      <button type="button" className="btn" onClick={onDone}>Cancel</button>
    </form>
  );
}

export function Toolbar() {
  const client = useClient();
  const scenarios = useScenarios();
  const current = useBoot(selectScenario);
  const faults = useBoot(selectActiveFaultCount);
  const [resetOpen, setResetOpen] = useState(false);
  // On a phone the controls fold behind one button (web/layout/phone.css), so none runs off the screen.
  const [moreOpen, setMoreOpen] = useState(false);
  // A viewer in a class room: the presenter's controls are shown, disabled, saying why (a fieldset disables them all).
  const lock = useBoot(selectLockReason);
  const injectLock = useBoot(selectInjectLockReason);
  return (
    <div className="toolbar" role="toolbar" aria-label="Simulation controls" data-more={moreOpen}>
      <button type="button" className="btn toolbar-more" data-testid="toolbar-more" aria-expanded={moreOpen} onClick={() => setMoreOpen((o) => !o)}>
        <span aria-hidden="true">☰</span> Controls
      </button>
      <fieldset className="toolbar-lock" disabled={lock !== null} title={lock ?? undefined} data-testid="presenter-controls">
      <Playback />
      </fieldset>
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" className="btn btn-primary" data-testid="clear-faults" onClick={() => void client.inject({ kind: 'clear' })} disabled={faults === 0 || injectLock !== null} title={injectLock ?? 'Remove every active fault'}>
        <span aria-hidden="true">⟲</span> Clear all faults{faults > 0 ? ` (${faults})` : ''}
      </button>
      <fieldset className="toolbar-lock" disabled={lock !== null} title={lock ?? undefined}>
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
      <div className="reset-wrap">
        <button type="button" className="btn" aria-expanded={resetOpen} onClick={() => setResetOpen((o) => !o)}>
          <span aria-hidden="true">↺</span> Reset…
        </button>
        {resetOpen && lock === null && <ResetForm onDone={() => setResetOpen(false)} />}
      </div>
      </fieldset>
      {lock !== null && <span className="toolbar-lock-note" data-testid="presenter-note">{lock}</span>}
      <ExportMenu />
      {/* A student in a class room has no class to make; the toolbar's width goes to the note saying why. */}
      {lock === null && <NewClassButton />}
      <PresenterViewToggle />
    </div>
  );
}
