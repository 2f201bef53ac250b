// A token bucket per socket: `ratePerSecond` commands on average, bursts up to `burst`. The clock is passed
// in so the bucket is deterministic under test.
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.lastMs = now();
  }

  /** Take `cost` tokens (default one); false, and nothing taken, when the caller is over the limit. */
  take(cost = 1): boolean {
    const nowMs = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.ratePerSecond);
    this.lastMs = nowMs;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
