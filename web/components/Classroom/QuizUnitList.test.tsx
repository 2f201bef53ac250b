// @vitest-environment happy-dom
// A student on a phone can answer with every unit that can fail: OAuth on master-2 is in the list, not only the spine.
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import { listedNodes, QuizUnitList } from './QuizUnitList.tsx';
import { renderToStaticMarkup } from 'react-dom/server';

const node = (id: string, role: 'master' | 'agent' | 'agent_public', units: string[]) => ({ id, role, up: true, partitioned: false, units: units.map((u) => ({ id: u, state: 'healthy' })) });

describe('the quiz list on a phone', () => {
  const view = {
    nodes: [
      node('master-1', 'master', ['dcos-exhibitor', 'dcos-oauth']), node('master-2', 'master', ['dcos-exhibitor', 'dcos-oauth']),
      ...Array.from({ length: 8 }, (_, i) => node(`agent-${i + 1}`, 'agent', ['dcos-mesos-slave'])),
    ],
  } as unknown as ClusterView;

  it('offers every unit of every master, OAuth included, and each agent up to six', () => {
    const html = renderToStaticMarkup(<QuizUnitList view={view} picks={['master-2/dcos-oauth']} onToggle={() => undefined} open />);
    expect(html).toContain('data-ref="master-2/dcos-oauth"');
    expect(html).toContain('data-ref="master-1/dcos-exhibitor"');
    expect(html).toContain('1 picked');
    expect(listedNodes(view).map((n) => n.id)).toEqual(['master-1', 'master-2', 'agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6']);
    expect(html).toContain('2 more agents');
  });
});
