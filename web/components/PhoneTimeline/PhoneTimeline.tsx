/**
 * The timeline on a phone: one strip per node (its worst unit over time, 0:00 to now), a tap expands the node into
 * one strip per unit, and a tap on a unit opens its menu (Explain, and faults when this page may inject). Why not the
 * desktop timeline: its 236 px label column and 28 px rows leave a 390 px screen a sliver to read and nothing a thumb
 * can hit; here every row is at least 44 px tall and as wide as the screen. Rows keep the UI hooks of
 * architecture.md §4 (data-node, data-unit, data-state, aria-label). Rendered only on a narrow screen.
 */
import { memo, useState } from 'react';
import type { UnitState } from '../../../shared/protocol/types.ts';
import { formatSimTime } from '../EventLog/eventText.ts';
import { useNarrowScreen } from '../Layout/useNarrowScreen.ts';
import { selectNodeIds, selectTimeline, useBootShallow } from '../../store/selectors.ts';
import { bootStore, useBoot } from '../../store/store.ts';
import { STATE_STYLE, stateColor } from '../../viz/stateStyle.ts';
import type { NodeLane, Segment } from '../../store/timelineModel.ts';
import { stripSpans } from './nodeStrip.ts';
import './PhoneTimeline.css';

function Strip({ segments, endMs }: { segments: readonly Segment<UnitState>[]; endMs: number }) {
  return (
    <svg className="phone-strip" viewBox="0 0 1000 1" preserveAspectRatio="none" aria-hidden="true">
      {stripSpans(segments, endMs).map((s, i) => <rect key={i} x={s.x * 1000} width={s.w * 1000} y={0} height={1} fill={stateColor(s.state)} />)}
    </svg>
  );
}

function StateWord({ state }: { state: UnitState }) {
  const style = STATE_STYLE[state];
  return <span className="phone-tl__state" style={{ color: `var(${style.cssVar})` }}><span aria-hidden="true">{style.glyph}</span> {style.label}</span>;
}

function openUnitMenu(node: string, unit: string, el: HTMLElement): void {
  const box = el.getBoundingClientRect();
  bootStore.getState().actions.openMenu({ node, unit }, { x: Math.min(box.left + 16, window.innerWidth - 280), y: box.bottom });
}

const NodeStrips = memo(function NodeStrips({ lane, endMs }: { lane: NodeLane; endMs: number }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="phone-tl__node" role="group" data-node={lane.node} data-unit="*" data-state={lane.health} aria-label={`${lane.node}: ${lane.health}`}>
      <button type="button" className="phone-tl__row phone-tl__row--node" aria-expanded={open} onClick={() => setOpen((o) => !o)}
        aria-label={`${lane.node}: worst unit ${lane.worst}; ${open ? 'hide' : 'show'} its ${lane.unitOrder.length} units`}>
        <span className="phone-tl__line">
          <span className="phone-tl__chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          <strong className="phone-tl__name">{lane.node}</strong>
          <StateWord state={lane.worst} />
        </span>
        <Strip segments={lane.worstSegments} endMs={endMs} />
      </button>
      {open && (
        <ul className="phone-tl__units">
          {lane.unitOrder.map((unit) => {
            const row = lane.rows[unit]!;
            return (
              <li key={unit}>
                <button type="button" className="phone-tl__row" data-node={lane.node} data-unit={unit} data-state={row.state}
                  aria-label={`${unit} on ${lane.node}: ${row.state}`} onClick={(e) => openUnitMenu(lane.node, unit, e.currentTarget)}>
                  <span className="phone-tl__line"><span className="phone-tl__name">{unit}</span><StateWord state={row.state} /></span>
                  <Strip segments={row.segments} endMs={endMs} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
});

/** Agents listed on a phone before the rest are summarised (a strip each would be 10,000 strips at scale). */
export const PHONE_AGENT_STRIPS = 10;

export function PhoneTimeline() {
  const narrow = useNarrowScreen();
  const timeline = useBoot(selectTimeline);
  // Lanes come in first-event order; a student reads nodes in the cluster's order (master-1 first), as the DAG shows.
  const nodeIds = useBootShallow(selectNodeIds);
  if (!narrow || timeline.lanes.length === 0) return null;
  const order = new Map(nodeIds.map((id, i) => [id, i]));
  const rank = (node: string) => order.get(node) ?? nodeIds.length;
  const sorted = [...timeline.lanes].sort((a, b) => rank(a.node) - rank(b.node));
  // A phone lists the masters and the first agents; a 10,000-agent cluster is read from the graph's agent groups.
  const masters = sorted.filter((l) => l.node.startsWith('master-'));
  const agents = sorted.filter((l) => !l.node.startsWith('master-'));
  const lanes = masters.concat(agents.slice(0, PHONE_AGENT_STRIPS));
  const hidden = agents.length - (lanes.length - masters.length);
  return (
    <section className="pane phone-tl" aria-label="Timeline by node" data-testid="phone-timeline">
      <header className="panel-head">
        <h2>Timeline</h2>
        <span className="phone-tl__span">0:00 → {formatSimTime(timeline.endMs)}</span>
        {/* A late joiner of a big room (timelineSeed.ts): the strips are blank before this, not pending. */}
        {timeline.seededAt !== null ? <span className="phone-tl__span" data-testid="phone-history-start">history before {formatSimTime(timeline.seededAt.simTimeMs)} not loaded</span> : null}
      </header>
      <ul className="phone-tl__nodes">
        {lanes.map((lane) => <NodeStrips key={lane.node} lane={lane} endMs={timeline.endMs} />)}
      </ul>
      {hidden > 0 ? <p className="phone-tl__more" data-testid="phone-timeline-more">+ {hidden.toLocaleString('en')} more agents: see their groups on the graph</p> : null}
    </section>
  );
}
