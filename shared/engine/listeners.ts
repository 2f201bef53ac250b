// The one registry of fact listeners: how one concern reacts to another without importing it. A rule publishes a
// named fact ("quorum changed", "a unit stopped answering"); rules/wiring.ts says, in one place and in a fixed order,
// who listens. So the engine's imports form a tree: publishers import only this module, listeners are imported only
// by the wiring.
// Invariants: listeners run synchronously, in registration order (determinism); the registry is filled once, at
// module load, and never changes afterwards; no engine state lives here.
import type { Cause, UnitState } from './types.ts';
import type { Ctx } from './ctx.ts';

export interface Facts {
  /** A unit entered `healthy`: it answers now. */
  unitUp: [n: number, u: number];
  /** A unit left `healthy` for `to` (hung, died, stopped, powered off). */
  unitDown: [n: number, u: number, to: UnitState];
  /** A hung process went away (died, restarted, powered off): the hang that held it is over. */
  hangEnded: [n: number, u: number, why: string];
  /** ZooKeeper quorum was gained (true) or lost (false). */
  quorumChanged: [ok: boolean];
  /** Which masters' ZooKeepers can count changed (a master cut off, powered off, healed, booted, behind). */
  zkMembershipChanged: [];
  /** An agent's link to the rest of the cluster changed (partition, heal, power off, power on). */
  agentLinkChanged: [n: number];
  /** A Mesos leader was elected (true) or lost (false). */
  mesosLeaderChanged: [elected: boolean, cause: Cause];
}

export type FactName = keyof Facts;
type Listener<K extends FactName> = (ctx: Ctx, ...args: Facts[K]) => void;

const registry: { [K in FactName]: Listener<K>[] } = {
  unitUp: [], unitDown: [], hangEnded: [], quorumChanged: [], zkMembershipChanged: [], agentLinkChanged: [], mesosLeaderChanged: [],
};

export function listen<K extends FactName>(fact: K, listener: Listener<K>): void {
  registry[fact].push(listener);
}

export function publish<K extends FactName>(ctx: Ctx, fact: K, ...args: Facts[K]): void {
  const list = registry[fact] as unknown as ((ctx: Ctx, a?: unknown, b?: unknown, c?: unknown) => void)[];
  // Facts carry at most three arguments: pass them directly (a spread per call shows up on the hot path).
  const [a, b, c] = args as unknown as [unknown, unknown, unknown];
  for (let i = 0; i < list.length; i++) list[i](ctx, a, b, c);
}

/** Who listens to what, for the README and a test that the wiring happened. */
export function listenerCounts(): Record<FactName, number> {
  return Object.fromEntries(Object.entries(registry).map(([k, v]) => [k, v.length])) as Record<FactName, number>;
}
