// Mesos master election (dcos-model.md §5.2): masters join the ZK group /mesos, the lowest znode wins, the winner
// recovers the registry from a quorum of replicas (fatal after 60 s) and only then serves as leader. A leader
// that loses its ZK session commits suicide when the 10 s session expires. A leader that dies any other way
// (SIGKILL, a crash, a hang, and SIGTERM too: apache/mesos 1.5.x src/logging/logging.cpp `handler` logs
// "Received signal SIGTERM; exiting" and re-raises it, so the ZooKeeper session is never closed) leaves its
// znode until the session expires: no new election, and no detector (agents, schedulers, Mesos-DNS) sees any
// change before then (docs/fidelity.md).
// Invariants: at most one leader (mesos.leader) at any time; a `leader` event on every change.
import type { Cause } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import { emit, inMajority, isUp, quorumOk, schedule, scheduleAt, setWhy, step } from '../ctx.ts';
import { MESOS_ELECTION_MS, MESOS_REGISTRY_FETCH_TIMEOUT_MS, ZK_SESSION_TIMEOUT_MS } from '../../model/timings.ts';
import { between } from '../rng.ts';
import { killUnit } from './units.ts';
import { publish } from '../listeners.ts';
import { networkSteps } from './nodeSteps.ts';

const MM = 'dcos-mesos-master';

function hasZk(ctx: Ctx, n: number): boolean {
  return quorumOk(ctx) && inMajority(ctx, n);
}

function join(ctx: Ctx, n: number): void {
  const m = ctx.s.mesos;
  if (m.joinSeqByMaster[n] >= 0) return;
  m.joinSeqByMaster[n] = m.joinSeq++;
  const id = ctx.topo.ids[n];
  const refs = [`${id}/${MM}`, 'fact:quorum'];
  step(ctx, 'master.3.1', n, MM, { text: `Mesos master on ${id} created its ephemeral znode in /mesos (ZooKeeper)`, refs });
  const others = m.joinSeqByMaster.filter((j, i) => j >= 0 && i !== n).length;
  step(ctx, 'master.3.2', n, MM, { text: `Mesos master on ${id} sees ${others} other master(s) in /mesos`, refs });
  if (m.leader >= 0) step(ctx, 'master.3.3', n, MM, { text: `Mesos master on ${id} follows the leading master ${ctx.topo.ids[m.leader]}`, refs: ['fact:mesos-leader'] });
  maybeElect(ctx);
}

export function onMesosMasterUp(ctx: Ctx, n: number): void {
  step(ctx, 'master.3', n, MM, { text: 'Mesos master is active', refs: [`${ctx.topo.ids[n]}/${MM}`] });
  if (hasZk(ctx, n)) join(ctx, n);
  const m = ctx.s.mesos;
  if (m.recovering >= 0) tryFinishRecovery(ctx);
  networkSteps(ctx, n);
}

export function onMesosMasterDown(ctx: Ctx, n: number, to: string): void {
  const m = ctx.s.mesos;
  m.joinSeqByMaster[n] = -1;
  if (m.recovering === n) m.recovering = -1;
  if (m.leader === n) {
    // No exit closes the ZooKeeper session (SIGTERM is re-raised, not handled): the znode stays until the session
    // expires. After a session-expiry suicide the znode is already gone.
    const id = ctx.topo.ids[n];
    if (m.lostZkAtMs >= 0) {
      leaderLost(ctx, { text: `no Mesos leader: the leading master ${id} is down`, refs: [`${id}/${MM}`] }, 0);
    } else {
      const how = to === 'unhealthy' ? 'hung' : to === 'stopped' ? 'stopped (SIGTERM is re-raised: its ZooKeeper session is not closed)' : 'down';
      leaderLost(ctx, { text: `no Mesos leader: the leading master ${id} is ${how}; its /mesos znode stays until its ZooKeeper session expires (10 s)`, refs: [`${id}/${MM}`] }, ZK_SESSION_TIMEOUT_MS);
    }
  }
  maybeElect(ctx);
}

export function maybeElect(ctx: Ctx): void {
  const m = ctx.s.mesos;
  if (m.leader >= 0 || m.recovering >= 0 || m.electing || !quorumOk(ctx)) return;
  if (!m.joinSeqByMaster.some((j) => j >= 0)) return;
  m.electing = true;
  scheduleAt(ctx, Math.max(ctx.s.simTimeMs, m.blockedUntilMs) + between(ctx.s, 'mesos', MESOS_ELECTION_MS), 'elect');
}

export function elect(ctx: Ctx): void {
  const m = ctx.s.mesos;
  m.electing = false;
  if (m.leader >= 0 || m.recovering >= 0 || !quorumOk(ctx)) return;
  let w = -1;
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (m.joinSeqByMaster[i] >= 0 && isUp(ctx, i, MM) && hasZk(ctx, i) && (w < 0 || m.joinSeqByMaster[i] < m.joinSeqByMaster[w])) w = i;
  }
  if (w < 0) return;
  m.recovering = w;
  m.leaderEpoch++;
  schedule(ctx, MESOS_REGISTRY_FETCH_TIMEOUT_MS, 'recoveryTimeout', w, -1, m.leaderEpoch);
  tryFinishRecovery(ctx);
}

function replicas(ctx: Ctx): number {
  let r = 0;
  for (let i = 0; i < ctx.topo.masters; i++) if (isUp(ctx, i, MM) && hasZk(ctx, i)) r++;
  return r;
}

/**
 * Replicas the registrar's fetch needs: a quorum of an initialised log; every one of a fresh log, which
 * auto-initialises only when all 2 x quorum - 1 replicas answer EMPTY or STARTING (apache/mesos 1.5.x
 * src/log/recover.cpp; `log_auto_initialize` defaults to true in src/master/flags.cpp and DC/OS does not set it).
 */
function replicasNeeded(ctx: Ctx): number {
  return ctx.s.mesos.freshLog === true ? ctx.topo.masters : ctx.topo.need;
}

function tryFinishRecovery(ctx: Ctx): void {
  const m = ctx.s.mesos;
  const w = m.recovering;
  if (w < 0 || replicas(ctx) < replicasNeeded(ctx)) return;
  const fresh = m.freshLog === true;
  m.recovering = -1;
  m.leader = w;
  m.lostZkAtMs = -1;
  if (fresh) m.freshLog = false;
  const id = ctx.topo.ids[w];
  const how = fresh
    ? `initialised the fresh replicated log with all ${ctx.topo.masters} replicas`
    : `recovered the registry from ${replicas(ctx)}/${ctx.topo.masters} replicas`;
  const cause: Cause = { text: `${id} elected as the leading Mesos master (lowest /mesos znode) and ${how}`, refs: ['fact:quorum', `${id}/${MM}`] };
  setWhy(ctx, 'fact:mesos-leader', cause);
  emit(ctx, { type: 'leader', role: 'mesos', node: id, cause });
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (m.joinSeqByMaster[i] < 0) continue;
    const text = i === w ? `Mesos master on ${id}: "Elected as the leading master!"` : `Mesos master on ${ctx.topo.ids[i]} follows the new leader ${id}`;
    step(ctx, 'master.3.3', i, MM, { text, refs: ['fact:mesos-leader'] });
  }
  publish(ctx, 'mesosLeaderChanged', true, cause);
}

export function recoveryTimeout(ctx: Ctx, n: number, e: number): void {
  const m = ctx.s.mesos;
  if (m.recovering !== n || m.leaderEpoch !== e) return;
  m.recovering = -1;
  const why = ctx.s.mesos.freshLog === true
    ? `the replicated log is fresh and initialises only when all ${ctx.topo.masters} replicas answer; ${replicas(ctx)} do`
    : `only ${replicas(ctx)} of ${ctx.topo.need} needed replicas`;
  killUnit(ctx, n, MM, { text: `exited: "Recovery failed": registry fetch timed out after 60 s (registry_fetch_timeout; ${why})`, refs: ['fact:quorum'] });
}

/**
 * The leader stopped serving. Its detectors (agents, schedulers, Mesos-DNS, the other masters) learn it only when
 * its znode goes: at once after a session-expiry suicide, else `blockMs` later (session expiry). Until then an
 * agent only logs "Master disconnected! Waiting for a new master to be elected" (apache/mesos 1.5.x
 * src/slave/slave.cpp `Slave::exited`) and a scheduler driver calls nothing (src/sched/sched.cpp: `disconnected()`
 * only from `detected()`).
 */
function leaderLost(ctx: Ctx, cause: Cause, blockMs: number): void {
  const m = ctx.s.mesos;
  m.leader = -1;
  m.leaderEpoch++;
  m.lostZkAtMs = -1;
  m.blockedUntilMs = ctx.s.simTimeMs + blockMs;
  setWhy(ctx, 'fact:mesos-leader', cause);
  emit(ctx, { type: 'leader', role: 'mesos', node: null, cause });
  if (blockMs === 0) publish(ctx, 'mesosLeaderChanged', false, cause);
  else schedule(ctx, blockMs, 'znodeGone', -1, -1, m.leaderEpoch);
}

/** The dead leader's ZooKeeper session expired: its znode is gone and every detector reports the change now. */
export function znodeGone(ctx: Ctx, e: number): void {
  const m = ctx.s.mesos;
  if (m.leaderEpoch !== e || m.leader >= 0) return;
  const cause: Cause = { text: 'the dead leading master\'s ZooKeeper session expired (10 s): its /mesos znode is gone and every detector reports the change', refs: ['fact:mesos-leader'] };
  publish(ctx, 'mesosLeaderChanged', false, cause);
}

/** ZooKeeper access changed for the leader (quorum lost/regained, partition): session expiry timer. */
export function checkLeaderSession(ctx: Ctx): void {
  const m = ctx.s.mesos;
  if (m.leader < 0) return;
  if (hasZk(ctx, m.leader)) {
    m.lostZkAtMs = -1;
    return;
  }
  if (m.lostZkAtMs >= 0) return;
  m.lostZkAtMs = ctx.s.simTimeMs;
  schedule(ctx, ZK_SESSION_TIMEOUT_MS, 'leaderExpire', m.leader, -1, m.leaderEpoch);
}

export function leaderExpire(ctx: Ctx, n: number, e: number): void {
  const m = ctx.s.mesos;
  if (m.leader !== n || m.leaderEpoch !== e || m.lostZkAtMs < 0) return;
  killUnit(ctx, n, MM, { text: 'exited: "Lost candidacy as a leader... committing suicide!" (ZooKeeper session expired after 10 s)', refs: ['fact:quorum'] });
}

export function onQuorumChange(ctx: Ctx, ok: boolean): void {
  const m = ctx.s.mesos;
  if (!ok) {
    for (let i = 0; i < ctx.topo.masters; i++) m.joinSeqByMaster[i] = -1;
    if (m.recovering >= 0) m.recovering = -1;
  } else {
    onZkAccessChanged(ctx);
  }
  checkLeaderSession(ctx);
}

/** Re-join masters that can reach ZooKeeper again (quorum back, partition healed). */
export function onZkAccessChanged(ctx: Ctx): void {
  const m = ctx.s.mesos;
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (!hasZk(ctx, i)) m.joinSeqByMaster[i] = -1;
    else if (isUp(ctx, i, MM)) join(ctx, i);
  }
  checkLeaderSession(ctx);
  maybeElect(ctx);
}
