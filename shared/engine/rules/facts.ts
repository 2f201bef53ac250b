// Live descriptions of the cluster-wide facts (quorum, leaders, DNS names): what they are right now and, when
// they are missing, what they wait on (refs), so gates and explain() name the real blocker at this moment.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { isUp, quorumOk } from '../ctx.ts';
import { zkDescribe } from './zookeeper.ts';

function masterUnits(ctx: Ctx, unit: string, pred: (i: number) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < ctx.topo.masters; i++) if (pred(i)) out.push(`${ctx.topo.ids[i]}/${unit}`);
  return out;
}

export function liveFact(ctx: Ctx, ref: string): Cause | null {
  const s = ctx.s;
  switch (ref) {
    case 'fact:quorum': {
      const refs = masterUnits(ctx, 'dcos-exhibitor', (i) => !s.zk.serving[i]);
      return { text: zkDescribe(ctx), refs: s.zk.converged || refs.length > 0 ? refs : [] };
    }
    case 'fact:mesos-leader': {
      const m = s.mesos;
      if (m.leader >= 0) return { text: `the Mesos leader is ${ctx.topo.ids[m.leader]}` };
      if (!quorumOk(ctx)) return { text: `no Mesos leader: ${zkDescribe(ctx)}`, refs: ['fact:quorum'] };
      const down = masterUnits(ctx, 'dcos-mesos-master', (i) => !isUp(ctx, i, 'dcos-mesos-master'));
      if (m.recovering >= 0) return { text: `no Mesos leader yet: ${ctx.topo.ids[m.recovering]} was elected and waits for a quorum of registry replicas`, refs: down };
      if (down.length === ctx.topo.masters) return { text: 'no Mesos leader: no Mesos master is running', refs: down };
      return { text: 'no Mesos leader yet: election in progress (a crashed leader\'s ZooKeeper session must expire first)', refs: s.factCauses['fact:mesos-leader']?.refs ?? [] };
    }
    case 'fact:marathon-leader': {
      const m = s.marathon;
      if (m.leader >= 0) return { text: `the Marathon leader is ${ctx.topo.ids[m.leader]}${m.registered ? ', registered with Mesos' : ', not registered with Mesos yet'}`, refs: m.registered ? [] : ['fact:mesos-leader'] };
      const down = masterUnits(ctx, 'dcos-marathon', (i) => !isUp(ctx, i, 'dcos-marathon'));
      return { text: down.length === ctx.topo.masters ? 'no Marathon leader: no Marathon instance is running' : 'no Marathon leader yet: election in progress', refs: down };
    }
    case 'fact:leader.mesos':
    case 'fact:marathon.mesos': {
      const name = ref.slice(5);
      const value = s.dns.values[name];
      if (value) return { text: `${name} resolves to ${value}` };
      const serving = s.dns.loaded.some((l, i) => l && s.nodes[i].up && !s.nodes[i].partitioned);
      if (!serving) {
        const refs = masterUnits(ctx, 'dcos-mesos-dns', (i) => !s.dns.loaded[i]);
        if (s.mesos.leader < 0) refs.unshift('fact:mesos-leader');
        const why = s.mesos.leader < 0 ? 'no Mesos leader' : 'no instance has loaded state from the leader yet';
        return { text: `${name} does not resolve: no Mesos-DNS is serving (${why})`, refs };
      }
      if (name === 'marathon.mesos') {
        if (!s.marathon.registered) return { text: 'marathon.mesos does not resolve: Marathon is not registered as a framework', refs: ['fact:marathon-leader'] };
        return { text: 'marathon.mesos does not resolve yet: Mesos-DNS adds it at its next refresh (every 30 s)', refs: [] };
      }
      return { text: `${name} does not resolve`, refs: ['fact:mesos-leader'] };
    }
  }
  return null;
}
