/**
 * Reset with a cluster shape and seed (sim:control reset). Input bounds are the shared limits from the zod-free
 * module (shared/protocol/schemas.ts would pull zod, ~60 KB, into the page; the server validates every reset anyway).
 */
import { useState, type FormEvent } from 'react';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../../shared/model/clusterLimits.ts';
import { useClient } from '../../hooks/useClient.ts';
import { selectSeed, selectView } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';

export function ResetForm({ onDone }: { onDone(): void }) {
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
      <label>Agents<input type="number" min={0} max={MAX_AGENTS} value={agents} onChange={(e) => setAgents(Number(e.target.value))} /></label>
      <label>Public<input type="number" min={0} max={MAX_PUBLIC_AGENTS} value={publicAgents} onChange={(e) => setPublicAgents(Number(e.target.value))} /></label>
      <label>Seed<input type="number" min={0} value={seedText} onChange={(e) => setSeedText(e.target.value)} /></label>
      <button type="submit" className="btn btn-primary">Reset</button>
      <button type="button" className="btn" onClick={onDone}>Cancel</button>
    </form>
  );
}
