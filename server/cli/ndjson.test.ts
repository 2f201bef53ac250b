// The CLI's ndjson lines reuse each diagnostics node report's JSON across the pulls that list the same report
// (createEventNdjsonLine): they must be exactly eventNdjsonLine's bytes, the format the room's download shares.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import type { SimEvent } from '../../shared/engine/types.ts';
import { createEventNdjsonLine, eventNdjsonLine } from '../../shared/protocol/eventExport.ts';

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
