// The round trip of architecture.md §10: the simulator's own `journalctl -o json` journal, read back by the importer,
// gives back exactly the facts the generator wrote it from — for every built-in scenario (scenarios/*.json). Big
// clusters are checked on every master plus a few agents (the journal of 5,000 agents is the same code 5,000 times).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import { createScriptPlayer } from '../../shared/engine/script.ts';
import type { SimEvent } from '../../shared/engine/types.ts';
import { createJournalGenerator } from '../../shared/journal/generator.ts';
import { jsonLine, shortIsoLine } from '../../shared/journal/format.ts';
import { importJournalText } from '../../shared/journal/importer.ts';
import { SIM_EPOCH_US } from '../../shared/journal/time.ts';
import type { JournalEntry, JournalFact } from '../../shared/journal/types.ts';
import { resolveScenario } from '../scenarios.ts';

const DIR = join(import.meta.dirname, '../../scenarios');
const names = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

function journalsOf(name: string): { entries: JournalEntry[]; events: SimEvent[] } {
  const loaded = resolveScenario(name, DIR);
  if (!loaded.ok) throw new Error(loaded.error);
  const s = loaded.scenario;
  const c = s.cluster;
  const nodes = [...Array.from({ length: c.masters }, (_, i) => `master-${i + 1}`), ...Array.from({ length: Math.min(3, c.agents) }, (_, i) => `agent-${i + 1}`), ...(c.publicAgents > 0 ? ['public-agent-1'] : [])];
  const engine = createEngine({ cluster: c, seed: s.seed });
  const player = createScriptPlayer(s.steps);
  const generators = nodes.map((n) => createJournalGenerator(c, n));
  const perNode: JournalEntry[][] = nodes.map(() => []);
  const events: SimEvent[] = [];
  const untilMs = ('untilMs' in s ? s.untilMs : s.durationMs) ?? 600_000;
  for (let t = 1_000; ; t = Math.min(t + 10_000, untilMs)) {
    const slice = player.advanceTo(engine, t);
    for (const e of slice.events) {
      if (c.agents <= 100) events.push(e);
      generators.forEach((g, i) => perNode[i].push(...g.push(e)));
    }
    if (t >= untilMs) break;
  }
  return { entries: perNode.flat(), events };
}

const expectedFacts = (entries: JournalEntry[], line: (e: JournalEntry) => string): JournalFact[] =>
  entries.filter((e) => e.fact).map((e) => ({ kind: e.fact!.kind, node: e.node, unit: e.fact!.unit ?? e.unit, ...(e.fact!.to !== undefined ? { to: e.fact!.to } : {}), atMs: Math.floor((e.realtimeUs - SIM_EPOCH_US) / 1000), line: line(e) }));

describe('round trip: the simulator\'s json journal read back gives its own facts', () => {
  it.each(names)('%s', (name) => {
    const { entries } = journalsOf(name);
    const text = entries.map(jsonLine).join('\n') + '\n';
    const result = importJournalText(text);
    expect(result.format).toBe('json');
    const expected = expectedFacts(entries, jsonLine);
    expect(expected.length).toBeGreaterThan(20);
    expect(result.facts).toEqual(expected);
    expect(result.journalLines).toBe(entries.length);
    // Only lines of units with no process templates go unrecognised (dcos-net and friends write systemd lines only here).
    expect(result.unrecognised).toBe(0);
  });

  it('short-iso text of one scenario gives the same facts, times relative to its first line', () => {
    const { entries } = journalsOf('healthy-boot');
    const text = entries.map(shortIsoLine).join('\n');
    const result = importJournalText(text);
    expect(result.format).toBe('short-iso');
    const firstSecondUs = Math.floor(Math.min(...entries.map((e) => e.realtimeUs)) / 1e6) * 1e6;
    const expected = expectedFacts(entries, shortIsoLine).map((f, i) => ({ ...f, atMs: Math.floor((Math.floor(entries.filter((e) => e.fact)[i].realtimeUs / 1e6) * 1e6 - firstSecondUs) / 1000) }));
    expect(result.facts).toEqual(expected);
  });
});
