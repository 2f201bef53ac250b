// Marathon 1.6 (and Metronome's ZooKeeper behaviour) (dcos-model.md §5.5): instances join /marathon in ZK, the
// lowest znode leads, and the leader registers as a framework with the Mesos leader. Any ZK connection loss
// (SUSPENDED) exits with 101; a ZK it cannot reach within 10 s at start exits with 100; a disconnect from the
// Mesos master makes the leader abdicate and exit (103). marathon.mesos appears at each Mesos-DNS's next refresh.
// The leader latch is a Curator LeaderLatch ephemeral znode (marathon v1.6.590
// src/main/scala/mesosphere/marathon/core/election/CuratorElectionStream.scala): a clean exit closes the latch
// (SIGTERM runs the shutdown hook -> abdicateLeadership -> latch.close(); the 103 path abdicates before it
// crashes, MarathonSchedulerService.scala), so a standby wins at once; SIGKILL, a crash, a hang or a lost ZooKeeper
// connection (101: no connection to close it on) leave the znode until the 10 s session expires
// (ZookeeperConf.scala `zk_session_timeout`).
// Invariants: marathon.registered implies marathon.leader >= 0 and a Mesos leader exists.
import type { Ctx } from '../ctx.ts';
import { emit, isUp, mesosLeaderReachableFrom, schedule, scheduleAt, setWhy, step, unitAt } from '../ctx.ts';
import { MARATHON_ELECTION_MS, MARATHON_REGISTER_MS, ZK_SESSION_TIMEOUT_MS } from '../../model/timings.ts';
import { between } from '../rng.ts';
import { killUnit } from './units.ts';
import { connectZk, zkReachable } from './zookeeper.ts';
import { onMarathonRegistered } from './services.ts';
import { unitsWithTrait } from '../../model/catalog.ts';

const MA = 'dcos-marathon';
/** Every Curator client that exits on a SUSPENDED connection (catalog trait): Marathon and Metronome. */
const ZK_CLIENTS = unitsWithTrait('master', 'exitsOnZkSuspend');
/** True only while the leader exits through abdication (latch closed first); module state, never across actions. */
let abdicating = false;

export function onZkClientUp(ctx: Ctx, n: number, unit: string): boolean {
  if (!zkReachable(ctx, n) || connectZk(ctx, n, unit) < 0) {
    const rt = unitAt(ctx, n, unit);
    schedule(ctx, ZK_SESSION_TIMEOUT_MS, 'zkConnectTimeout', n, ctx.topo.unitIdx.master[unit], rt ? rt.epoch : -1);
    return false;
  }
  return true;
}

export function zkConnectTimeout(ctx: Ctx, n: number, u: number, e: number): void {
  const unit = ctx.topo.unitIds.master[u];
  const rt = ctx.s.nodes[n].units[u];
  if (rt.epoch !== e || rt.state !== 'healthy' || ctx.s.zkConn[`${n}:${unit}`] !== undefined) return;
  const who = unit === MA ? 'Marathon' : 'Metronome';
  killUnit(ctx, n, unit, { text: `exited (code 100): "Failed to connect to ZK. ${who} will exit now." (no ZooKeeper within 10 s)`, refs: ['fact:quorum'] });
}

export function onMarathonUp(ctx: Ctx, n: number): void {
  step(ctx, 'master.6', n, MA, { text: 'Marathon is active', refs: [`${ctx.topo.ids[n]}/${MA}`] });
  if (!onZkClientUp(ctx, n, MA)) return;
  const m = ctx.s.marathon;
  m.joinSeqByMaster[n] = m.joinSeq++;
  step(ctx, 'master.6.1', n, MA, { text: `Marathon on ${ctx.topo.ids[n]} joined the leader latch in /marathon (ZooKeeper)`, refs: ['fact:quorum'] });
  if (m.leader >= 0) step(ctx, 'master.6.2', n, MA, { text: `Marathon on ${ctx.topo.ids[n]} follows the Marathon leader ${ctx.topo.ids[m.leader]}`, refs: ['fact:marathon-leader'] });
  maybeElect(ctx);
}

export function onMarathonDown(ctx: Ctx, n: number): void {
  const m = ctx.s.marathon;
  m.joinSeqByMaster[n] = -1;
  delete ctx.s.zkConn[`${n}:${MA}`];
  if (m.leader === n) {
    const clean = abdicating || unitAt(ctx, n, MA)?.stopped === true;
    m.leader = -1;
    m.registered = false;
    m.epoch++;
    if (!clean) m.blockedUntilMs = ctx.s.simTimeMs + ZK_SESSION_TIMEOUT_MS;
    const id = ctx.topo.ids[n];
    const cause = clean
      ? { text: `no Marathon leader: Marathon on ${id} closed its leader latch and exited`, refs: [`${id}/${MA}`] }
      : { text: `no Marathon leader: Marathon on ${id} is down; its leader latch znode stays until its ZooKeeper session expires (10 s)`, refs: [`${id}/${MA}`] };
    setWhy(ctx, 'fact:marathon-leader', cause);
    emit(ctx, { type: 'leader', role: 'marathon', node: null, cause });
  }
  maybeElect(ctx);
}

function maybeElect(ctx: Ctx): void {
  const m = ctx.s.marathon;
  if (m.leader >= 0 || m.electing || !m.joinSeqByMaster.some((j) => j >= 0)) return;
  m.electing = true;
  scheduleAt(ctx, Math.max(ctx.s.simTimeMs, m.blockedUntilMs ?? 0) + between(ctx.s, 'marathon', MARATHON_ELECTION_MS), 'mElect');
}

export function mElect(ctx: Ctx): void {
  const m = ctx.s.marathon;
  m.electing = false;
  if (m.leader >= 0) return;
  let w = -1;
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (m.joinSeqByMaster[i] >= 0 && isUp(ctx, i, MA) && zkReachable(ctx, i) && (w < 0 || m.joinSeqByMaster[i] < m.joinSeqByMaster[w])) w = i;
  }
  if (w < 0) return;
  m.leader = w;
  m.epoch++;
  const id = ctx.topo.ids[w];
  const cause = { text: `Marathon on ${id} won the leader latch in /marathon`, refs: [`${id}/${MA}`, 'fact:quorum'] };
  setWhy(ctx, 'fact:marathon-leader', cause);
  emit(ctx, { type: 'leader', role: 'marathon', node: id, cause });
  for (let i = 0; i < ctx.topo.masters; i++) {
    if (m.joinSeqByMaster[i] < 0) continue;
    step(ctx, 'master.6.2', i, MA, { text: i === w ? `Marathon on ${id} elected leader` : `Marathon on ${ctx.topo.ids[i]} follows the Marathon leader ${id}`, refs: ['fact:marathon-leader'] });
  }
  if (ctx.s.mesos.leader >= 0) schedule(ctx, between(ctx.s, 'marathon', MARATHON_REGISTER_MS), 'mReg', w, -1, m.epoch);
}

export function mReg(ctx: Ctx, n: number, e: number): void {
  const m = ctx.s.marathon;
  if (m.epoch !== e || m.leader !== n || m.registered || !mesosLeaderReachableFrom(ctx, n) || !isUp(ctx, n, MA)) return;
  m.registered = true;
  const id = ctx.topo.ids[n];
  const mesosId = ctx.topo.ids[ctx.s.mesos.leader];
  // The page says "from Mesos-DNS"; in 1.11 Marathon runs with --master zk://zk-1.zk:2181,.../mesos and reads the
  // leader from ZooKeeper (only its leader.mesos start gate uses Mesos-DNS).
  step(ctx, 'master.6.3', n, MA, { text: `Marathon leader on ${id} found the leading Mesos master ${mesosId} in ZooKeeper (--master zk://zk-1.zk:2181,.../mesos; the page says Mesos-DNS)`, refs: ['fact:mesos-leader', 'fact:quorum'] });
  step(ctx, 'master.6.4', n, MA, { text: `Marathon on ${id} registered as a framework with the leading Mesos master ${mesosId}`, refs: ['fact:mesos-leader', 'fact:marathon-leader'] });
  setWhy(ctx, 'fact:marathon-leader', { text: `Marathon leader on ${id}, registered with the Mesos leader ${mesosId}`, refs: [`${id}/${MA}`] });
  onMarathonRegistered(ctx);
}

/** The Mesos leader changed: a registered Marathon leader abdicates on disconnect; a new one registers. */
export function onMarathonMesosLeader(ctx: Ctx): void {
  const m = ctx.s.marathon;
  if (ctx.s.mesos.leader < 0) {
    if (m.registered && m.leader >= 0) {
      // Called when the scheduler driver's ZooKeeper detector reports the change (mesos.ts znodeGone), not at the kill.
      abdicating = true;
      killUnit(ctx, m.leader, MA, { text: 'exited (code 103): "Lost leadership; crashing": the driver\'s detector reported the Mesos leader change, disconnected() stopped the driver and Marathon abdicated (leader latch closed)', refs: ['fact:mesos-leader'] });
      abdicating = false;
    }
    return;
  }
  if (m.leader >= 0 && !m.registered) schedule(ctx, between(ctx.s, 'marathon', MARATHON_REGISTER_MS), 'mReg', m.leader, -1, m.epoch);
}

/** Quorum lost: every Marathon and Metronome sees SUSPENDED and exits (101). */
export function onMarathonZkLost(ctx: Ctx): void {
  for (let i = 0; i < ctx.topo.masters; i++) {
    for (const unit of ZK_CLIENTS) {
      delete ctx.s.zkConn[`${i}:${unit}`];
      killUnit(ctx, i, unit, { text: 'exited (code 101): ZooKeeper connection SUSPENDED (ZooKeeper has no quorum)', refs: ['fact:quorum'] });
    }
  }
}
