// The wall-clock driver: the ONLY code that maps real time to simulated time. It advances one engine in step
// with wall time x speed on a timer, and implements pause / resume / step / speed and the timed steps of a
// scenario. The clock is injected (`now`), and `tick()` is public, so tests drive it deterministically.
// Invariants: simulated time never goes backwards; a stall of the process (sleep, GC storm) is not replayed
// as a burst of fast-forward (the anchor moves past the gap); scenario steps fire in order, exactly once,
// at their sim time, before any engine event scheduled later.
import type { Engine, Fault, FaultBy, InjectResult, SimEvent } from '../shared/engine/types.ts';
import { isMarkEvent } from '../shared/protocol/marks.ts';
import { advanceWithScript, createScript, nextStepTimeMs, SCRIPT_START, waitingForFact, type Script, type ScriptCursor, type ScriptError, type ScriptStep } from '../shared/engine/script.ts';

/**
 * The engine reports a default 3/2/1 cluster healthy after 235-345 sim s (seeds 1-12, measured 02:35): at 4x a
 * class watches the whole boot in about 60-85 s of wall time.
 */
export const DEFAULT_SPEED = 4;
/** "Skip quiet": at most this much simulated time per skip, so a cluster with nothing left to do still stops. */
export const SKIP_MAX_MS = 30 * 60_000;
/** A guard against an engine that keeps producing events at one instant without ever reaching a mark. */
const SKIP_MAX_STEPS = 1_000_000;

/** How often the driver advances the engine (and the room flushes its batch). */
export const TICK_MS = 50;
/** A gap between ticks longer than this is skipped instead of simulated all at once. */
export const MAX_TICK_GAP_MS = 2_000;
/**
 * Wall time one tick may spend in the engine. A 10,000-agent boot at 20x asks for more than the CPU can give at its
 * peak; past the budget the tick stops and the simulation runs slower than its speed for a moment, instead of
 * holding the event loop for seconds (HTTP, other rooms and every socket wait on it). Checked between slices.
 */
export const TICK_BUDGET_MS = 35;
/** Simulated time per slice of a tick: small enough that one slice of a 10k boot stays well inside the budget. */
export const TICK_SLICE_SIM_MS = 25;

export interface DriverOptions {
  engine: Engine;
  now: () => number;
  speed?: number;
  paused?: boolean;
  script?: readonly ScriptStep[];
  /** Where in `script` to carry on (a room restored from its stored record); default the start. */
  cursor?: ScriptCursor;
  /** Every event the engine produced, in seq order, as soon as it was produced. */
  onEvents(events: SimEvent[]): void;
  /** After every tick, moved or not: the room flushes its pending batch here. */
  onTick?(): void;
  /** The engine threw while the timer advanced it: the driver pauses so a broken room does not spin. */
  onError?(error: unknown): void;
  /** A scenario fault the engine rejected (the step's narration still plays). */
  onScriptError?(error: ScriptError): void;
  /** A `wait` step played: the driver paused itself until someone resumes (the presenter's →). */
  onWait?(): void;
}

export class Driver {
  readonly engine: Engine;
  private speedFactor: number;
  private isPaused: boolean;
  private anchorWallMs: number;
  private anchorSimMs: number;
  private lastTickWallMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly script: Script;
  private cursor: ScriptCursor = SCRIPT_START;
  private waiting = false;

  constructor(private readonly options: DriverOptions) {
    this.engine = options.engine;
    this.speedFactor = options.speed ?? DEFAULT_SPEED;
    this.isPaused = options.paused ?? false;
    this.script = createScript(options.script ?? []);
    this.cursor = options.cursor ?? SCRIPT_START;
    this.anchorWallMs = options.now();
    this.anchorSimMs = this.engine.simTimeMs;
    this.lastTickWallMs = this.anchorWallMs;
  }

  get speed(): number {
    return this.speedFactor;
  }
  get paused(): boolean {
    return this.isPaused;
  }
  /** Paused by a narration step that waits for the presenter (cleared by resume, step or skip). */
  get waitingForPresenter(): boolean {
    return this.waiting;
  }
  get simTimeMs(): number {
    return this.engine.simTimeMs;
  }
  /** Where the scenario player stands (plain JSON: a room's stored record keeps it). */
  get scriptCursor(): ScriptCursor {
    return this.cursor;
  }
  /** Scenario steps not yet played. */
  get pendingScriptSteps(): number {
    return this.script.steps.length - this.cursor.nextStep;
  }

  start(): void {
    if (this.timer !== null) return;
    this.reanchor(this.options.now(), this.engine.simTimeMs);
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        this.isPaused = true;
        this.options.onError?.(error);
      }
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Advance to where wall time says the simulation should be, then let the room flush. */
  tick(): void {
    const wallMs = this.options.now();
    if (!this.isPaused) {
      if (wallMs - this.lastTickWallMs > MAX_TICK_GAP_MS) this.reanchor(wallMs - TICK_MS, this.engine.simTimeMs);
      this.advanceWithinBudget(this.targetSimMs(wallMs), wallMs);
    }
    this.lastTickWallMs = wallMs;
    this.options.onTick?.();
  }

  setSpeed(speed: number): void {
    const wallMs = this.options.now();
    // Re-anchor where the old speed says we are now, so changing speed never jumps sim time.
    if (!this.isPaused) this.reanchor(wallMs, Math.max(this.engine.simTimeMs, this.targetSimMs(wallMs)));
    this.speedFactor = speed;
  }

  pause(): void {
    if (this.isPaused) return;
    this.advanceTo(this.targetSimMs(this.options.now()));
    this.isPaused = true;
  }

  resume(): void {
    this.waiting = false;
    if (!this.isPaused) return;
    this.reanchor(this.options.now(), this.engine.simTimeMs);
    this.isPaused = false;
  }

  /** Jump to the next thing that happens (an engine event or a scenario step) and process it. */
  step(): SimEvent[] {
    this.waiting = false;
    const nextEventMs = this.engine.nextEventTimeMs();
    const nextStepMs = nextStepTimeMs(this.script, this.cursor);
    let events: SimEvent[];
    if (waitingForFact(this.cursor) && nextEventMs !== null) {
      events = this.advanceTo(nextEventMs); // the script must see the event that may make its fact hold
    } else if (nextStepMs !== null && (nextEventMs === null || nextStepMs <= nextEventMs)) {
      events = this.advanceTo(Math.max(nextStepMs, this.engine.simTimeMs));
    } else {
      events = this.engine.step();
      this.emit(events);
    }
    this.reanchor(this.options.now(), this.engine.simTimeMs);
    return events;
  }

  /**
   * "Skip quiet": step (so scenario steps fire at their times) until a step produced a mark (shared/protocol/marks.ts)
   * or SKIP_MAX_MS have passed; playing or paused stays as it was. Returns every event produced.
   */
  skip(): SimEvent[] {
    const limitMs = this.engine.simTimeMs + SKIP_MAX_MS;
    const produced: SimEvent[] = [];
    for (let i = 0; i < SKIP_MAX_STEPS; i++) {
      const nextEventMs = this.engine.nextEventTimeMs();
      const nextStepMs = nextStepTimeMs(this.script, this.cursor);
      const nextMs = Math.min(nextEventMs ?? Infinity, nextStepMs ?? Infinity);
      if (nextMs > limitMs) {
        // Nothing (or nothing before the limit) is due: let simulated time run to the limit and stop there.
        produced.push(...this.advanceTo(limitMs));
        break;
      }
      const events = this.step();
      produced.push(...events);
      if (this.waiting || events.some(isMarkEvent) || this.engine.simTimeMs >= limitMs) break;
    }
    this.reanchor(this.options.now(), this.engine.simTimeMs);
    return produced;
  }

  inject(fault: Fault, by: FaultBy): InjectResult {
    const result = this.engine.inject(fault, by);
    if (result.ok) this.emit(result.events);
    return result;
  }

  narrate(text: string): SimEvent[] {
    const events = this.engine.narrate(text);
    this.emit(events);
    return events;
  }

  private targetSimMs(wallMs: number): number {
    return Math.floor(this.anchorSimMs + (wallMs - this.anchorWallMs) * this.speedFactor);
  }

  private reanchor(wallMs: number, simMs: number): void {
    this.anchorWallMs = wallMs;
    this.anchorSimMs = simMs;
  }

  /**
   * Advance toward `targetMs` in slices until it is reached or the tick's wall budget is spent; then re-anchor where
   * the engine got to, so the lag is absorbed (the simulation slowed down) rather than caught up in a burst. Slicing
   * never changes the log: advanceTo(a) then advanceTo(b) is advanceTo(b) (the CLI relies on the same).
   */
  private advanceWithinBudget(targetMs: number, tickStartWallMs: number): void {
    for (;;) {
      const sliceEndMs = Math.min(targetMs, this.engine.simTimeMs + TICK_SLICE_SIM_MS);
      this.advanceTo(sliceEndMs);
      // A narration that waits for the presenter paused the driver inside this slice: the tick ends there.
      if (this.isPaused || sliceEndMs >= targetMs) return;
      const wallMs = this.options.now();
      if (wallMs - tickStartWallMs >= TICK_BUDGET_MS) {
        this.reanchor(wallMs, this.engine.simTimeMs);
        return;
      }
    }
  }

  /** Play due scenario steps in order, interleaved with the engine at their exact sim times (script.ts). */
  private advanceTo(targetMs: number): SimEvent[] {
    const result = advanceWithScript(this.engine, this.script, this.cursor, targetMs, { stopAtWait: true });
    this.cursor = result.cursor;
    for (const error of result.errors) this.options.onScriptError?.(error);
    this.emit(result.events);
    if (result.waited) {
      this.isPaused = true;
      this.waiting = true;
      this.options.onWait?.();
    }
    return result.events;
  }

  private emit(events: SimEvent[]): void {
    if (events.length > 0) this.options.onEvents(events);
  }
}
