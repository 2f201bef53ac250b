/**
 * The timeline toolbar's compare toggles: "Healthy boot" (draw the same cluster and seed with no faults as a ghost
 * under every row) and "Critical path" (mark the chain that decided when the cluster first became healthy), and the
 * critical path's shift against the healthy boot as a short caption ("+2:14 through Mesos-DNS on master-1").
 */
import './Compare.css';

export interface CompareControlsProps {
  baselineOn: boolean;
  criticalOn: boolean;
  onBaseline(on: boolean): void;
  onCritical(on: boolean): void;
  /** The shift caption (null: nothing to say yet); `detail` is its tooltip. */
  caption: { text: string; detail: string } | null;
}

export function CompareControls({ baselineOn, criticalOn, onBaseline, onCritical, caption }: CompareControlsProps) {
  return (
    <span className="tl-compare">
      <button type="button" className="tl-btn" data-testid="toggle-baseline" aria-pressed={baselineOn} onClick={() => onBaseline(!baselineOn)}
        title="Compare with a healthy boot: the same cluster and seed with no faults, as a faint strip under each row">≋ Healthy boot</button>
      <button type="button" className="tl-btn tl-btn--critical" data-testid="toggle-critical" aria-pressed={criticalOn} onClick={() => onCritical(!criticalOn)}
        title="The critical path: the chain of units and facts that decided when the cluster first became healthy">⇢ Critical</button>
      {caption !== null ? <span className="tl-critical-caption" data-testid="critical-shift" title={caption.detail}>{caption.text}</span> : null}
    </span>
  );
}
