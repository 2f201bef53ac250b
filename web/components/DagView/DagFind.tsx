/**
 * "Find a node" over the graph (issue 10): at 10,000 agents the groups are collapsed and paged, so a class that
 * hears "agent-4213 is cut off" types its id: its section opens with that node first, and the graph re-fits.
 * Masters are always drawn; an unknown id says so in place.
 */
import { useState, type FormEvent } from 'react';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import type { AgentRole } from '../../viz/dagModel.ts';

export function DagFind({ view, onFind }: { view: ClusterView; onFind(role: AgentRole, id: string): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = text.trim().toLowerCase();
    if (id === '') return;
    const node = view.nodes.find((n) => n.id === id);
    if (node === undefined) {
      setError(`no node '${id}' in this cluster`);
      return;
    }
    setError(null);
    if (node.role !== 'master') onFind(node.role, node.id);
  };
  return (
    <form className="dag-find" role="search" onSubmit={submit} data-testid="dag-find">
      <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Find a node, e.g. agent-42" aria-label="Find a node by id" maxLength={40} />
      {error !== null ? <span className="dag-find__error" role="status">{error}</span> : null}
    </form>
  );
}
