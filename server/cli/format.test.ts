// The text a teacher reads: aligned columns, no restated state, wrapped narration, colour only when asked.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../shared/engine/types.ts';
import { formatEventText, NARRATION_WIDTH, textStyle, wrap } from './format.ts';

const plain = textStyle({ masters: 3, agents: 2, publicAgents: 1 }, false);

describe('formatEventText', () => {
  it('prints a unit transition in aligned columns without repeating the new state in the cause', () => {
    const e = { seq: 7, simTimeMs: 42_118, type: 'unit', node: 'master-1', unit: 'dcos-mesos-master', from: 'waiting', to: 'starting', cause: { text: 'starting: ready.spartan resolves' } } as SimEvent;
    expect(formatEventText(e, plain)).toBe('[00:42.118] master-1       dcos-mesos-master        waiting -> starting  (ready.spartan resolves)');
  });

  it('sets narration apart on its own lines, wrapped for a projector', () => {
    const text = 'word '.repeat(60).trim();
    const out = formatEventText({ seq: 1, simTimeMs: 0, type: 'narration', text } as SimEvent, plain);
    const lines = out.split('\n');
    expect(lines[0]).toBe('');
    expect(lines.at(-1)).toBe('');
    expect(lines[1].startsWith('[00:00.000] >>> word')).toBe(true);
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines.slice(2, -1)) expect(l.startsWith(' '.repeat(16) + 'word')).toBe(true);
  });

  it('says what no quorum and no leader mean in words', () => {
    expect(formatEventText({ seq: 2, simTimeMs: 1000, type: 'quorum', have: 1, need: 2, cause: { text: 'x' } } as SimEvent, plain)).toContain('1 serving, 2 needed - NO QUORUM');
    expect(formatEventText({ seq: 3, simTimeMs: 1000, type: 'leader', role: 'mesos', node: null, cause: { text: 'x' } } as SimEvent, plain)).toContain('Mesos leader             none');
  });

  it('prints an event type it does not know as JSON instead of failing', () => {
    const odd = { seq: 9, simTimeMs: 5, type: 'future-thing', value: 1 } as unknown as SimEvent;
    expect(formatEventText(odd, plain)).toBe('[00:00.005] {"seq":9,"simTimeMs":5,"type":"future-thing","value":1}');
  });

  it('colours only when the style asks for it', () => {
    const e = { seq: 1, simTimeMs: 0, type: 'cluster', health: 'unhealthy', cause: { text: 'x' } } as SimEvent;
    expect(formatEventText(e, plain)).not.toContain('\x1b[');
    expect(formatEventText(e, { ...plain, color: true })).toContain('\x1b[31mUNHEALTHY');
  });
});

describe('wrap', () => {
  it('keeps every line within the width and loses no word', () => {
    const text = 'ZooKeeper has quorum again, all three serve. master-1 wins the Mesos election, the agents re-register within a second and Mesos-DNS publishes leader.mesos.';
    const lines = wrap(text, 40);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.join(' ')).toBe(text);
    expect(wrap('short', NARRATION_WIDTH)).toEqual(['short']);
  });
});
