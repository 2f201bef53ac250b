// Seeded randomness, in two stable forms so that a change in one place does not move every later time in every
// golden log (adding a unit to the catalog, a new draw in one rule):
// - keyed draws for per-(node, unit) things: a pure hash of (seed, purpose, node, unit, counter), where the unit is
//   keyed by a hash of its id (not its catalog position) and the counter is the thing's own epoch;
// - one mulberry32 stream per concern (ZooKeeper, Mesos, Marathon, Mesos-DNS, tasks), kept in the JSON state, for
//   draws that have no natural key.
// Invariant: nothing in the engine uses any other source of randomness; a stream's whole state is one uint32.

export type Concern = 'zk' | 'mesos' | 'marathon' | 'dns' | 'tasks';
export type RngStreams = Record<Concern, number>;
const CONCERNS: readonly Concern[] = ['zk', 'mesos', 'marathon', 'dns', 'tasks'];

/** What a keyed draw is for: part of its key, so two purposes never share a number. */
export const PURPOSE = { nodeBoot: 1, unitJitter: 2, unitStart: 3, zkStart: 4, watchdog: 5, agentBackoff: 6, taskStart: 7, schedulerInit: 8 } as const;
export type Purpose = (typeof PURPOSE)[keyof typeof PURPOSE];

/** Murmur3's 32-bit finalizer: a good avalanche for small, nearby integers. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Scramble a user seed so that nearby seeds (1, 2, 3) start far apart. */
export function seedRng(seed: number): number {
  return mix((seed ^ 0x9e3779b9) >>> 0);
}

/** FNV-1a of a string: a unit's key is its id, so catalog order does not matter. */
export function keyOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function seedStreams(seed: number): RngStreams {
  const out = {} as RngStreams;
  for (const c of CONCERNS) out[c] = mix(seedRng(seed) ^ keyOf(c));
  return out;
}

/** mulberry32 step on one stream: next float in [0, 1). */
function nextFloat(streams: RngStreams, c: Concern): number {
  streams[c] = (streams[c] + 0x6d2b79f5) >>> 0;
  let t = streams[c];
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Integer uniformly in [min, max] (inclusive) from a concern's stream. */
export function between(s: { rng: RngStreams }, c: Concern, range: readonly [number, number]): number {
  return range[0] + Math.floor(nextFloat(s.rng, c) * (range[1] - range[0] + 1));
}

/** Integer in [0, n) from a concern's stream. */
export function pick(s: { rng: RngStreams }, c: Concern, n: number): number {
  return Math.floor(nextFloat(s.rng, c) * n);
}

/** Integer uniformly in [min, max] from a pure hash of (seed, purpose, a, b, counter): no state, no order. */
export function keyedBetween(seed: number, purpose: Purpose, a: number, b: number, counter: number, range: readonly [number, number]): number {
  let h = seedRng(seed);
  h = mix(h ^ purpose);
  h = mix(h ^ (a >>> 0));
  h = mix(h ^ (b >>> 0));
  h = mix(h ^ (counter >>> 0));
  return range[0] + Math.floor((h / 4294967296) * (range[1] - range[0] + 1));
}
