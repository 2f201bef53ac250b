// Seeded PRNG (mulberry32) whose whole state is one uint32 kept in the engine state, so snapshots resume the
// exact same random sequence. Invariant: nothing in the engine uses any other source of randomness.

export interface RngState {
  rng: number;
}

/** Scramble a user seed so that nearby seeds (1, 2, 3) start far apart. */
export function seedRng(seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Next float in [0, 1). */
export function nextFloat(s: RngState): number {
  s.rng = (s.rng + 0x6d2b79f5) >>> 0;
  let t = s.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Integer uniformly in [min, max] (inclusive). */
export function between(s: RngState, range: readonly [number, number]): number {
  return range[0] + Math.floor(nextFloat(s) * (range[1] - range[0] + 1));
}

/** Integer in [0, n). */
export function pick(s: RngState, n: number): number {
  return Math.floor(nextFloat(s) * n);
}
