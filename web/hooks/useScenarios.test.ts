// The scenario list is read from either envelope the server might use.
import { describe, expect, it } from 'vitest';
import { parseScenarioList } from './useScenarios.ts';

describe('useScenarios', () => {
  it('reads scenarios from a bare list or { scenarios } and drops malformed entries', () => {
    const s = { name: 'zk-quorum-loss', title: 'ZooKeeper loses quorum', description: 'two Exhibitors stop' };
    expect(parseScenarioList([s])).toEqual([s]);
    expect(parseScenarioList({ scenarios: [s, { name: 3 }] })).toEqual([s]);
    expect(parseScenarioList({ error: 'nope' })).toEqual([]);
  });
});
