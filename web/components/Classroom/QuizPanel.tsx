/**
 * Predict, then reveal, in the sidebar while a round is open. The presenter sees the question, answers
 * arriving as a count, and one button that injects the fault and reveals; a viewer taps units on the graph (their
 * picks ring blue), sends them, and may change them until the reveal. After the reveal everyone sees what failed, the
 * class's tally and the units nobody expected (the DAG shows the votes as a heat map); a viewer also sees their own
 * score. Names and questions are text: React escapes them.
 */
import { scoreAnswer, unitRef, type QuizState } from '../../../shared/protocol/classroom.ts';
import { formatSimTime } from '../../../shared/model/time.ts';
import { useClient } from '../../hooks/useClient.ts';
import { useBoot } from '../../store/store.ts';
import { selectAsks } from '../../store/selectors.ts';
import { useEffect, useState } from 'react';
import { QuizUnitList, refLabel } from './QuizUnitList.tsx';
import { givenRef, toPredict } from '../../viz/quizMarks.ts';
import './Classroom.css';

const refText = refLabel;

/** Phones and narrow windows: the quiz opens its list of units (the graph's boxes are smaller than a finger). */
const NARROW = '(max-width: 700px)';
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(NARROW).matches === true);
  useEffect(() => {
    const query = window.matchMedia?.(NARROW);
    if (!query) return;
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

function Asking({ quiz, asks }: { quiz: QuizState; asks: boolean }) {
  const client = useClient();
  const picks = useBoot((s) => (s.picksFor === quiz.id ? s.myPicks : []));
  const togglePick = useBoot((s) => s.actions.togglePick);
  const view = useBoot((s) => s.view);
  const narrow = useNarrow();
  const [sent, setSent] = useState<string | null>(null);
  const current = [...picks].sort().join(',');
  if (asks) {
    return (
      <>
        <p className="quiz-count" data-testid="quiz-count" aria-live="polite"><strong>{quiz.answers}</strong> {quiz.answers === 1 ? 'answer' : 'answers'} so far</p>
        <div className="quiz-actions">
          <button type="button" className="btn btn-primary" data-testid="quiz-reveal" onClick={() => void client.quizReveal()}>Inject and reveal</button>
          <button type="button" className="btn" onClick={() => void client.quizClose()}>Cancel</button>
        </div>
      </>
    );
  }
  const send = async () => {
    const ack = await client.quizAnswer(quiz.id, picks);
    if (ack.ok) setSent(current);
  };
  return (
    <>
      <p className="quiz-hint">Tap the units you expect to fail on the graph (or in the list), then send. You can change your answer until the reveal.</p>
      {view !== null ? <QuizUnitList view={view} picks={picks} onToggle={togglePick} open={narrow} /> : null}
      {picks.length > 0 ? (
        <ul className="quiz-picks" aria-label="Your picks">
          {picks.map((ref) => (
            <li key={ref}><button type="button" className="quiz-chip" onClick={() => togglePick(ref)} aria-label={`Remove ${refText(ref)}`}>{refText(ref)} ✕</button></li>
          ))}
        </ul>
      ) : <p className="quiz-hint quiz-hint--empty">No units picked yet (sending none says "nothing will fail").</p>}
      <div className="quiz-actions">
        <button type="button" className="btn btn-primary" data-testid="quiz-send" onClick={() => void send()} disabled={sent === current}>
          {sent === current ? 'Answer sent ✓' : `Send my answer (${picks.length})`}
        </button>
      </div>
      <p className="quiz-count" aria-live="polite">{quiz.answers} {quiz.answers === 1 ? 'answer' : 'answers'} in the class</p>
    </>
  );
}

function Revealed({ quiz, asks }: { quiz: QuizState; asks: boolean }) {
  const client = useClient();
  const picks = useBoot((s) => (s.picksFor === quiz.id ? s.myPicks : []));
  const result = quiz.result!;
  const failed = result.failed.map((a) => unitRef(a.node, a.unit));
  // The unit the question names fails by definition: the class is scored on the others.
  const given = givenRef(quiz);
  const predictable = toPredict(quiz);
  const nobody = result.nobodyExpected.filter((ref) => ref !== given);
  const votes = new Map(result.votes.map((v) => [v.ref, v.count]));
  const mine = asks ? null : scoreAnswer(picks.filter((ref) => ref !== given), predictable);
  return (
    <>
      <p className="quiz-truth" data-testid="quiz-truth">
        Injected at {formatSimTime(result.injectedAtMs)}: <strong>{failed.length}</strong> {failed.length === 1 ? 'unit fails' : 'units fail'} within {Math.round(result.horizonMs / 60_000)} min; the cluster is {result.cluster.health} by {formatSimTime(result.cluster.atMs)}.
      </p>
      {mine !== null ? (
        <p className="quiz-mine" data-testid="quiz-mine">
          You caught <strong>{mine.caught.length} of {predictable.length}</strong>{mine.falseAlarms.length > 0 ? `, with ${mine.falseAlarms.length} false ${mine.falseAlarms.length === 1 ? 'alarm' : 'alarms'}` : ''}.
        </p>
      ) : null}
      <p className="quiz-tally" data-testid="quiz-tally">
        {result.respondents} {result.respondents === 1 ? 'answer' : 'answers'}; {result.perfect} exactly right; on average {Math.round(result.meanCaught * 100)}% of the failures caught.
      </p>
      {nobody.length > 0 ? (
        <div className="quiz-nobody" data-testid="quiz-nobody">
          <strong>Nobody expected:</strong>
          <ul>{nobody.map((ref) => <li key={ref}>{refText(ref)}</li>)}</ul>
        </div>
      ) : null}
      <details className="quiz-failed">
        <summary>What failed, and who saw it coming</summary>
        <ul>
          {result.failed.map((a) => {
            const ref = unitRef(a.node, a.unit);
            return <li key={ref}>{formatSimTime(a.atMs)} {refText(ref)} → {a.to} <span className="quiz-votes">({votes.get(ref) ?? 0} of {result.respondents})</span></li>;
          })}
        </ul>
      </details>
      {asks ? <div className="quiz-actions"><button type="button" className="btn" data-testid="quiz-close" onClick={() => void client.quizClose()}>Close the question</button></div> : null}
    </>
  );
}

export function QuizPanel() {
  const quiz = useBoot((s) => s.quiz);
  const asks = useBoot(selectAsks);
  if (quiz === null) return null;
  return (
    <section className="panel quiz-panel" aria-label="Predict, then reveal" data-testid="quiz-panel" data-phase={quiz.phase}>
      <h2 className="quiz-question"><span className="quiz-mark" aria-hidden="true">?</span> {quiz.question}</h2>
      {quiz.phase === 'asking' ? <Asking quiz={quiz} asks={asks} /> : <Revealed quiz={quiz} asks={asks} />}
    </section>
  );
}
