// Who reacts to which fact, in one place and in a fixed order (listeners.ts). Each line is a cross-concern reaction
// that used to be a direct call, e.g. "quorum changed -> Mesos re-joins or drops its candidates, Marathon and
// Metronome exit, Mesos-DNS re-detects". Importing this module (index.ts does) installs the listeners once.
// Invariant: the order below is part of the engine's determinism; append, do not reorder, unless goldens are
// regenerated and reviewed.
import type { Ctx } from '../ctx.ts';
import { listen } from '../listeners.ts';
import { onDown, onUp } from './hooks.ts';
import { endHang } from '../faultEffects.ts';
import { recompute } from './zookeeper.ts';
import { onQuorumChange, onZkAccessChanged } from './mesos.ts';
import { onDnsLeaderChange, recomputeGlobal } from './dns.ts';
import { onMarathonMesosLeader, onMarathonZkLost } from './marathon.ts';
import { onAgentLinkChanged, onAgentsLeaderElected, onAgentsLeaderLost } from './agents.ts';
import { networkStepsAll } from './nodeSteps.ts';

listen('unitUp', onUp);
listen('unitDown', onDown);
listen('hangEnded', endHang);

listen('quorumChanged', (ctx: Ctx, ok) => { if (!ok) onMarathonZkLost(ctx); });
listen('quorumChanged', (ctx: Ctx, ok) => { if (!ok) onDnsLeaderChange(ctx); });
listen('quorumChanged', onQuorumChange);

listen('zkMembershipChanged', recompute);
listen('zkMembershipChanged', onZkAccessChanged);
listen('zkMembershipChanged', onDnsLeaderChange);
listen('zkMembershipChanged', recomputeGlobal);

listen('agentLinkChanged', onAgentLinkChanged);

listen('mesosLeaderChanged', (ctx: Ctx, elected) => { if (elected) onDnsLeaderChange(ctx); });
listen('mesosLeaderChanged', (ctx: Ctx, elected, cause) => { if (elected) onAgentsLeaderElected(ctx); else onAgentsLeaderLost(ctx, cause); });
listen('mesosLeaderChanged', onMarathonMesosLeader);
listen('mesosLeaderChanged', (ctx: Ctx, elected) => { if (elected) networkStepsAll(ctx); else onDnsLeaderChange(ctx); });
