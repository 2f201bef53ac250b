/**
 * "New class": the teacher picks a cluster (or a built-in scenario, which brings its own) and gets a class room from
 * POST /api/rooms, then its links (ClassLinks.tsx). A modal dialog: focus stays inside, Escape or ✕ closes it and
 * focus returns to the toolbar button. The server's refusals (bad name, too many rooms) are shown here, in words.
 * This module is the lazy chunk's (web/lazy/newClass.ts): nothing of it, nor the QR library, is in the first paint.
 */
import { useRef, useState, type FormEvent } from 'react';
import { createClassRoom, type ClassForm, type ClassRoomCreated } from '../../classroom/createClassRoom.ts';
import { useDialogFocus } from '../../hooks/useDialogFocus.ts';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../../shared/model/clusterLimits.ts';
import { useScenarios } from '../../hooks/useScenarios.ts';
import { ClassLinks } from './ClassLinks.tsx';

const DEFAULT_FORM: ClassForm = { name: '', scenario: '', cluster: { masters: 3, agents: 2, publicAgents: 1 } };

function clampCount(text: string, max: number): number {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(0, n)) : 0;
}

function ClassFormFields({ form, setForm }: { form: ClassForm; setForm(next: ClassForm): void }) {
  const scenarios = useScenarios();
  const cluster = form.cluster;
  const byScenario = form.scenario !== '';
  const setCluster = (patch: Partial<ClassForm['cluster']>) => setForm({ ...form, cluster: { ...cluster, ...patch } });
  return (
    <>
      <label className="new-class__wide">What the class watches
        <select data-testid="new-class-scenario" data-autofocus value={form.scenario} onChange={(e) => setForm({ ...form, scenario: e.target.value })}>
          <option value="">A plain boot of this cluster</option>
          {scenarios.map((s) => <option key={s.name} value={s.name} title={s.description}>{s.title}</option>)}
        </select>
      </label>
      <fieldset className="new-class__cluster" disabled={byScenario}>
        <legend>Cluster{byScenario ? ' (the scenario brings its own)' : ''}</legend>
        <label>Masters
          <select data-testid="new-class-masters" value={cluster.masters} onChange={(e) => setCluster({ masters: Number(e.target.value) as 1 | 3 | 5 })}>
            <option value={1}>1</option><option value={3}>3</option><option value={5}>5</option>
          </select>
        </label>
        <label>Agents
          <input type="number" inputMode="numeric" min={0} max={MAX_AGENTS} data-testid="new-class-agents" value={cluster.agents} onChange={(e) => setCluster({ agents: clampCount(e.target.value, MAX_AGENTS) })} />
        </label>
        <label>Public agents
          <input type="number" inputMode="numeric" min={0} max={MAX_PUBLIC_AGENTS} data-testid="new-class-public" value={cluster.publicAgents} onChange={(e) => setCluster({ publicAgents: clampCount(e.target.value, MAX_PUBLIC_AGENTS) })} />
        </label>
      </fieldset>
      <label className="new-class__wide"><span>Room name <span className="new-class__optional">(optional: a-z, 0-9 and -)</span></span>
        <input type="text" data-testid="new-class-name" value={form.name} maxLength={32} autoComplete="off" spellCheck={false} placeholder="picked for you" onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
    </>
  );
}

export function NewClassDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<ClassForm>(DEFAULT_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ClassRoomCreated | null>(null);
  useDialogFocus(ref, onClose, created?.room);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    void createClassRoom(form).then((result) => {
      setBusy(false);
      if (result.ok) setCreated(result.created);
      else setError(result.error);
    });
  };
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div ref={ref} className="new-class" role="dialog" aria-modal="true" aria-labelledby="new-class-title" data-testid="new-class-dialog" onClick={(e) => e.stopPropagation()}>
        <header className="panel-head">
          <h2 id="new-class-title">{created ? `Class room “${created.room}” is ready` : 'New class'}</h2>
          <button type="button" className="link-button new-class__close" onClick={onClose} aria-label="Close">✕</button>
        </header>
        {created ? (
          <ClassLinks key={created.room} created={created} />
        ) : (
          <form className="new-class__form" onSubmit={submit} aria-describedby={error ? 'new-class-error' : undefined}>
            <p className="new-class__intro">A class room starts paused at 0:00; only you, the presenter, can play, break or reset it.</p>
            <ClassFormFields form={form} setForm={setForm} />
            {error && <p id="new-class-error" className="new-class__error" role="alert" data-testid="new-class-error">{error}</p>}
            <div className="new-class__actions">
              <button type="button" className="btn" onClick={onClose}>Cancel</button>
              <button type="submit" className="btn btn-primary" data-testid="new-class-create" disabled={busy}>{busy ? 'Creating…' : 'Create class'}</button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
