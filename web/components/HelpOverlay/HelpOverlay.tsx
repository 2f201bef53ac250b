/** The ? overlay: what the screen shows and the keys, for a teacher's first minute. Escape or ✕ closes it. */
import { useEffect, useRef } from 'react';
import { selectActions, selectHelpOpen } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { Legend } from '../Legend/Legend.tsx';

const KEYS: [string, string][] = [
  ['Space', 'pause / resume the simulation'],
  ['→', 'step to the next event'],
  ['N', 'skip a quiet stretch: run on to the next mark (at most 30 simulated minutes)'],
  ['?', 'show / hide this help'],
  ['Esc', 'close menus and this help'],
  ['Enter / click', 'on a unit or node: open its fault menu'],
  ['↑ ↓', 'move inside a menu'],
  ['click the time axis', 'look at the cluster as it was then (for you only); drag the ⏪ handle to scrub'],
  ['← → (Shift)', 'while looking at the past: step 5 s (30 s)'],
  ['[ ]', 'jump to the previous / next mark (fault, leader, quorum, health flip, narration, ★ bookmark)'],
  ['L', 'back to live'],
];

export function HelpOverlay() {
  const open = useBoot(selectHelpOpen);
  const { setHelpOpen } = useBoot(selectActions);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="presentation" onClick={() => setHelpOpen(false)}>
      <div className="help" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()}>
        <header className="panel-head">
          <h2 id="help-title">How to use Bootscope</h2>
          <button ref={closeRef} type="button" className="link-button" onClick={() => setHelpOpen(false)} aria-label="Close help">✕</button>
        </header>
        <p>
          A simulated DC/OS cluster boots in front of you. The <strong>graph</strong> shows each unit and what it waits for; the
          <strong> timeline</strong> shows every node's units over time. Click a unit (or a node lane) to kill, stop, delay or hang it,
          then watch the cluster react. <strong>Explain</strong> traces an unhealthy unit back to its root cause.
        </p>
        <p>Health (3DT) and availability differ: the cluster can be "Unhealthy" while users still reach the UI, and vice versa.</p>
        <table className="keys"><tbody>{KEYS.map(([k, what]) => <tr key={k}><th scope="row"><kbd>{k}</kbd></th><td>{what}</td></tr>)}</tbody></table>
        <h3>Unit states</h3>
        <Legend />
      </div>
    </div>
  );
}
