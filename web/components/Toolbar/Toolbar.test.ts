// The scenario list is read from either envelope the server might use, and the page's zod-free cluster limits stay
// equal to the schema's.
import { describe, expect, it } from 'vitest';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../../shared/protocol/schemas.ts';
import { MAX_AGENTS as RESET_MAX_AGENTS, MAX_PUBLIC_AGENTS as RESET_MAX_PUBLIC_AGENTS } from '../../../shared/model/clusterLimits.ts';
import { parseScenarioList } from '../../hooks/useScenarios.ts';

describe('Toolbar', () => {
  it('offers exactly the cluster sizes the server accepts', () => {
    expect(RESET_MAX_AGENTS).toBe(MAX_AGENTS);
    expect(RESET_MAX_PUBLIC_AGENTS).toBe(MAX_PUBLIC_AGENTS);
  });

  it('reads scenarios from a bare list or { scenarios } and drops malformed entries', () => {
    const s = { name: 'zk-quorum-loss', title: 'ZooKeeper loses quorum', description: 'two Exhibitors stop' };
    expect(parseScenarioList([s])).toEqual([s]);
    expect(parseScenarioList({ scenarios: [s, { name: 3 }] })).toEqual([s]);
    expect(parseScenarioList({ error: 'nope' })).toEqual([]);
  });
});
