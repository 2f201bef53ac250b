// @vitest-environment happy-dom
// The fault menu as a class uses it: the right actions per target, disabled ones say why, keyboard
// navigation per the menu pattern, and every payload it sends passes the protocol's faultSchema.
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import type { ClusterView, Fault } from '../../../shared/protocol/types.ts';
import { faultSchema } from '../../../shared/protocol/schemas.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';
import { viewFor } from '../../store/timelineModel.fixture.ts';
import { FaultMenu } from './FaultMenu.tsx';

const dom = mountPerTest();
let opener: HTMLButtonElement;
const calls = { inject: [] as Fault[], explain: [] as UnitTarget[], close: 0 };

beforeEach(() => {
  calls.inject = [];
  calls.explain = [];
  calls.close = 0;
  opener = document.createElement('button');
  opener.textContent = 'opener';
  document.body.append(opener);
  opener.focus();
});


function open(target: FaultTarget, view: ClusterView = viewFor(), anchor = { x: 40, y: 50 }) {
  act(() => {
    dom.render(
      <FaultMenu
        target={target}
        anchor={anchor}
        view={view}
        onInject={(f) => calls.inject.push(f)}
        onExplain={(t) => calls.explain.push(t)}
        onClose={() => { calls.close += 1; }}
      />,
    );
  });
}

const items = () => [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')];
const labels = () => items().map((el) => el.querySelector('.fault-menu__label')!.textContent);
const item = (action: string) => document.querySelector<HTMLElement>(`[role="menuitem"][data-action="${action}"]`)!;
const key = (k: string) => act(() => { (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })); });

function withUnit(view: ClusterView, node: string, unit: string, state: 'stopped' | 'healthy'): ClusterView {
  return { ...view, nodes: view.nodes.map((n) => (n.id !== node ? n : { ...n, units: n.units.map((u) => (u.id === unit ? { ...u, state } : u)) })) };
}

describe('items per target', () => {
  it('offers unit faults with a class-level explanation quoting the catalog RestartSec', () => {
    open({ node: 'master-1', unit: 'dcos-mesos-master' });
    expect(document.querySelector('[role="menu"]')!.getAttribute('aria-label')).toBe('Actions for dcos-mesos-master on master-1');
    expect(labels()).toEqual(['Kill', 'Stop', 'Start', 'Hang', '+30 s', '+60 s', '+120 s', 'Explain']);
    expect(item('kill').textContent).toContain('systemd restarts it after RestartSec (15 s for Mesos Master)');
    expect(item('kill').getAttribute('aria-disabled')).toBeNull();
    // The unit's current state is part of the menu's description for screen readers.
    const menu = document.querySelector('[role="menu"]')!;
    expect(document.getElementById(menu.getAttribute('aria-describedby')!)!.textContent).toBe('healthy: ok');
  });

  it('offers node faults for a node lane', () => {
    open({ node: 'agent-2', unit: null });
    expect(labels()).toEqual(['Partition', 'Heal', 'Crash', 'Boot', 'Slow disk', 'Unsync clock']);
    expect([...document.querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))).toEqual(['Network', 'Power', 'Disk and clock']);
  });
});

describe('disabled items say why', () => {
  it('Start is disabled while the unit runs, Stop and Kill while it is stopped', () => {
    open({ node: 'master-1', unit: 'dcos-exhibitor' });
    expect(item('start').getAttribute('aria-disabled')).toBe('true');
    expect(item('start').textContent).toContain('dcos-exhibitor on master-1 is not stopped (it is healthy)');
    open({ node: 'master-1', unit: 'dcos-exhibitor' }, withUnit(viewFor(), 'master-1', 'dcos-exhibitor', 'stopped'));
    expect(item('start').getAttribute('aria-disabled')).toBeNull();
    expect(item('stop').textContent).toContain('already stopped');
    expect(item('kill').textContent).toContain('has no running process to kill (it is stopped)');
  });

  it('follows the engine rules: Hang needs a running unit; a powered-off node still takes a Delay and a Partition', () => {
    const view = viewFor();
    const waiting: ClusterView = { ...view, nodes: view.nodes.map((n) => (n.id !== 'master-2' ? n : { ...n, units: n.units.map((u) => ({ ...u, state: 'waiting' as const })) })) };
    open({ node: 'master-2', unit: 'dcos-marathon' }, waiting);
    expect(item('hang').textContent).toContain('dcos-marathon on master-2 is not running (it is waiting)');
    expect(item('kill').getAttribute('aria-disabled')).toBe('true');
    const off: ClusterView = { ...view, nodes: view.nodes.map((n) => (n.id !== 'agent-2' ? n : { ...n, up: false })) };
    open({ node: 'agent-2', unit: 'dcos-net' }, off);
    expect(item('kill').textContent).toContain('agent-2 is powered off');
    expect(item('delay-60').getAttribute('aria-disabled')).toBeNull();
    open({ node: 'agent-2', unit: null }, off);
    expect(item('partition').getAttribute('aria-disabled')).toBeNull();
    expect(item('crash').getAttribute('aria-disabled')).toBe('true');
    expect(item('boot').getAttribute('aria-disabled')).toBeNull();
  });

  it('Heal is disabled unless partitioned; Boot unless powered off', () => {
    open({ node: 'agent-2', unit: null });
    expect(item('heal').textContent).toContain('agent-2 is not partitioned');
    expect(item('boot').textContent).toContain('agent-2 is already running');
    open({ node: 'agent-1', unit: null }); // partitioned in the fixture
    expect(item('heal').getAttribute('aria-disabled')).toBeNull();
    expect(item('partition').textContent).toContain('already partitioned');
  });

  it('a disabled item does nothing when clicked or activated', () => {
    open({ node: 'agent-2', unit: null });
    act(() => item('heal').click());
    item('heal').focus();
    key('Enter');
    expect(calls.inject).toEqual([]);
    expect(calls.close).toBe(0);
  });
});

describe('disk and clock (registry kinds the menu picks up without menu code)', () => {
  it('a node menu offers Slow disk and Unsync clock with a hint per role', () => {
    open({ node: 'master-1', unit: null });
    expect(item('slow-disk').getAttribute('aria-disabled')).toBeNull();
    expect(item('slow-disk').textContent).toContain('falls more than syncLimit (10 s) behind');
    expect(item('clock-unsync').textContent).toContain('dcos-net and Metronome loop in auto-restart');
    open({ node: 'agent-2', unit: null });
    expect(item('slow-disk').textContent).toContain('Every unit start here takes 4x as long');
    expect(item('clock-unsync').textContent).toContain('dcos-net loops in auto-restart');
  });

  it('says why when the node already has the condition', () => {
    const view = viewFor();
    const active: ClusterView = {
      ...view,
      faults: [
        { id: 'fault:7', fault: { kind: 'slow-disk', node: 'agent-2' }, sinceMs: 0 },
        { id: 'fault:8', fault: { kind: 'clock-unsync', node: 'agent-2' }, sinceMs: 0 },
      ],
    };
    open({ node: 'agent-2', unit: null }, active);
    expect(item('slow-disk').getAttribute('aria-disabled')).toBe('true');
    expect(item('slow-disk').textContent).toContain('agent-2 already has a slow disk; clear faults to restore it');
    expect(item('clock-unsync').getAttribute('aria-disabled')).toBe('true');
    expect(item('clock-unsync').textContent).toContain('the clock on agent-2 is already unsynchronised');
    // Other nodes are unaffected.
    open({ node: 'master-1', unit: null }, active);
    expect(item('slow-disk').getAttribute('aria-disabled')).toBeNull();
  });

  it('sends payloads of the registry shape', () => {
    open({ node: 'agent-2', unit: null });
    act(() => item('slow-disk').click());
    open({ node: 'agent-2', unit: null });
    act(() => item('clock-unsync').click());
    expect(calls.inject).toEqual([{ kind: 'slow-disk', node: 'agent-2' }, { kind: 'clock-unsync', node: 'agent-2' }]);
  });
});

describe('keyboard', () => {
  it('focuses the first enabled item, moves with arrows (wrapping), Home/End, Enter injects', () => {
    open({ node: 'master-1', unit: 'dcos-mesos-master' });
    expect(document.activeElement).toBe(item('kill'));
    key('ArrowDown');
    expect(document.activeElement).toBe(item('stop'));
    key('ArrowUp');
    key('ArrowUp');
    expect(document.activeElement).toBe(item('explain'));
    key('Home');
    expect(document.activeElement).toBe(item('kill'));
    key('End');
    key('ArrowDown');
    expect(document.activeElement).toBe(item('kill'));
    key('Enter');
    expect(calls.inject).toEqual([{ kind: 'kill', node: 'master-1', unit: 'dcos-mesos-master' }]);
    expect(calls.close).toBe(1);
  });

  it('Escape closes and focus returns to the opener when the menu goes away', () => {
    open({ node: 'master-1', unit: 'dcos-exhibitor' });
    expect(document.activeElement).not.toBe(opener);
    key('Escape');
    expect(calls.close).toBe(1);
    act(() => dom.render(<></>));
    expect(document.activeElement).toBe(opener);
  });

  it('Explain calls onExplain with the unit', () => {
    open({ node: 'master-2', unit: 'dcos-marathon' });
    act(() => item('explain').click());
    expect(calls.explain).toEqual([{ node: 'master-2', unit: 'dcos-marathon' }]);
  });
});

describe('mouse', () => {
  it('a click outside closes; a click inside does not', () => {
    open({ node: 'master-1', unit: 'dcos-exhibitor' });
    act(() => { item('kill').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })); });
    expect(calls.close).toBe(0);
    act(() => { opener.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })); });
    expect(calls.close).toBe(1);
  });

  it('stays inside the viewport when opened near the bottom-right corner', () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ x: 0, y: 0, width: 320, height: 400, top: 0, left: 0, right: 320, bottom: 400, toJSON: () => ({}) });
    open({ node: 'master-1', unit: 'dcos-exhibitor' }, viewFor(), { x: window.innerWidth - 10, y: window.innerHeight - 10 });
    const menu = document.querySelector<HTMLElement>('[role="menu"]')!;
    expect(parseFloat(menu.style.left) + 320).toBeLessThanOrEqual(window.innerWidth);
    expect(parseFloat(menu.style.top) + 400).toBeLessThanOrEqual(window.innerHeight);
    vi.restoreAllMocks();
  });
});

describe('payloads', () => {
  it('every enabled action sends a fault the protocol accepts (unit and node menus)', () => {
    const targets: FaultTarget[] = [
      { node: 'master-1', unit: 'dcos-mesos-master' },
      { node: 'agent-2', unit: null },
      { node: 'agent-1', unit: null },
    ];
    const views = [viewFor(), withUnit(viewFor(), 'master-1', 'dcos-mesos-master', 'stopped')];
    for (const view of views) {
      for (const target of targets) {
        open(target, view);
        for (const el of items()) if (el.getAttribute('aria-disabled') === null && el.dataset.action !== 'explain') act(() => el.click());
      }
    }
    const kinds = new Set(calls.inject.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['clock-unsync', 'crash', 'delay', 'hang', 'heal', 'kill', 'partition', 'slow-disk', 'start', 'stop']);
    for (const f of calls.inject) expect(faultSchema.safeParse(f).success, JSON.stringify(f)).toBe(true);
    expect(calls.inject).toContainEqual({ kind: 'delay', node: 'master-1', unit: 'dcos-mesos-master', ms: 120_000 });
  });
});

describe('preview: what an item would do, before anyone clicks', () => {
  it('shows the predicted summary under a focused item and highlights the units it would break', async () => {
    const asked: Fault[] = [];
    const highlighted: (string[] | null)[] = [];
    const preview = (fault: Fault) => {
      asked.push(fault);
      return Promise.resolve({
        ok: true as const, fromMs: 0, untilMs: 300_000,
        affected: [
          { node: 'master-1', unit: 'dcos-oauth', to: 'failed' as const, atMs: 1 },
          { node: 'master-1', unit: 'dcos-history', to: 'healthy' as const, atMs: 2 },
        ],
        cluster: { health: 'unhealthy' as const, atMs: 50_000 }, summary: '1 unit fails, cluster Unhealthy after 50 s, API stays up',
      });
    };
    await act(async () => {
      dom.render(<FaultMenu target={{ node: 'master-1', unit: 'dcos-exhibitor' }} anchor={{ x: 40, y: 50 }} view={viewFor()}
        onInject={() => {}} onExplain={() => {}} onClose={() => {}} preview={preview} onPreviewHighlight={(r) => highlighted.push(r)} />);
      await Promise.resolve();
    });
    await act(async () => {
      item('stop').focus();
      await new Promise((r) => setTimeout(r, 0));
    });
    // Opening focuses the first item (Kill): its preview comes first, then Stop's.
    expect(asked).toEqual([{ kind: 'kill', node: 'master-1', unit: 'dcos-exhibitor' }, { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }]);
    expect(item('stop').querySelector('[data-testid="fault-preview"]')!.textContent).toBe('Within 5 min: 1 unit fails, cluster Unhealthy after 50 s, API stays up');
    expect(highlighted.at(-1)).toEqual(['master-1/dcos-oauth']);
    // Asked once per item per opening: focusing it again uses the answer it has.
    await act(async () => {
      item('explain').focus();
      item('stop').focus();
      await Promise.resolve();
    });
    expect(asked).toHaveLength(2); // Explain is not a fault (no preview); Stop's answer is reused
    expect(highlighted.at(-1)).toEqual(['master-1/dcos-oauth']);
  });
});
