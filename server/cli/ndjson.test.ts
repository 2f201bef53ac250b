// The ndjson line is JSON.stringify(Object.assign({ seq, simTimeMs }, event)) byte for byte, whatever shortcut
// writes it: unit and step events through a fixed-shape literal (eventNdjsonLine), and in the CLI each diagnostics
// node report's JSON reused across the pulls that list the same report (createEventNdjsonLine).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import type { SimEvent } from '../../shared/engine/types.ts';
import { createEventNdjsonLine, eventNdjsonLine } from '../../shared/protocol/eventExport.ts';

const reference = (e: SimEvent) => JSON.stringify(Object.assign({ seq: e.seq, simTimeMs: e.simTimeMs }, e));

describe('eventNdjsonLine', () => {
  it('writes the reference bytes for every event of a boot with faults', () => {
    const engine = createEngine({ cluster: { masters: 3, agents: 5, publicAgents: 1 }, seed: 2 });
    const events: SimEvent[] = [...engine.advanceTo(120_000)];
    const injected = engine.inject({ kind: 'crash', node: 'master-1' });
    if (injected.ok) events.push(...injected.events);
    events.push(...engine.advanceTo(400_000));
    expect(events.some((e) => e.type === 'unit') && events.some((e) => e.type === 'step')).toBe(true);
    for (const e of events) expect(eventNdjsonLine(e)).toBe(reference(e));
  });

  it('falls back for unit and step events shaped otherwise: other key order, extra or missing keys, stamps first', () => {
    const cause = { text: 'why "quoted"', refs: ['a/b'] };
    const shapes = [
      { seq: 1, simTimeMs: 2, type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'pending', to: 'starting', cause },
      { type: 'unit', unit: 'dcos-net', node: 'agent-1', from: 'pending', to: 'starting', cause, seq: 1, simTimeMs: 2 },
      { type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'pending', to: 'starting', cause, extra: 1, seq: 1, simTimeMs: 2 },
      { type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'pending', cause, seq: 1, simTimeMs: 2 },
      { type: 'step', step: 'agent.3', node: null, unit: undefined, text: 't\n', cause, seq: 3, simTimeMs: 4 },
      { type: 'step', step: 'agent.3', node: 'agent-1', unit: null, text: 't', cause, simTimeMs: 4, seq: 3 },
    ];
    for (const shape of shapes) expect(eventNdjsonLine(shape as unknown as SimEvent)).toBe(reference(shape as unknown as SimEvent));
  });
});

describe('createEventNdjsonLine', () => {
  it('writes the bytes of eventNdjsonLine for every event of a boot, reports shared between pulls included', () => {
    const engine = createEngine({ cluster: { masters: 3, agents: 20, publicAgents: 1 }, seed: 5 });
    const events: SimEvent[] = [];
    for (let t = 10_000; t <= 600_000; t += 10_000) events.push(...engine.advanceTo(t));
    const reports = events.flatMap((e) => (e.type === 'diagnostics' ? e.changed ?? [] : []));
    expect(new Set(reports).size).toBeLessThan(reports.length); // the cache is exercised
    const line = createEventNdjsonLine();
    for (const e of events) expect(line(e)).toBe(eventNdjsonLine(e));
  });

  it('keeps odd shapes exact: extra keys, undefined values, holes and non-objects in changed', () => {
    const line = createEventNdjsonLine();
    const report = { ip: '10.0.0.1', node: 'master-1', role: 'master', health: 0, units: {} };
    const odd = { type: 'diagnostics', puller: null, nodes: 1, extra: undefined, changed: [report, undefined, 3, report], cause: { text: 'x"y' }, seq: 4, simTimeMs: 9 };
    const e = odd as unknown as SimEvent;
    expect(line(e)).toBe(eventNdjsonLine(e));
    expect(line(e)).toBe(eventNdjsonLine(e));
  });
});
