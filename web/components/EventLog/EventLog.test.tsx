// @vitest-environment happy-dom
// Thousands of events stay cheap (only the visible window is in the DOM), newest first, and the
// filters narrow what is listed.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { EventScript } from '../../store/timelineModel.fixture.ts';
import { bootStore } from '../../store/store.ts';
import { EventLog } from './EventLog.tsx';

const dom = mountPerTest();
beforeEach(() => {
  const s = new EventScript();
  for (let i = 0; i < 5_000; i++) s.unit(i * 10, `agent-${(i % 50) + 1}`, 'dcos-mesos-slave', 'starting', i === 4_242 ? 'failed' : 'healthy', i === 4_242 ? 'disk full' : 'ok');
  act(() => bootStore.setState({ log: s.events, logFilter: { types: [], node: '', text: '' } }));
  act(() => dom.render(<EventLog />));
});

const seqs = () => [...dom.host.querySelectorAll('.eventlog-row')].map((r) => Number(r.getAttribute('data-seq')));

describe('EventLog', () => {
  it('renders only a window of rows, newest first', () => {
    const shown = seqs();
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThan(40);
    expect(shown[0]).toBe(5_000);
    expect(shown[1]).toBe(4_999);
    expect(dom.host.querySelector('.eventlog-count')!.textContent).toBe('5,000');
  });

  it('filters by text in the cause and says how many of how many match', () => {
    act(() => bootStore.getState().actions.setLogFilter({ text: 'disk full' }));
    expect(seqs()).toEqual([4_243]);
    expect(dom.host.querySelector('.eventlog-count')!.textContent).toBe('1 of 5,000');
    expect(dom.host.querySelector('.eventlog-cause')!.textContent).toBe('because disk full');
  });

  it('filters by node', () => {
    act(() => bootStore.getState().actions.setLogFilter({ node: 'agent-7' }));
    expect(dom.host.querySelector('.eventlog-count')!.textContent).toBe('100 of 5,000');
  });
});
