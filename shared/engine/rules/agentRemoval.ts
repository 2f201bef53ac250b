// The leading master's agent removal rate limiter (dcos-model.md §5.5a): DC/OS sets
// MESOS_SLAVE_REMOVAL_RATE_LIMIT=1/20mins, so at most one agent is marked unreachable per 20 minutes; the others
// wait for a permit in FIFO order (and are not marked if they come back first). The limiter lives in the master
// process, so a new leader starts with a fresh one.
// Invariant: at most one permit per AGENT_REMOVAL_RATE_LIMIT_MS within one leader epoch.
import type { Ctx } from '../ctx.ts';
import { AGENT_REMOVAL_RATE_LIMIT_MS } from '../../model/timings.ts';

/** Take a permit now: -1 when granted, else the time the next permit is available. */
export function takeRemovalPermit(ctx: Ctx): number {
  const s = ctx.s;
  const p = s.mesos.removalPermit;
  if (p.leaderEpoch === s.mesos.leaderEpoch && p.atMs > s.simTimeMs) return p.atMs;
  s.mesos.removalPermit = { leaderEpoch: s.mesos.leaderEpoch, atMs: s.simTimeMs + AGENT_REMOVAL_RATE_LIMIT_MS };
  return -1;
}
