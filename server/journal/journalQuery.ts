// Parsing a journal query (architecture.md §10), shared by the HTTP route and the CLI so both refuse the same
// things with the same words: node (a node id of the cluster), unit (a unit that node runs), format, until.
import { nodeIndex, roleOfNode } from '../../shared/model/cluster.ts';
import { unitsForRole } from '../../shared/model/catalog.ts';
import type { ClusterConfig } from '../../shared/engine/types.ts';
import { JOURNAL_FORMATS, type JournalFormat } from '../../shared/journal/format.ts';

export interface JournalRequest {
  node: string;
  unit: string | null;
  format: JournalFormat;
}

export type JournalCheck = { ok: true; request: JournalRequest } | { ok: false; status: 400 | 404; error: string };

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function checkJournalRequest(cluster: ClusterConfig, raw: { node?: string; unit?: string; format?: string }): JournalCheck {
  const format = raw.format ?? 'short-iso';
  if (!(JOURNAL_FORMATS as readonly string[]).includes(format)) return { ok: false, status: 400, error: `format must be short-iso or json, not '${format.slice(0, 32)}'` };
  if (raw.node === undefined || raw.node === '') return { ok: false, status: 400, error: 'node is required: ?node=<node id>, e.g. master-1, agent-1, public-agent-1' };
  if (!ID.test(raw.node)) return { ok: false, status: 400, error: `node must be a node id such as master-1, not '${raw.node.slice(0, 64)}'` };
  if (nodeIndex(cluster, raw.node) < 0) {
    return { ok: false, status: 404, error: `unknown node '${raw.node}': this cluster has master-1..master-${cluster.masters}${cluster.agents ? `, agent-1..agent-${cluster.agents}` : ''}${cluster.publicAgents ? `, public-agent-1..public-agent-${cluster.publicAgents}` : ''}` };
  }
  const unit = raw.unit === undefined || raw.unit === '' ? null : raw.unit.replace(/\.service$/, '');
  if (unit !== null) {
    const units = unitsForRole(roleOfNode(raw.node) ?? 'agent');
    if (!ID.test(unit) || !units.includes(unit)) return { ok: false, status: 400, error: `unknown unit '${unit.slice(0, 64)}' on ${raw.node}; units there: ${units.join(', ')}` };
  }
  return { ok: true, request: { node: raw.node, unit, format: format as JournalFormat } };
}
