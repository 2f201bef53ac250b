/**
 * Picking units from a list instead of the graph: on a phone the graph's boxes are far smaller than a finger, so
 * the quiz offers every unit that can fail on every node (up to LISTED_PER_ROLE agents of each kind) as buttons at
 * least 44 px tall (pressed = picked; the board and the graph show the same picks): the boot spine first, the other
 * units of the node folded under it. The real answer may well be OAuth on master-2: it has to be pickable.
 */
import { roleOfNode } from '../../../shared/model/cluster.ts';
import { unitRef, type UnitRef } from '../../../shared/protocol/classroom.ts';
import type { ClusterView, NodeView } from '../../../shared/protocol/types.ts';
import { BOOT_SPINE, unitDisplayName } from '../../viz/dagCatalog.ts';

/** Agents of each kind listed by name; beyond, the board's count column and the graph's find box. */
export const LISTED_PER_ROLE = 6;

/** Every master, then up to LISTED_PER_ROLE private and public agents. */
export function listedNodes(view: ClusterView): ClusterView['nodes'] {
  const masters = view.nodes.filter((n) => n.role === 'master');
  const agents = view.nodes.filter((n) => n.role === 'agent').slice(0, LISTED_PER_ROLE);
  const publicAgents = view.nodes.filter((n) => n.role === 'agent_public').slice(0, LISTED_PER_ROLE);
  return [...masters, ...agents, ...publicAgents];
}

/** "Exhibitor / ZK on master-2" from "master-2/dcos-exhibitor". */
export function refLabel(ref: UnitRef): string {
  const [node = '', unit = ''] = ref.split('/');
  const role = roleOfNode(node);
  return `${role === null ? unit : unitDisplayName(unit, role)} on ${node}`;
}

function UnitButton({ node, unit, picks, onToggle }: { node: NodeView; unit: string; picks: readonly UnitRef[]; onToggle(ref: UnitRef): void }) {
  const ref = unitRef(node.id, unit);
  const picked = picks.includes(ref);
  return (
    <button type="button" className={`quiz-unit${picked ? ' is-picked' : ''}`} aria-pressed={picked} data-ref={ref} onClick={() => onToggle(ref)}>
      {unitDisplayName(unit, node.role)}
    </button>
  );
}

export function QuizUnitList({ view, picks, onToggle, open }: { view: ClusterView; picks: readonly UnitRef[]; onToggle(ref: UnitRef): void; open: boolean }) {
  const listed = listedNodes(view);
  const unlisted = view.nodes.length - listed.length;
  return (
    <details className="quiz-list" open={open}>
      <summary>Pick from a list</summary>
      {listed.map((node) => {
        const spine = node.units.filter((u) => BOOT_SPINE.has(u.id));
        const others = node.units.filter((u) => !BOOT_SPINE.has(u.id));
        const pickedOthers = others.filter((u) => picks.includes(unitRef(node.id, u.id))).length;
        return (
          <fieldset key={node.id} className="quiz-list__node">
            <legend>{node.id}</legend>
            {spine.map((u) => <UnitButton key={u.id} node={node} unit={u.id} picks={picks} onToggle={onToggle} />)}
            {others.length > 0 ? (
              <details className="quiz-list__others">
                <summary>Other units on {node.id} ({others.length}{pickedOthers > 0 ? `, ${pickedOthers} picked` : ''})</summary>
                {others.map((u) => <UnitButton key={u.id} node={node} unit={u.id} picks={picks} onToggle={onToggle} />)}
              </details>
            ) : null}
          </fieldset>
        );
      })}
      {unlisted > 0 ? <p className="quiz-hint">{unlisted.toLocaleString('en-US')} more agents: tap them on the graph.</p> : null}
    </details>
  );
}
