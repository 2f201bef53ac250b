/**
 * "Why?" for the selected unit: the engine's cause tree, the unit on top and each cause indented under the step
 * it explains ("Marathon on master-2 waiting" > "leader.mesos does not resolve" > ... > the stop of Exhibitor).
 * The tree comes from sim:explain (kept fresh by useExplainRefresh); its refs light up in the DAG. Root causes
 * are marked in words as well as colour, and repeated on top so they stay visible when the tree is tall. While the
 * time cursor is out of live, the tree is the one at that moment (usePastExplain) and the panel says so.
 */
import type { ExplainStep } from '../../../shared/protocol/types.ts';
import { selectActions, selectExplanation, selectSelected, selectView } from '../../store/selectors.ts';
import { nodeCondition } from './nodeCondition.ts';
import { useBoot } from '../../store/store.ts';
import { formatSimTime } from '../EventLog/eventText.ts';
import { explainForest, rootCauses, type ExplainNode } from './explainTree.ts';
import './ExplainPanel.css';

function refLabel(ref: string): string {
  if (ref.startsWith('fact:')) return ref.slice(5);
  if (ref.startsWith('fault:')) return 'injected fault';
  const [node, unit] = ref.split('/');
  return unit ? `${unit} on ${node}` : ref;
}

/** A root cause in words: a fault is told by its own sentence, anything else by what it is and why. */
function rootWords(step: ExplainStep): string {
  return step.ref.startsWith('fault:') ? step.text : `${refLabel(step.ref)} — ${step.text}`;
}

function StepItem({ node }: { node: ExplainNode }) {
  const { step } = node;
  const isRoot = step.root && node.index > 0;
  return (
    <li data-ref={step.ref} data-depth={node.depth} data-root={isRoot ? 'true' : undefined} className={isRoot ? 'explain-root' : undefined}>
      <span className="explain-ref">
        {refLabel(step.ref)}
        {isRoot && <span className="explain-root-badge"> <span aria-hidden="true">⚑</span> root cause</span>}
      </span>
      <span className="explain-text">
        {step.text}
        {/* A fault's sentence already says when ("at 06:00"). */}
        {step.sinceMs !== null && !step.ref.startsWith('fault:') && <span className="explain-since"> since {formatSimTime(step.sinceMs)}</span>}
      </span>
      {node.children.length > 0 && (
        <ol className="explain-children" aria-label={`Why ${refLabel(step.ref)}`}>
          {node.children.map((child) => <StepItem key={child.index} node={child} />)}
        </ol>
      )}
    </li>
  );
}

export function ExplainPanel() {
  const selected = useBoot(selectSelected);
  const explanation = useBoot(selectExplanation);
  const { select } = useBoot(selectActions);
  const ready = selected !== null && explanation !== null && !explanation.loading && !explanation.error;
  const roots = ready ? rootCauses(explanation.chain) : [];
  const view = useBoot(selectView);
  const condition = selected !== null && view !== null ? nodeCondition(view, selected.node) : null;
  return (
    <section className="panel explain" aria-label="Explanation" aria-live="polite" data-open={ready || undefined} data-testid="explain">
      <header className="panel-head">
        <h2>Why?{selected && <span className="explain-target"> {selected.unit} on {selected.node}</span>}</h2>
        {selected && <button type="button" className="link-button" onClick={() => select(null)} aria-label="Clear explanation">✕</button>}
      </header>
      {selected && explanation?.atMs != null && (
        // Looking at the past: say so, or a class reads an old cause as today's.
        <p className="explain-past" data-testid="explain-past"><span aria-hidden="true">◀</span> As it was at <strong>{formatSimTime(explanation.atMs)}</strong> (your time cursor)</p>
      )}
      {!selected && <p className="empty-note">Click a unit and choose <strong>Explain</strong> to trace its state back to the root cause.</p>}
      {selected && explanation?.loading && <p className="empty-note">Tracing causes…</p>}
      {selected && explanation?.error && <p className="explain-error">Cannot explain: {explanation.error}</p>}
      {roots.length > 0 && (
        <p className="explain-root-summary" data-testid="explain-root">
          <span aria-hidden="true">⚑</span> Root cause{roots.length > 1 ? 's' : ''}: <strong>{roots.map(rootWords).join('; ')}</strong>
        </p>
      )}
      {condition !== null && (selected !== null) && (
        <p className={`explain-node is-${condition.kind}`} data-testid="explain-node" role="note">
          <span aria-hidden="true">{condition.kind === 'partitioned' ? '⚡' : '⊘'}</span> {condition.text}
        </p>
      )}
      {ready && (
        <ol className="explain-chain" data-testid="explain-chain">
          {explainForest(explanation.chain).map((node) => <StepItem key={node.index} node={node} />)}
        </ol>
      )}
    </section>
  );
}
