// @vitest-environment happy-dom
// The timeline compared with a healthy boot, as a teacher sees it: the toggle draws the twin as a ghost under every
// lane, the run's first divergence is marked, a unit that recovered later than its twin says by how much, and the
// critical path's spans are outlined on their rows.
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { UNIT_STATES } from '../../../shared/model/vocabulary.ts';
import type { BaselineTrack } from '../../../shared/protocol/baseline.ts';
import { compareTimelines } from '../../viz/baselineCompare.ts';
import { criticalMarks } from '../../viz/criticalOverlay.ts';
import { ghostModel } from '../../viz/ghostTimeline.ts';
import { appendToTimeline, emptyTimeline } from '../../store/timelineModel.ts';
import { bootScript, viewFor } from '../../store/timelineModel.fixture.ts';
import { CompareControls } from './CompareControls.tsx';
import { Timeline, type TimelineOverlays } from './Timeline.tsx';

const dom = mountPerTest();

/** The fixture's boot without its fault: the healthy twin (everything healthy by 15 s, nothing fails at 30 s). */
function twinTrack(): BaselineTrack {
  const nodes: Record<string, Record<string, number[]>> = {};
  for (const e of bootScript().events) {
    if (e.type !== 'unit' || e.simTimeMs >= 30_000) continue;
    ((nodes[e.node] ??= {})[e.unit] ??= []).push(e.simTimeMs, UNIT_STATES.indexOf(e.to));
  }
  return { untilMs: 60_000, healthyAtMs: 20_000, states: UNIT_STATES, nodes };
}

// The fixture writes each unit's boot in one go; the engine emits in time order, as the twin's track is replayed.
const inTimeOrder = [...bootScript().events].sort((a, b) => a.simTimeMs - b.simTimeMs).map((e, i) => ({ ...e, seq: i + 1 }));
const model = appendToTimeline(emptyTimeline(), inTimeOrder);
const ghost = ghostModel(twinTrack());
const chain = [
  { ref: 'master-1/dcos-exhibitor', atMs: 3_000, durationMs: 3_000, text: 'exhibitor' },
  { ref: 'fact:quorum', atMs: 9_000, durationMs: 6_000, text: 'quorum' },
  { ref: 'master-1/dcos-mesos-master', atMs: 47_000, durationMs: 38_000, text: 'mesos' },
];

function Harness({ critical = false }: { critical?: boolean }) {
  const [on, setOn] = useState(false);
  const overlays: TimelineOverlays = {
    ghost: on ? ghost : null,
    compare: on ? compareTimelines(model, ghost, 60_000) : null,
    critical: critical ? criticalMarks(chain).spans : null,
  };
  return (
    <Timeline model={model} view={viewFor()} nowMs={60_000} selected={null} onActivate={() => {}} overlays={overlays}
      toolbarExtra={<CompareControls baselineOn={on} criticalOn={critical} onBaseline={setOn} onCritical={() => {}} caption={null} />} />
  );
}

const lanes = () => [...document.querySelectorAll<HTMLElement>('.tl-row[data-unit="*"]')];
const click = (el: Element) => act(() => { el.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 })); });

describe('compare with a healthy boot', () => {
  it('toggling the baseline draws a ghost under every lane', () => {
    act(() => dom.render(<Harness />));
    expect(document.querySelectorAll('[data-ghost]')).toHaveLength(0);
    const toggle = document.querySelector<HTMLButtonElement>('[data-testid="toggle-baseline"]')!;
    click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(lanes()).toHaveLength(5);
    for (const lane of lanes()) expect(lane.querySelector('[data-ghost="true"] .tl-bar')).not.toBeNull();
    click(toggle);
    expect(document.querySelectorAll('[data-ghost]')).toHaveLength(0);
  });

  it('marks where the run first diverged from its twin', () => {
    act(() => dom.render(<Harness />));
    click(document.querySelector('[data-testid="toggle-baseline"]')!);
    expect(document.querySelector('[data-testid="first-divergence"]')!.textContent).toBe('diverged 00:30');
    expect(document.querySelector('[data-node="master-1"][data-unit="*"] [data-diverged="true"]')).not.toBeNull();
    expect(document.querySelector('[data-node="master-2"][data-unit="*"] [data-diverged="true"]')).toBeNull();
  });

  it('a unit that recovered later than its twin says by how much', () => {
    act(() => dom.render(<Harness />));
    click(document.querySelector('[data-testid="toggle-baseline"]')!);
    click(document.querySelector('[data-node="master-1"][data-unit="*"] .tl-chevron')!);
    // Killed at 0:30, healthy again at 0:47, while its twin stayed healthy: 17 s later.
    const late = document.querySelector<HTMLElement>('[data-node="master-1"][data-unit="dcos-mesos-master"] .tl-late')!;
    expect(late.textContent).toBe('+0:17');
    expect(late.title).toBe('healthy 17 s later than in the healthy boot');
    expect(document.querySelector('[data-node="master-1"][data-unit="dcos-exhibitor"] .tl-late')).toBeNull();
  });

  it('outlines the critical path\'s spans on their rows', () => {
    act(() => dom.render(<Harness critical />));
    expect(document.querySelectorAll('[data-node="master-1"][data-unit="*"] [data-critical="true"]')).toHaveLength(2);
    expect(document.querySelectorAll('[data-node="master-2"][data-unit="*"] [data-critical="true"]')).toHaveLength(0);
  });
});
