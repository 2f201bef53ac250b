// @vitest-environment happy-dom
// The timeline as the class and the tests see it: one lane per node with the data-* / aria contract,
// expandable unit rows, clicks that open the fault menu, virtualization for big clusters, tooltips,
// and re-rendering only what a batch touched.
import { act, memo, type ComponentProps } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import type { ClusterView, SimEvent } from '../../../shared/protocol/types.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';
import { appendToTimeline, emptyTimeline, type TimelineModel } from '../../store/timelineModel.ts';
import { bootScript, viewFor } from '../../store/timelineModel.fixture.ts';
import { seedTimeline } from '../../store/timelineSeed.ts';
import { GROUP_PAGE, ROW_PX, displayRows, groupKey } from './timelineRows.ts';
import type * as BarsModule from './Bars.tsx';

const barRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./Bars.tsx', async (importOriginal) => {
  const real = await importOriginal<typeof BarsModule>();
  // Same shallow-compare memo as the real one, so the count is the number of real re-renders.
  const Counting = memo(function Counting(props: ComponentProps<typeof real.Bars>) {
    barRenders.count += 1;
    return <real.Bars {...props} />;
  }) as unknown as typeof real.Bars;
  return { ...real, Bars: Counting };
});

const { Timeline } = await import('./Timeline.tsx');

const dom = mountPerTest();
let activated: { target: FaultTarget; anchor: { x: number; y: number } }[];

beforeEach(() => {
  activated = [];
  barRenders.count = 0;
});

function render(model: TimelineModel, view: ClusterView, nowMs = 60_000, selected: UnitTarget | null = null) {
  act(() => {
    dom.render(<Timeline model={model} view={view} nowMs={nowMs} selected={selected} onActivate={(target, anchor) => activated.push({ target, anchor })} />);
  });
}

const q = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const lanes = () => [...document.querySelectorAll<HTMLElement>('.tl-row[data-unit="*"]')];
const click = (el: Element, init: MouseEventInit = { detail: 1, clientX: 300, clientY: 120 }) =>
  act(() => { el.dispatchEvent(new MouseEvent('click', { bubbles: true, ...init })); });
const expand = (node: string) => click(q(`[data-node="${node}"][data-unit="*"] .tl-chevron`)!);

describe('lanes and rows carry the contract', () => {
  it('one lane per node with data-unit="*", reported health as data-state and aria-label', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expect(lanes().map((l) => [l.dataset.node, l.dataset.state, l.getAttribute('aria-label')])).toEqual([
      ['master-1', 'unhealthy', 'master-1: unhealthy'],
      ['master-2', 'healthy', 'master-2: healthy'],
      ['master-3', 'healthy', 'master-3: healthy'],
      ['agent-1', 'healthy', 'agent-1: healthy'],
      ['agent-2', 'healthy', 'agent-2: healthy'],
    ]);
    expect(q('[data-node="agent-1"][data-unit="*"]')!.textContent).toContain('partitioned');
  });

  it('lanes start collapsed; an expanded lane has one row per unit with its current state', () => {
    const view = viewFor();
    view.nodes[0]!.units[1] = { ...view.nodes[0]!.units[1]!, state: 'failed' };
    render(appendToTimeline(emptyTimeline(), bootScript().events), view);
    expect(document.querySelectorAll('.tl-row').length).toBe(5);
    expand('master-1');
    const row = q('[data-node="master-1"][data-unit="dcos-mesos-master"]')!;
    expect(row.dataset.state).toBe('failed');
    expect(row.getAttribute('aria-label')).toBe('dcos-mesos-master on master-1: failed');
    expect(document.querySelectorAll('[data-node="master-2"]:not([data-unit="*"])').length).toBe(0);
  });

  it('draws bars patterned by state and markers for faults, leaders, quorum and narration', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1');
    const row = q('[data-node="master-1"][data-unit="dcos-mesos-master"]')!;
    // waiting, starting, healthy, failed, starting, healthy
    expect(row.querySelectorAll('.tl-bar').length).toBe(6);
    const first = row.querySelector('.tl-bar')!;
    expect(first.querySelectorAll('rect')[1]!.getAttribute('fill')).toMatch(/^url\(#tl-pat-.*-hatch\)$/); // waiting is hatched
    expect(first.querySelector('text')!.textContent).toBe('…');
    // Each marker has a chip of its own or a place in a cluster chip's list ("3 events: ❝ · …").
    const chips = [...document.querySelectorAll('.tl-chip:not(.tl-chip--cluster)')].map((c) => c.textContent);
    const clustered = [...document.querySelectorAll('.tl-cluster__list')].flatMap((c) => c.textContent!.split(' · '));
    expect([...chips, ...clustered]).toEqual(expect.arrayContaining(['⚡ kill', '♛ Mesos', 'ZK 3/3', '❝']));
    expect(document.querySelectorAll('.tl-mline--fault').length).toBe(1);
    expect(q('.tl-now-tag')!.textContent).toBe('now 01:00');
  });
});

describe('interaction', () => {
  it('the chevron expands a node lane into unit rows without opening the fault menu', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    const chevron = q('[data-node="agent-2"][data-unit="*"] .tl-chevron')!;
    expect(chevron.getAttribute('aria-expanded')).toBe('false');
    click(chevron);
    expect(q('[data-node="agent-2"][data-unit="dcos-mesos-slave"]')).not.toBeNull();
    expect(q('[data-node="agent-2"][data-unit="*"] .tl-chevron')!.getAttribute('aria-expanded')).toBe('true');
    expect(activated).toEqual([]);
  });

  it('clicking a unit row or a lane asks for the fault menu at the pointer; keyboard Enter anchors under the label', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1');
    click(q('[data-node="master-1"][data-unit="dcos-exhibitor"] .tl-bars')!);
    click(q('[data-node="master-3"][data-unit="*"] .tl-name')!, { detail: 0 });
    expect(activated[0]).toEqual({ target: { node: 'master-1', unit: 'dcos-exhibitor' }, anchor: { x: 300, y: 120 } });
    expect(activated[1]!.target).toEqual({ node: 'master-3', unit: null });
  });

  it('hovering a bar shows unit, state, duration and cause', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1');
    const bars = q('[data-node="master-1"][data-unit="dcos-mesos-master"]')!.querySelectorAll('.tl-bar rect');
    const failed = [...bars].find((r) => r.parentElement!.getAttribute('data-seg') === '3')!;
    act(() => { failed.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 400, clientY: 80 })); });
    const tip = q('[role="tooltip"]')!;
    expect(tip.textContent).toContain('dcos-mesos-master on master-1');
    expect(tip.textContent).toContain('failed');
    expect(tip.textContent).toContain('00:30 → 00:45 (15 s)');
    expect(tip.textContent).toContain('killed');
  });

  it('hovering a marker chip explains it', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    const chip = [...document.querySelectorAll('.tl-chip')].find((c) => c.textContent === '⚡ kill')!;
    act(() => { chip.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 200, clientY: 60 })); });
    expect(q('[role="tooltip"]')!.textContent).toContain('Fault: kill Mesos Master on master-1');
    expect(q('[role="tooltip"]')!.textContent).toContain('at 00:30');
  });

  it('selecting a unit elsewhere opens its lane and marks the row', () => {
    const model = appendToTimeline(emptyTimeline(), bootScript().events);
    render(model, viewFor());
    render(model, viewFor(), 60_000, { node: 'agent-1', unit: 'dcos-net' });
    expect(q('[data-node="agent-1"][data-unit="dcos-net"]')!.classList.contains('tl-row--selected')).toBe(true);
  });

  it('Follow now, Fit all and zoom buttons change the window', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor(), 600_000);
    const follow = [...document.querySelectorAll('.tl-btn')].find((b) => b.textContent!.includes('Follow'))!;
    const fit = [...document.querySelectorAll('.tl-btn')].find((b) => b.textContent!.includes('Fit'))!;
    expect(follow.getAttribute('aria-pressed')).toBe('true');
    const ticksBefore = [...document.querySelectorAll('.tl-tick')].map((t) => t.textContent);
    expect(ticksBefore).not.toContain('00:00');
    click(fit);
    expect(fit.getAttribute('aria-pressed')).toBe('true');
    expect([...document.querySelectorAll('.tl-tick')].map((t) => t.textContent)).toContain('00:00');
    click(q('[aria-label="Zoom in"]')!);
    expect(fit.getAttribute('aria-pressed')).toBe('false');
    expect(follow.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('scale', () => {
  it('renders only the rows in view for 3 masters + 100 agents, all expanded (the agents a page at a time)', () => {
    const view = viewFor(3, 100);
    render(appendToTimeline(emptyTimeline(), bootScript(3, 100).events), view);
    click([...document.querySelectorAll('.tl-btn')].find((b) => b.textContent === 'Expand all')!);
    // Masters with their units, the agents' group row, its first page of agents with their units, a 'more' row.
    const total = 3 * 5 + 1 + GROUP_PAGE * 3 + 1;
    expect(q('.tl-rows')!.style.height).toBe(`${total * ROW_PX}px`);
    const inDom = document.querySelectorAll('.tl-row').length;
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(40);
  });

  it('a big cluster shows its agents as one strip with their counts, expandable a page at a time', () => {
    const view = viewFor(3, 100);
    render(appendToTimeline(emptyTimeline(), bootScript(3, 100).events), view);
    const group = q('.tl-row[data-group="agent"]')!;
    expect(group.getAttribute('aria-label')).toMatch(/^Private agents \(100\): /);
    expect(document.querySelectorAll('.tl-row[data-node^="agent-"]').length).toBe(0);
    click(group.querySelector('.tl-chevron')!);
    expect(q('.tl-rows')!.style.height).toBe(`${(3 + 1 + GROUP_PAGE + 1) * ROW_PX}px`);
    expect(document.querySelectorAll('.tl-row[data-node="agent-1"]').length).toBe(1);
    // The next page: the 'more' row is replaced by the remaining agents.
    const model = appendToTimeline(emptyTimeline(), bootScript(3, 100).events);
    const rows = displayRows(view.nodes, model, new Set([groupKey('agent')]), new Map([['agent', 2]]));
    expect(rows.filter((r) => r.kind === 'lane').length).toBe(3 + 100);
    expect(rows.some((r) => r.kind === 'more')).toBe(false);
    expect(displayRows(view.nodes, model, new Set([groupKey('agent')])).at(-1)).toMatchObject({ kind: 'more', remaining: 100 - GROUP_PAGE });
  });

  it('a late joiner (trimmed snapshot) counts every agent as the view does and marks the history not loaded', () => {
    const view = viewFor(3, 100);
    const events = bootScript(3, 100).events;
    const cut = events.length - 20;
    const before = appendToTimeline(emptyTimeline(), events.slice(cut));
    render(before, view);
    // What the page drew before issue 10's fix: agents without an event in the window count as pending.
    expect(q('.tl-row[data-group="agent"]')!.getAttribute('aria-label')).toMatch(/pending/);
    expect(q('[data-testid="history-not-loaded"]')).toBeNull();
    render(seedTimeline(view, events.slice(cut), cut), view);
    expect(q('.tl-row[data-group="agent"]')!.getAttribute('aria-label')).toBe('Private agents (100): 100 healthy; 0 registered with the Mesos leader');
    expect(q('[data-testid="history-not-loaded"]')!.getAttribute('title')).toMatch(/^history not loaded \(before /);
  });

  it('a batch re-renders only the bars it touched; a clock tick in a still window re-renders none', () => {
    const events = bootScript().events;
    const model = appendToTimeline(emptyTimeline(), events);
    const view = viewFor();
    render(model, view);
    expand('master-1');
    const initial = barRenders.count;
    expect(initial).toBeGreaterThan(10);
    barRenders.count = 0;
    render(model, view, 61_000);
    expect(barRenders.count).toBe(0);
    const next: SimEvent = { seq: events.length + 1, simTimeMs: 61_000, type: 'unit', node: 'master-1', unit: 'dcos-marathon', from: 'healthy', to: 'unhealthy', cause: { text: 'hangs' } };
    render(appendToTimeline(model, [next]), { ...view, nodes: view.nodes.slice() }, 61_000);
    // The marathon row's bars and master-1's worst-state band; nothing else.
    expect(barRenders.count).toBe(2);
  });

  it('following now late in a run slides the bars by CSS instead of re-rendering them on every tick', () => {
    const model = appendToTimeline(emptyTimeline(), bootScript().events);
    render(model, viewFor(), 600_000);
    barRenders.count = 0;
    const shift = () => q('.tl-rows')!.style.getPropertyValue('--tl-shift');
    const before = shift();
    render(model, viewFor(), 601_000);
    expect(shift()).not.toBe(before);
    expect(barRenders.count).toBe(0);
  });
});

describe('the time cursor', () => {
  function renderWithCursor(cursorMs: number | null, onCursor: (ms: number | null) => void) {
    act(() => {
      dom.render(<Timeline model={appendToTimeline(emptyTimeline(), bootScript().events)} view={viewFor()} nowMs={60_000} selected={null}
        onActivate={() => {}} cursorMs={cursorMs} onCursor={onCursor} />);
    });
  }

  it('a click on the time axis puts the cursor at that moment, never in the future', () => {
    const moved: (number | null)[] = [];
    renderWithCursor(null, (ms) => moved.push(ms));
    click(q('.tl-axis__track')!, { detail: 1, clientX: 10_000, clientY: 10 });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toBe(60_000); // clamped to now
    click(q('.tl-axis__track')!, { detail: 1, clientX: -10_000, clientY: 10 });
    expect(moved[1]).toBe(0);
  });

  it('shows the cursor with its time and a Back to live button that returns to live', () => {
    const moved: (number | null)[] = [];
    renderWithCursor(30_000, (ms) => moved.push(ms));
    expect(q('[data-testid="time-cursor"]')!.textContent).toContain('00:30');
    expect(q('.tl-cursor-line')).not.toBeNull();
    click(q('[data-testid="back-to-live"]')!);
    expect(moved).toEqual([null]);
  });
});

describe('on a projector', () => {
  const scrollTo = (px: number) => act(() => {
    const body = q('.tl-body')!;
    body.scrollTop = px;
    body.dispatchEvent(new Event('scroll'));
  });
  const pinned = () => q('[data-testid="timeline-sticky"]');

  it('scrolled into a node\'s unit rows, the node\'s header stays pinned above them', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1'); // rows: master-1, its 4 units, master-2, ...
    expect(pinned()).toBeNull();
    scrollTo(2 * ROW_PX);
    expect(pinned()!.textContent).toContain('master-1');
    // A copy, not a second row: the data-node contract stays unique and screen readers read the real row.
    expect(pinned()!.querySelector('[data-node]')).toBeNull();
    expect(pinned()!.querySelector('.tl-row')!.getAttribute('aria-hidden')).toBe('true');
    // The next node's lane pushes it up as it arrives, then takes over (no header over its own lane).
    scrollTo(4.5 * ROW_PX);
    expect(pinned()!.style.height).toBe(`${ROW_PX / 2}px`);
    scrollTo(5 * ROW_PX);
    expect(pinned()).toBeNull();
  });

  it('the pinned header works like the lane: its name opens node faults, its chevron folds the units away', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1');
    scrollTo(2 * ROW_PX);
    click(pinned()!.querySelector('.tl-name')!);
    expect(activated.map((a) => a.target)).toEqual([{ node: 'master-1', unit: null }]);
    click(pinned()!.querySelector('.tl-chevron')!);
    expect(q('[data-node="master-1"][data-unit="dcos-exhibitor"]')).toBeNull();
  });

  it('a crowd of markers becomes one "N events" chip that spells them out on hover, never overlapping chips', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    const cluster = q('.tl-chip--cluster')!;
    const count = cluster.querySelector('.tl-cluster__count')!.textContent!;
    expect(count).toMatch(/^\d+ events$/);
    expect(cluster.dataset.marker!.split(',')).toHaveLength(Number(count.split(' ')[0]));
    act(() => { cluster.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 200, clientY: 60 })); });
    const tip = q('[role="tooltip"]')!;
    expect(tip.querySelector('.tl-tooltip__title')!.textContent).toBe(count);
    // "at 00:30", or a span between two different times (never "00:30 → 00:30").
    expect(tip.querySelector('.tl-tooltip__when')!.textContent).toMatch(/^at \d\d:\d\d$|^(\d\d:\d\d) → (?!\1)\d\d:\d\d$/);
    // One line per event, each with its time.
    expect(tip.querySelector('.tl-tooltip__cause')!.textContent!.split('\n')).toHaveLength(Number(count.split(' ')[0]));
    expect(tip.querySelector('.tl-tooltip__cause')!.textContent).toMatch(/^\d\d:\d\d {2}/);
    expect(q('.tl-key--muted')!.textContent).not.toContain('markers'); // nothing left uncounted in the corner
  });

  it('no time label is cut off at the right edge of the axis', () => {
    const model = appendToTimeline(emptyTimeline(), bootScript().events);
    // The window follows now, so the ticks slide: look at a few moments, some with a tick near the edge.
    for (let nowMs = 600_000; nowMs < 630_000; nowMs += 1_500) {
      render(model, viewFor(), nowMs);
      const track = q('.tl-axis__track')!;
      const width = parseFloat(track.style.width);
      const xs = [...track.querySelectorAll<HTMLElement>('.tl-tick')].map((t) => Number(/translateX\(([-\d.]+)px\)/.exec(t.style.transform)![1]));
      expect(xs.length).toBeGreaterThan(3);
      for (const x of xs) expect(x + 42, `at ${nowMs}`).toBeLessThanOrEqual(width); // 42: a tick label's width ("12:30")
    }
  });

  it('a tooltip does not outlive a scroll of the timeline (it would describe a row that moved away)', () => {
    render(appendToTimeline(emptyTimeline(), bootScript().events), viewFor());
    expand('master-1');
    const bar = q('[data-node="master-1"][data-unit="dcos-mesos-master"] .tl-bar rect')!;
    act(() => { bar.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 400, clientY: 80 })); });
    expect(q('[role="tooltip"]')).not.toBeNull();
    scrollTo(ROW_PX);
    expect(q('[role="tooltip"]')).toBeNull();
    // Nor a scroll of the page or a pane around the timeline: the tooltip is pinned to the viewport.
    act(() => { bar.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 400, clientY: 80 })); });
    expect(q('[role="tooltip"]')).not.toBeNull();
    act(() => { document.body.dispatchEvent(new Event('scroll')); });
    expect(q('[role="tooltip"]')).toBeNull();
  });
});
