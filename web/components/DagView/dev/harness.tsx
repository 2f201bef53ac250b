// Dev harness (not part of the app bundle; open it through `npx vite` at /web/components/DagView/dev/harness.html):
// the DagView on the real catalog with scripted cluster states, sized
// like the app's DAG pane. URL: ?m=3&a=2&p=1&s=boot|healthy|noleader|partition&w=990&h=380&theme=dark&hl=1&sel=1
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ClusterView, UnitState } from '../../../../shared/protocol/types.ts';
import { catalogUnitsForRole } from '../../../viz/dagCatalog.ts';
import { fixtureView, withUnitState } from '../../../viz/dagFixtures.ts';
import { DagView } from '../DagView.tsx';
import '../stateColors.css';

const q = new URLSearchParams(location.search);
const num = (k: string, d: number): number => Number(q.get(k) ?? d);
const masters = num('m', 3) as 1 | 3 | 5;
const scenario = q.get('s') ?? 'boot';
document.documentElement.dataset.theme = q.get('theme') ?? 'light';

function build(): ClusterView {
  let v = fixtureView(masters, num('a', 2), num('p', 1), 'healthy', catalogUnitsForRole);
  const set = (node: string, unit: string, s: UnitState) => { v = withUnitState(v, node, unit, s); };
  if (scenario === 'boot' || scenario === 'noleader') {
    v = { ...v, leaders: { mesos: null, marathon: null }, dns: { 'leader.mesos': null, 'marathon.mesos': null }, quorum: { have: 3, need: 2 }, registeredAgents: [] };
    for (const n of v.nodes) {
      for (const u of n.units) {
        const s: UnitState = ['dcos-exhibitor', 'dcos-net', 'dcos-diagnostics', 'dcos-log-master', 'dcos-log-agent', 'dcos-pkgpanda-api'].includes(u.id) ? 'healthy'
          : u.id === 'dcos-mesos-master' ? 'starting' : u.id === 'dcos-mesos-slave' ? 'waiting' : ['dcos-rexray', 'dcos-logrotate-agent'].includes(u.id) ? 'pending' : 'waiting';
        set(n.id, u.id, s);
      }
    }
    set('master-2', 'dcos-mesos-master', 'failed');
    if (scenario === 'noleader') set('master-3', 'dcos-exhibitor', 'stopped');
  }
  if (scenario === 'partition') {
    v = { ...v, leaders: { mesos: 'master-2', marathon: 'master-1' }, quorum: { have: 2, need: 2 } };
    v = { ...v, nodes: v.nodes.map((n) => (n.id === 'master-3' ? { ...n, partitioned: true, health: 'unknown' } : n.id === 'agent-2' ? { ...n, up: false, health: 'unknown' } : n)) };
    set('master-3', 'dcos-exhibitor', 'unhealthy');
    set('agent-1', 'dcos-mesos-slave', 'unhealthy');
  }
  return v;
}

const initial = build();
const STREAM_MS = 100;
const CYCLE: UnitState[] = ['healthy', 'waiting', 'starting', 'healthy'];

/** `stream=1`: a new view every STREAM_MS with one agent unit changed, like a live event batch. */
function Live() {
  const [view, setView] = useState(initial);
  useEffect(() => {
    if (!q.get('stream')) return;
    let i = 0;
    const id = setInterval(() => {
      i++;
      setView((v) => withUnitState(v, `agent-${1 + (i % Math.max(1, num('a', 2)))}`, 'dcos-mesos-slave', CYCLE[i % CYCLE.length]!));
    }, STREAM_MS);
    return () => clearInterval(id);
  }, []);
  return <DagView view={view} selected={sel} highlight={hl} onActivate={(t, a) => console.log('activate', JSON.stringify(t), JSON.stringify(a))} />;
}
const hl = q.get('hl') ? ['master-1/dcos-marathon', 'master-1/dcos-mesos-dns', 'master-1/dcos-mesos-master', 'fact:mesos-leader'] : [];
const sel = q.get('sel') ? { node: 'master-1', unit: 'dcos-marathon' } : null;
createRoot(document.getElementById('root')!).render(
  <div style={{ width: num('w', 990), height: num('h', 380), border: '1px solid #ccc' }}>
    <Live />
  </div>,
);
