/**
 * "Why?" for the selected unit: the engine's cause chain from the unit back to its root cause, one
 * readable step per line ("Marathon on master-2 waiting → leader.mesos does not resolve → … → root").
 * The chain comes from sim:explain (kept fresh by useExplainRefresh); its refs light up in the DAG.
 * The root cause is repeated on top, so it stays visible when the chain is longer than the panel.
 */
import type { ExplainStep } from '../../../shared/engine/types.ts';
import { selectActions, selectExplanation, selectSelected } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { formatSimTime } from '../EventLog/eventText.ts';
import './ExplainPanel.css';

function refLabel(ref: string): string {
  if (ref.startsWith('fact:')) return ref.slice(5);
  if (ref.startsWith('fault:')) return 'injected fault';
  const [node, unit] = ref.split('/');
  return unit ? `${unit} on ${node}` : ref;
}

/** The root step in words: a fault is told by its own sentence, anything else by what it is and why. */
function rootWords(step: ExplainStep): string {
  return step.ref.startsWith('fault:') ? step.text : `${refLabel(step.ref)} — ${step.text}`;
}

/**
 * The roots of a chain: every injected fault it reaches (stopping Exhibitor on two masters is ONE cause
 * in two places, and the class should see both), else its last step.
 */
export function rootSteps(chain: readonly ExplainStep[]): ExplainStep[] {
  const faults = chain.filter((step) => step.ref.startsWith('fault:'));
  return faults.length > 0 ? faults : chain.slice(-1);
}

export function ExplainPanel() {
  const selected = useBoot(selectSelected);
  const explanation = useBoot(selectExplanation);
  const { select } = useBoot(selectActions);
  return (
    <section className="panel explain" aria-label="Explanation" aria-live="polite">
      <header className="panel-head">
        <h2>Why?{selected && <span className="explain-target"> {selected.unit} on {selected.node}</span>}</h2>
        {selected && <button type="button" className="link-button" onClick={() => select(null)} aria-label="Clear explanation">✕</button>}
      </header>
      {!selected && <p className="empty-note">Click a unit and choose <strong>Explain</strong> to trace its state back to the root cause.</p>}
      {selected && explanation?.loading && <p className="empty-note">Tracing causes…</p>}
      {selected && explanation?.error && <p className="explain-error">Cannot explain: {explanation.error}</p>}
      {selected && explanation && !explanation.loading && !explanation.error && explanation.chain.length > 1 && (
        <p className="explain-root-summary" data-testid="explain-root">
          <span aria-hidden="true">⚑</span> Root cause{rootSteps(explanation.chain).length > 1 ? 's' : ''}:{' '}
          <strong>{rootSteps(explanation.chain).map(rootWords).join('; ')}</strong>
        </p>
      )}
      {selected && explanation && !explanation.loading && !explanation.error && (
        <ol className="explain-chain" data-testid="explain-chain">
          {explanation.chain.map((step, i) => (
            <li key={`${step.ref}-${i}`} data-ref={step.ref} className={i > 0 && rootSteps(explanation.chain).includes(step) ? 'explain-root' : ''}>
              <span className="explain-ref">{refLabel(step.ref)}</span>
              <span className="explain-text">
                {step.text}
                {step.sinceMs !== null && <span className="explain-since"> since {formatSimTime(step.sinceMs)}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
