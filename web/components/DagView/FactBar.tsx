// The cluster-wide facts every dependency ultimately hangs on, as badges above the masters: ZooKeeper quorum
// ("ZK 2/3", red below need), the Mesos leader, what leader.mesos resolves to, the Marathon leader. Edges whose
// leader is missing start at the matching badge. Highlighted when an explanation refers to "fact:<key>".
import { memo } from 'react';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import type { Box } from '../../viz/dagLayout.ts';
import type { FactKey } from '../../viz/dagModel.ts';

interface Fact { ok: boolean; text: string; label: string }

export function factTexts(view: Pick<ClusterView, 'quorum' | 'leaders' | 'dns'>, masters: number): Record<FactKey, Fact> {
  const { have, need } = view.quorum;
  const dnsLeader = 'leader.mesos' in view.dns ? view.dns['leader.mesos'] : view.leaders.mesos;
  return {
    quorum: {
      ok: have >= need, text: `${have >= need ? '✓' : '✕'} ZK quorum ${have}/${masters}${have < need ? `, need ${need}` : ''}`,
      label: `ZooKeeper quorum: ${have} serving, ${need} needed: ${have >= need ? 'has quorum' : 'no quorum'}`,
    },
    'mesos-leader': {
      ok: view.leaders.mesos !== null, text: view.leaders.mesos ? `♛ Mesos leader ${view.leaders.mesos}` : '✕ no Mesos leader',
      label: `Mesos leader: ${view.leaders.mesos ?? 'none'}`,
    },
    'leader.mesos': {
      ok: dnsLeader != null, text: dnsLeader ? `leader.mesos → ${dnsLeader}` : '✕ leader.mesos: none',
      label: `leader.mesos resolves to ${dnsLeader ?? 'nothing'}`,
    },
    'marathon-leader': {
      ok: view.leaders.marathon !== null, text: view.leaders.marathon ? `♛ Marathon leader ${view.leaders.marathon}` : '✕ no Marathon leader',
      label: `Marathon leader: ${view.leaders.marathon ?? 'none'}`,
    },
  };
}

export interface FactBarProps {
  quorumHave: number;
  quorumNeed: number;
  masters: number;
  mesosLeader: string | null;
  marathonLeader: string | null;
  leaderDns: string | null | undefined;
  boxes: Record<FactKey, Box>;
  highlighted: ReadonlySet<string>;
  /** Refs on the critical path: a chip whose fact is on it carries data-critical="true". */
  critical?: ReadonlySet<string>;
}

export const FactBar = memo(function FactBar(p: FactBarProps) {
  const facts = factTexts({
    quorum: { have: p.quorumHave, need: p.quorumNeed },
    leaders: { mesos: p.mesosLeader, marathon: p.marathonLeader },
    dns: p.leaderDns === undefined ? {} : { 'leader.mesos': p.leaderDns },
  }, p.masters);
  return (
    <g className="dag-facts" role="group" aria-label="Cluster facts">
      {(Object.keys(p.boxes) as FactKey[]).map((k) => {
        const b = p.boxes[k];
        const f = facts[k];
        const hl = p.highlighted.has(`fact:${k}`);
        const onPath = p.critical?.has(`fact:${k}`) === true;
        return (
          <g key={k} className={`dag-fact${f.ok ? ' is-ok' : ' is-missing'}${hl ? ' is-hl' : ''}`} transform={`translate(${b.x},${b.y})`}
            data-fact={k} data-ok={f.ok} role="img" aria-label={`${f.label}${onPath ? ' (on the critical path)' : ''}`} {...(onPath ? { 'data-critical': 'true' } : {})}>
            <title>{f.label}</title>
            {hl && <rect className="dag-ring-hl" x={-4} y={-4} width={b.w + 8} height={b.h + 8} rx={10} />}
            <rect className="dag-fact-bg" width={b.w} height={b.h} rx={b.h / 2} strokeDasharray={f.ok ? undefined : '5 3'} />
            <text className="dag-fact-text" x={b.w / 2} y={b.h / 2}>{f.text}</text>
          </g>
        );
      })}
    </g>
  );
});
