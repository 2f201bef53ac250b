// The scenario player: walks a list of timed steps (`say` narration, `fault` injection) alongside the engine.
// Invariants:
// - Pure and deterministic: the only state is the cursor, a plain JSON object the server can snapshot.
// - Steps fire in (atMs, list order): the engine is advanced to a step's atMs first, so everything scheduled
//   at or before that instant happens before the step; then `say` is narrated, then `fault` is injected.
// - A step whose fault the engine rejects is reported in `errors` (readable, with the step number) and skipped;
//   the simulation is untouched by it and the script carries on.
// - A step due before the engine's current time (a player attached late) fires at the current time.
// - A fault may name a role instead of a node (`@mesos-leader`, `@marathon-leader`, `@quiet-master`): it is
//   resolved from engine.view() when a step first uses it and then means that same node for the rest of the
//   script (kept in the cursor), so "crash a quiet master ... boot it again" targets one machine whatever the
//   seed and whatever leadership does in between. The fault event carries the concrete node.
// - A step with `when` waits, from its atMs on, until that fact holds (scriptFacts.ts), and the steps after it
//   wait for it: the script is a sequence, so narration never runs ahead of the cluster. While it waits the engine
//   is advanced one event time at a time and only the new events are checked (`armed` in the cursor).
import { SCENARIO_BY, type ClusterView, type Engine, type Fault, type FaultBy, type SimEvent } from './types.ts';
import { holdsIn, matchesEvent, type ScriptCondition } from './scriptFacts.ts';
import { formatSimTime } from '../model/time.ts';
import { describeFault } from '../model/faults/registry.ts';

export interface ScriptStep {
  atMs: number;
  fault?: Fault;
  say?: string;
  /** Who applied the fault (a recording of a room keeps it, so replay is byte-identical); default SCENARIO_BY. */
  by?: FaultBy;
  /** Fire at the first moment from atMs on when this fact holds. */
  when?: ScriptCondition;
  /** After this step a live room pauses until the presenter continues (→ or Space); headless runs carry on. */
  wait?: boolean;
}

/** Where the player is in its script: the index of the next step to fire (in time order). */
export interface ScriptCursor {
  nextStep: number;
  /** Symbolic node names already resolved (`@quiet-master` -> `master-3`); absent until one is used. */
  bound?: Partial<Record<SymbolicNode, string>>;
  /** The next step's `when` was checked against the view and did not hold: only new events are checked now. */
  armed?: true;
}

export interface ScriptError {
  /** 0-based index of the step in the script as given (not in time order). */
  step: number;
  atMs: number;
  error: string;
}

export interface ScriptAdvance {
  events: SimEvent[];
  cursor: ScriptCursor;
  errors: ScriptError[];
  /** Stopped right after a `wait` step (only with `stopAtWait`): the engine is still at that step's time. */
  waited?: true;
}

/** A script ready to play: steps in firing order, each remembering its index in the list as written. */
export interface Script {
  readonly steps: readonly (ScriptStep & { index: number })[];
}

export function createScript(steps: readonly ScriptStep[]): Script {
  const indexed = steps.map((step, index) => ({ ...step, index }));
  // Array.prototype.sort is stable, so steps sharing an atMs keep the order they were written in.
  indexed.sort((a, b) => a.atMs - b.atMs);
  return { steps: indexed };
}

export const SCRIPT_START: ScriptCursor = Object.freeze({ nextStep: 0 });

/** Node names a scenario step may use instead of a node id, resolved when the step fires. */
export const SYMBOLIC_NODES = ['@mesos-leader', '@marathon-leader', '@quiet-master'] as const;
export type SymbolicNode = (typeof SYMBOLIC_NODES)[number];

export function isSymbolicNode(node: string): node is SymbolicNode {
  return (SYMBOLIC_NODES as readonly string[]).includes(node);
}

/** The node a symbolic name stands for right now, or why there is none. */
export function resolveSymbolicNode(view: Pick<ClusterView, 'nodes' | 'leaders'>, node: SymbolicNode): { node: string } | { error: string } {
  if (node === '@mesos-leader') return view.leaders.mesos !== null ? { node: view.leaders.mesos } : { error: 'there is no Mesos leader to target (@mesos-leader)' };
  if (node === '@marathon-leader') return view.leaders.marathon !== null ? { node: view.leaders.marathon } : { error: 'there is no Marathon leader to target (@marathon-leader)' };
  // The first master, in id order, that leads neither Mesos nor Marathon: losing it costs no leader.
  const quiet = view.nodes.find((n) => n.role === 'master' && n.id !== view.leaders.mesos && n.id !== view.leaders.marathon);
  return quiet ? { node: quiet.id } : { error: 'every master leads something; no master fits @quiet-master' };
}

/** `bound` is updated in place with a first-time resolution. */
function resolveFault(engine: Engine, fault: Fault, bound: Partial<Record<SymbolicNode, string>>): { fault: Fault } | { error: string } {
  if (fault.kind === 'clear' || !isSymbolicNode(fault.node)) return { fault };
  const known = bound[fault.node];
  if (known !== undefined) return { fault: { ...fault, node: known } };
  const target = resolveSymbolicNode(engine.view(), fault.node);
  if (!('node' in target)) return target;
  bound[fault.node] = target.node;
  return { fault: { ...fault, node: target.node } };
}

/**
 * Advance `engine` to `simTimeMs`, firing every step that falls due on the way.
 * Returns every event produced (engine events, narration, fault events) in order, the new cursor and the
 * steps that could not be applied.
 */
export function advanceWithScript(engine: Engine, script: Script, cursor: ScriptCursor, simTimeMs: number, options: { stopAtWait?: boolean } = {}): ScriptAdvance {
  const events: SimEvent[] = [];
  const errors: ScriptError[] = [];
  let next = cursor.nextStep;
  let armed = cursor.armed === true;
  const bound = { ...cursor.bound };
  while (next < script.steps.length && script.steps[next].atMs <= simTimeMs) {
    const step = script.steps[next];
    pushAll(events, engine.advanceTo(step.atMs));
    if (step.when !== undefined) {
      if (!armed && !holdsIn(engine.view(), step.when)) armed = true;
      if (armed && !waitForFact(engine, step.when, simTimeMs, events)) break;
      armed = false;
    }
    if (step.say !== undefined) pushAll(events, engine.narrate(step.say, step.wait));
    if (step.fault !== undefined) {
      const resolved = resolveFault(engine, step.fault, bound);
      const result = 'fault' in resolved ? engine.inject(resolved.fault, step.by ?? SCENARIO_BY) : { ok: false as const, error: resolved.error };
      if (result.ok) pushAll(events, result.events);
      else {
        errors.push({
          step: step.index,
          atMs: step.atMs,
          error: `scenario step ${step.index + 1} at ${formatSimTime(engine.simTimeMs, { millis: true })} (${describeFault(step.fault)}) was not applied: ${result.error}`,
        });
      }
    }
    next += 1;
    // Stopping at a step boundary changes no event: the next call starts by advancing to the next step's time, just
    // as this loop would have (so a paced live room and a headless replay produce the same log).
    if (step.wait === true && options.stopAtWait === true) return { events, cursor: cursorOf(next, bound, armed), errors, waited: true };
  }
  const rest = engine.advanceTo(simTimeMs);
  // No step fell due (the usual slice): hand over the engine's own fresh array instead of copying it.
  if (events.length === 0) return { events: rest, cursor: cursorOf(next, bound, armed), errors };
  pushAll(events, rest);
  return { events, cursor: cursorOf(next, bound, armed), errors };
}

/** Advance event time by event time up to simTimeMs until an event makes `when` hold; false if it never did. */
function waitForFact(engine: Engine, when: ScriptCondition, simTimeMs: number, into: SimEvent[]): boolean {
  for (;;) {
    const t = engine.nextEventTimeMs();
    if (t === null || t > simTimeMs) return false;
    const batch = engine.step();
    pushAll(into, batch);
    for (let i = 0; i < batch.length; i += 1) if (matchesEvent(batch[i], when)) return true;
  }
}

/** The next step waits for a fact that does not hold yet: a driver must step through the script, not the engine. */
export function waitingForFact(cursor: ScriptCursor): boolean {
  return cursor.armed === true;
}

/** The next instant a step is due, or null when the script is finished (lets a driver stop at it exactly). */
export function nextStepTimeMs(script: Script, cursor: ScriptCursor): number | null {
  return cursor.nextStep < script.steps.length ? script.steps[cursor.nextStep].atMs : null;
}

/** A stateful convenience wrapper for callers that do not snapshot (the CLI, benchmarks, tests). */
export interface ScriptPlayer {
  readonly cursor: ScriptCursor;
  readonly done: boolean;
  advanceTo(engine: Engine, simTimeMs: number): ScriptAdvance;
}

export function createScriptPlayer(steps: readonly ScriptStep[], cursor: ScriptCursor = SCRIPT_START): ScriptPlayer {
  const script = createScript(steps);
  let current: ScriptCursor = copyCursor(cursor);
  return {
    get cursor() {
      return copyCursor(current);
    },
    get done() {
      return current.nextStep >= script.steps.length;
    },
    advanceTo(engine, simTimeMs) {
      const result = advanceWithScript(engine, script, current, simTimeMs);
      current = result.cursor;
      return result;
    },
  };
}

function cursorOf(nextStep: number, bound: ScriptCursor['bound'] & object, armed: boolean): ScriptCursor {
  const out: ScriptCursor = { nextStep };
  if (Object.keys(bound).length > 0) out.bound = bound;
  if (armed) out.armed = true;
  return out;
}

function copyCursor(c: ScriptCursor): ScriptCursor {
  const out: ScriptCursor = { nextStep: c.nextStep };
  if (c.bound !== undefined) out.bound = { ...c.bound };
  if (c.armed) out.armed = true;
  return out;
}

// Spread-push (`a.push(...b)`) overflows the call stack on the huge batches of a 1,000-agent boot.
function pushAll(into: SimEvent[], from: readonly SimEvent[]): void {
  for (let i = 0; i < from.length; i += 1) into.push(from[i]);
}
