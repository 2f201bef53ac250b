// The event log's CSV survives what causes really contain (commas, quotes, newlines): a header, then exactly one
// record per event, and parsing a record back gives the event's own fields and the whole event as JSON. The ndjson
// is the CLI's line format.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './types.ts';
import { CSV_COLUMNS, csvField, eventNdjsonLine, eventsToCsv, eventsToNdjson } from './eventExport.ts';
import { parseCsv } from './parseCsv.testing.ts';

const events: SimEvent[] = [
  { seq: 1, simTimeMs: 0, type: 'narration', text: 'Boot starts, "slowly", then:\nall at once' },
  { seq: 2, simTimeMs: 1_234, type: 'unit', node: 'master-1', unit: 'dcos-exhibitor', from: 'inactive', to: 'starting', cause: { text: 'waits for "zk", quorum, and\r\nDNS', refs: ['fact:quorum', 'master-1/dcos-spartan'] } },
  { seq: 3, simTimeMs: 65_000, type: 'quorum', have: 2, need: 2, cause: { text: 'plain' } },
] as SimEvent[];

describe('event log export', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('writes a header and one record per event, each reading back to the event', () => {
    const csv = eventsToCsv(events);
    const records = parseCsv(csv);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(events.length + 1);
    for (const [i, e] of events.entries()) {
      const row = Object.fromEntries(CSV_COLUMNS.map((c, k) => [c, records[i + 1][k]]));
      expect(row.seq).toBe(String(e.seq));
      expect(row.type).toBe(e.type);
      expect(JSON.parse(row.event)).toEqual(e);
    }
    const unit = Object.fromEntries(CSV_COLUMNS.map((c, k) => [c, records[2][k]]));
    expect(unit).toMatchObject({ time: '00:01.234', node: 'master-1', unit: 'dcos-exhibitor', detail: 'inactive -> starting', cause: 'waits for "zk", quorum, and\r\nDNS', refs: 'fact:quorum master-1/dcos-spartan' });
    expect(records[1][6]).toBe('Boot starts, "slowly", then:\nall at once');
    expect(records[3][6]).toBe('quorum 2 serving, 2 needed');
  });

  it('an empty log is just the header', () => {
    expect(eventsToCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(eventsToNdjson([])).toBe('');
  });

  it('ndjson is one JSON event per line, seq and time first', () => {
    const lines = eventsToNdjson(events).split('\n');
    expect(lines).toHaveLength(events.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(eventNdjsonLine(events[1]));
    expect(Object.keys(JSON.parse(lines[1]) as object).slice(0, 3)).toEqual(['seq', 'simTimeMs', 'type']);
  });
});
