// ZooKeeper under Exhibitor (dcos-model.md §5.1): Exhibitor launches ZooKeeper; on first boot the ensemble
// converges (seeded, [inferred]) before any server serves; a server serves while it is up, reachable and part
// of a quorum (floor(n/2)+1). Every restart of ZooKeeper gets a new pid, which defeats bootstrap's pid shortcut.
// Invariants: zk.have / zk.serving are recomputed only here; a `quorum` event is emitted whenever `have` changes.
import type { Ctx } from '../ctx.ts';
import { emit, inMajority, isMaster, isUp, quorumOk, setWhy, schedule, step, unitIndex } from '../ctx.ts';
import { EXHIBITOR_CONVERGE_MS, EXHIBITOR_CONVERGE_SINGLE_MS, ZK_START_MS } from '../../model/timings.ts';
import { zkBehindOn } from '../../model/faults/conditions.ts';
import { between, keyedBetween, pick, PURPOSE } from '../rng.ts';
import { killUnit, wake } from './units.ts';
import { publish } from '../listeners.ts';
import { unitsWithTrait } from '../../model/catalog.ts';

export function allServing(ctx: Ctx): boolean {
  return ctx.s.zk.serving.every(Boolean);
}

export function zkDescribe(ctx: Ctx): string {
  const z = ctx.s.zk;
  const m = ctx.topo.masters;
  if (!z.converged) return `the ZooKeeper ensemble has not formed yet (Exhibitor on ${m} master(s) converging)`;
  // Without quorum no server serves, so name the ones that are down or cut off, not "not serving" (all are).
  const down = ctx.topo.ids.slice(0, m).filter((_, i) => !counts(ctx, i)).map((id) => (zkBehindOn(ctx.s.faults, id) ? `${id} (slow disk: fell behind the leader)` : id));
  const list = down.length ? ` (down or cut off: ${down.join(', ')})` : '';
  if (!quorumOk(ctx)) return `ZooKeeper has no quorum: ${z.have}/${m} ZooKeepers up, ${ctx.topo.need} needed${list}`;
  return `${z.have}/${m} ZooKeepers serving${list}`;
}

/**
 * Server i counts towards the quorum: running, reachable from the majority, and keeping up with the leader (a
 * server on a slow disk falls more than syncLimit behind and is dropped; shared/model/faults/conditions.ts).
 */
function counts(ctx: Ctx, i: number): boolean {
  return ctx.s.zk.up[i] && inMajority(ctx, i) && zkBehindOn(ctx.s.faults, ctx.topo.ids[i]) === undefined;
}

export function onExhibitorUp(ctx: Ctx, n: number): void {
  step(ctx, 'master.2', n, 'dcos-exhibitor', { text: 'Exhibitor is active', refs: [`${ctx.topo.ids[n]}/dcos-exhibitor`] });
  if (!ctx.s.zk.up[n]) schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.zkStart, n, 0, ctx.s.zk.epoch[n], ZK_START_MS), 'zkStart', n, -1, ctx.s.zk.epoch[n]);
}

/** A hung Exhibitor leaves ZooKeeper running; a dead or stopped one takes it down (same control group). */
export function onExhibitorDown(ctx: Ctx, n: number, to: string): void {
  if (to === 'unhealthy') return;
  const z = ctx.s.zk;
  z.epoch[n]++;
  if (!z.up[n]) return;
  z.up[n] = false;
  recompute(ctx);
}

export function zkStart(ctx: Ctx, n: number): void {
  const z = ctx.s.zk;
  if (!isUp(ctx, n, 'dcos-exhibitor') && ctx.s.nodes[n].units[unitIndex(ctx, n, 'dcos-exhibitor')].state !== 'unhealthy') return;
  z.up[n] = true;
  z.pid[n] = ++z.pidSeq;
  step(ctx, 'master.2.1', n, 'dcos-exhibitor', { text: `Exhibitor wrote zoo.cfg and launched ZooKeeper (pid ${z.pid[n]})`, refs: [`${ctx.topo.ids[n]}/dcos-exhibitor`] });
  if (!z.converged && !z.convergeScheduled && z.up.every(Boolean)) {
    z.convergeScheduled = true;
    schedule(ctx, between(ctx.s, 'zk', ctx.topo.masters === 1 ? EXHIBITOR_CONVERGE_SINGLE_MS : EXHIBITOR_CONVERGE_MS), 'converge');
  }
  recompute(ctx);
}

/** True only inside converge(): the first quorum's cause says how much shorter than real life it is. */
let firstConvergence = false;

export function converge(ctx: Ctx): void {
  ctx.s.zk.converged = true;
  firstConvergence = ctx.topo.masters > 1;
  recompute(ctx);
  firstConvergence = false;
}

/** The simplification, said where the class sees the quorum form (docs/fidelity.md; timings.ts EXHIBITOR_CONVERGE_MS). */
const SHORTENED = '; first boot: the Exhibitors agreed on the ensemble in 2-3.5 min here, where the DC/OS docs say to allow about 10 minutes (shortened so a class can watch a boot)';

/** Recompute have / serving after anything that can change them; notify clients of what changed. */
export function recompute(ctx: Ctx): void {
  const z = ctx.s.zk;
  const m = ctx.topo.masters;
  let have = 0;
  if (z.converged) for (let i = 0; i < m; i++) if (counts(ctx, i)) have++;
  const prevHave = z.have;
  const prevOk = prevHave >= ctx.topo.need;
  z.have = have;
  const ok = have >= ctx.topo.need;
  const lost: number[] = [];
  let gained = false;
  for (let i = 0; i < m; i++) {
    const serving = ok && counts(ctx, i);
    if (serving !== z.serving[i]) {
      z.serving[i] = serving;
      if (serving) gained = true;
      else lost.push(i);
    }
  }
  if (have !== prevHave) {
    const downRefs = ctx.topo.ids.slice(0, m).filter((_, i) => !counts(ctx, i)).map((id) => zkBehindOn(ctx.s.faults, id)?.id ?? `${id}/dcos-exhibitor`);
    const cause = { text: ok ? `ZooKeeper quorum: ${zkDescribe(ctx)}${firstConvergence ? SHORTENED : ''}` : `ZooKeeper has no quorum (${have}/${m}, need ${ctx.topo.need})`, refs: downRefs };
    setWhy(ctx, 'fact:quorum', cause);
    emit(ctx, { type: 'quorum', have, need: ctx.topo.need, cause });
  }
  for (const i of lost) serverLost(ctx, i, ok);
  if (ok !== prevOk) publish(ctx, 'quorumChanged', ok);
  if (gained || (ok && !prevOk)) {
    wake(ctx, 'zk');
    if (allServing(ctx)) wake(ctx, 'zkall');
  }
}

// Catalog traits, not id lists: who exits with this server's session, who with any SUSPENDED connection.
const LOCAL_ONLY = unitsWithTrait('master', 'localZkOnly');
const EXIT_ON_SUSPEND = unitsWithTrait('master', 'exitsOnZkSuspend');

/** Clients of ZooKeeper server m react: oauth (127.0.0.1) and Marathon/Metronome connected to it exit. */
function serverLost(ctx: Ctx, m: number, quorumStillOk: boolean): void {
  const id = ctx.topo.ids[m];
  const cause = { text: `exited: lost its ZooKeeper session at 127.0.0.1:2181 (ZooKeeper on ${id} stopped serving)`, refs: [`${id}/dcos-exhibitor`, 'fact:quorum'] };
  if (ctx.s.nodes[m].up) for (const unit of LOCAL_ONLY) killUnit(ctx, m, unit, cause);
  for (let i = 0; i < ctx.topo.masters; i++) {
    for (const unit of EXIT_ON_SUSPEND) {
      const key = `${i}:${unit}`;
      if (ctx.s.zkConn[key] !== m) continue;
      delete ctx.s.zkConn[key];
      if (!quorumStillOk) continue; // handled by quorum loss below
      if (!ctx.s.nodes[i].up) continue; // a powered-off machine's process exits with no code: it is going pending
      killUnit(ctx, i, unit, {
        text: `exited (code 101): its ZooKeeper connection to ${id} was SUSPENDED (Curator ConnectionLostListener)`,
        refs: [`${id}/dcos-exhibitor`],
      });
    }
  }
}

/** A ZK client unit picks one serving server of zk-1.zk..zk-N.zk (dcos-net round-robin), seeded. */
export function connectZk(ctx: Ctx, n: number, unit: string): number {
  const serving: number[] = [];
  for (let i = 0; i < ctx.topo.masters; i++) if (ctx.s.zk.serving[i] && (i === n || inMajority(ctx, n))) serving.push(i);
  if (serving.length === 0) return -1;
  const m = serving[pick(ctx.s, 'zk', serving.length)];
  ctx.s.zkConn[`${n}:${unit}`] = m;
  return m;
}

export function zkReachable(ctx: Ctx, n: number): boolean {
  return quorumOk(ctx) && (isMaster(ctx, n) ? inMajority(ctx, n) : !ctx.s.nodes[n].partitioned && ctx.s.nodes[n].up);
}
