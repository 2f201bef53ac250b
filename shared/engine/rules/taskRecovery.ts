// Tasks when their agent goes away and comes back (dcos-model.md §5.5a). Marathon 1.6 registers as partition-aware:
// tasks on an agent the leader marks unreachable become TASK_UNREACHABLE (not LOST). Its default unreachableStrategy
// keeps the instance for 300 s (then it is inactive and a replacement launches) and forgets it at 600 s (then it is
// expunged and killed if it ever comes back). When the agent re-registers its tasks report TASK_RUNNING again and
// Marathon scales back to the app's instance count, killing the youngest instances first (its default
// killSelection YOUNGEST_FIRST). A rebooted agent comes back without its tasks: TASK_GONE.
// Invariants: a task leaves `unreachable` only through onAgentReturned / onAgentRebooted; timers are guarded by the
// task's unreachableSinceMs; cpus are returned exactly when a task reaches a terminal state.
import type { Cause, TaskState } from '../types.ts';
import type { Ctx } from '../ctx.ts';
import type { TaskRt } from '../state.ts';
import { emit, schedule } from '../ctx.ts';
import { MARATHON_EXPUNGE_AFTER_MS, MARATHON_INACTIVE_AFTER_MS, TASK_START_MS } from '../../model/timings.ts';
import { keyedBetween, PURPOSE } from '../rng.ts';
import { BROKER, KAFKA, NGINX, NGINX_INSTANCES, reconcile } from './services.ts';

function setTask(ctx: Ctx, t: TaskRt, state: TaskState, cause: Cause): void {
  if (state === 'gone' || state === 'killed' || state === 'lost' || state === 'failed') {
    ctx.s.nodes[t.nodeIndex].freeCpus++;
    if (t.service === KAFKA) kafkaLost(ctx, t);
  }
  t.state = state;
  emit(ctx, { type: 'task', service: t.service, task: t.id, node: t.node, state, cause });
}

/** The registered /kafka scheduler went away: its framework is disconnected until an instance registers again. */
function kafkaLost(ctx: Ctx, t: TaskRt): void {
  const sv = ctx.s.services;
  if (sv.kafkaTask >= 0 && ctx.s.tasks[sv.kafkaTask] !== t) return;
  sv.kafkaRegistered = false;
  sv.kafkaTask = -1;
  sv.kafkaEpoch++;
}

const byMarathon = (t: TaskRt) => t.service !== BROKER;

/** The leader marked agent n unreachable: its tasks are TASK_UNREACHABLE. */
export function onAgentUnreachable(ctx: Ctx, n: number, cause: Cause): void {
  const s = ctx.s;
  for (let ti = 0; ti < s.tasks.length; ti++) {
    const t = s.tasks[ti];
    if (t.nodeIndex !== n || (t.state !== 'staging' && t.state !== 'running')) continue;
    t.unreachableSinceMs = s.simTimeMs;
    const next = byMarathon(t)
      ? 'Marathon (partition-aware) keeps the instance; a replacement launches only after 300 s (inactiveAfterSeconds)'
      : 'the /kafka scheduler keeps the broker pinned to its agent and waits for it';
    setTask(ctx, t, 'unreachable', { text: `TASK_UNREACHABLE: ${cause.text}; ${next}`, refs: cause.refs });
    if (t.service === KAFKA) kafkaLost(ctx, t);
    if (!byMarathon(t)) continue;
    schedule(ctx, MARATHON_INACTIVE_AFTER_MS, 'taskInactive', n, ti, t.unreachableSinceMs);
    schedule(ctx, MARATHON_EXPUNGE_AFTER_MS, 'taskExpunge', n, ti, t.unreachableSinceMs);
  }
  reconcile(ctx);
}

/** inactiveAfterSeconds passed: Marathon stops counting the instance and launches a replacement. */
export function taskInactive(ctx: Ctx, _n: number, ti: number, e: number): void {
  const t = ctx.s.tasks[ti];
  if (!t || t.state !== 'unreachable' || t.unreachableSinceMs !== e) return;
  t.inactive = true;
  emit(ctx, {
    type: 'task', service: t.service, task: t.id, node: t.node, state: 'unreachable',
    cause: { text: `${t.id} has been unreachable for 300 s (inactiveAfterSeconds): Marathon counts it inactive and launches a replacement`, refs: [t.node] },
  });
  reconcile(ctx);
}

/** expungeAfterSeconds passed: Marathon forgets the instance; if it comes back it will be killed. */
export function taskExpunge(ctx: Ctx, _n: number, ti: number, e: number): void {
  const t = ctx.s.tasks[ti];
  if (!t || t.state !== 'unreachable' || t.unreachableSinceMs !== e) return;
  t.expunged = true;
  emit(ctx, {
    type: 'task', service: t.service, task: t.id, node: t.node, state: 'unreachable',
    cause: { text: `${t.id} has been unreachable for 600 s (expungeAfterSeconds): Marathon expunges it and will kill it if it comes back`, refs: [t.node] },
  });
}

/** Agent n re-registered: its surviving tasks run again (or are killed when Marathon forgot them). */
export function onAgentReturned(ctx: Ctx, n: number, cause: Cause): void {
  const s = ctx.s;
  const node = s.nodes[n];
  let changed = false;
  for (let ti = 0; ti < s.tasks.length; ti++) {
    const t = s.tasks[ti];
    if (t.nodeIndex !== n || (t.state !== 'unreachable' && t.state !== 'staging' && t.state !== 'running')) continue;
    if (t.bootEpoch !== node.bootEpoch) {
      setTask(ctx, t, 'gone', { text: `TASK_GONE: ${t.node} rebooted, so ${t.id} died with it`, refs: cause.refs });
      changed = true;
    } else if (t.state === 'staging') {
      schedule(ctx, keyedBetween(s.seed, PURPOSE.taskStart, ti, 1, node.linkEpoch, TASK_START_MS), 'taskRun', n, ti, node.linkEpoch);
    } else if (t.state === 'unreachable') {
      t.unreachableSinceMs = -1;
      t.inactive = false;
      changed = true;
      if (t.expunged) {
        setTask(ctx, t, 'killed', { text: `${t.id} came back, but Marathon expunged it at 600 s: killed as an unknown instance`, refs: cause.refs });
        continue;
      }
      setTask(ctx, t, 'running', { text: `TASK_RUNNING: ${t.id} is still running on ${t.node}, which re-registered`, refs: cause.refs });
    }
  }
  if (changed) scaleDown(ctx, cause);
  kafkaReregister(ctx);
  reconcile(ctx);
}

/** The agent came back from a power cycle before the leader noticed: every task it had is gone. */
export function onAgentRebooted(ctx: Ctx, n: number, cause: Cause): void {
  for (const t of ctx.s.tasks) {
    if (t.nodeIndex !== n || (t.state !== 'unreachable' && t.state !== 'staging' && t.state !== 'running')) continue;
    setTask(ctx, t, 'gone', { text: `TASK_GONE: ${cause.text}`, refs: cause.refs });
  }
  reconcile(ctx);
}

/** A running /kafka scheduler whose framework is disconnected registers again (framework failover). */
function kafkaReregister(ctx: Ctx): void {
  const s = ctx.s;
  if (s.services.kafkaRegistered) return;
  const ti = s.tasks.findIndex((t) => t.service === KAFKA && t.state === 'running');
  if (ti < 0) return;
  s.services.kafkaEpoch++;
  schedule(ctx, 0, 'schedInit', s.tasks[ti].nodeIndex, ti, s.services.kafkaEpoch);
}

/** Marathon scales each app back to its instance count: the youngest running instances go first. */
function scaleDown(ctx: Ctx, cause: Cause): void {
  for (const [service, wanted] of [[NGINX, NGINX_INSTANCES], [KAFKA, 1]] as const) {
    const running = ctx.s.tasks.filter((t) => t.service === service && (t.state === 'running' || t.state === 'staging'));
    for (let i = running.length - 1; i >= wanted; i--) {
      const t = running[i];
      setTask(ctx, t, 'killed', { text: `Marathon scales ${service} back to ${wanted} instance(s) after the originals returned: kills the youngest, ${t.id}`, refs: cause.refs });
    }
  }
}
