/**
 * Picking units from a list instead of the graph: on a phone the graph's boxes are far smaller than a finger, so
 * the quiz offers the boot spine of every master and of one agent of each kind as buttons at least 44 px tall
 * (pressed = picked; the graph shows the same picks). Other units stay pickable on the graph.
 */
import { roleOfNode } from '../../../shared/model/cluster.ts';
import { unitRef, type UnitRef } from '../../../shared/protocol/classroom.ts';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import { BOOT_SPINE, unitDisplayName } from '../../viz/dagCatalog.ts';

/** Masters, then the first private and the first public agent: what a class usually reasons about. */
function listedNodes(view: ClusterView): ClusterView['nodes'] {
  const masters = view.nodes.filter((n) => n.role === 'master');
  const agent = view.nodes.find((n) => n.role === 'agent');
  const publicAgent = view.nodes.find((n) => n.role === 'agent_public');
  return [...masters, ...(agent ? [agent] : []), ...(publicAgent ? [publicAgent] : [])];
}

/** "Exhibitor / ZK on master-2" from "master-2/dcos-exhibitor". */
export function refLabel(ref: UnitRef): string {
  const [node = '', unit = ''] = ref.split('/');
  const role = roleOfNode(node);
  return `${role === null ? unit : unitDisplayName(unit, role)} on ${node}`;
}

export function QuizUnitList({ view, picks, onToggle, open }: { view: ClusterView; picks: readonly UnitRef[]; onToggle(ref: UnitRef): void; open: boolean }) {
  return (
    <details className="quiz-list" open={open}>
      <summary>Pick from a list</summary>
      {listedNodes(view).map((node) => (
        <fieldset key={node.id} className="quiz-list__node">
          <legend>{node.id}</legend>
          {node.units.filter((u) => BOOT_SPINE.has(u.id)).map((u) => {
            const ref = unitRef(node.id, u.id);
            const picked = picks.includes(ref);
            return (
              <button key={ref} type="button" className={`quiz-unit${picked ? ' is-picked' : ''}`} aria-pressed={picked} data-ref={ref} onClick={() => onToggle(ref)}>
                {unitDisplayName(u.id, node.role)}
              </button>
            );
          })}
        </fieldset>
      ))}
      <p className="quiz-hint">Other units and agents: tap them on the graph.</p>
    </details>
  );
}
