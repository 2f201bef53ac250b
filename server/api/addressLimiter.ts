// Rate limits for HTTP routes that cost CPU (rebuilding a past view), one token bucket (rateLimit.ts) per client
// address. Invariant: memory is bounded: at most MAX_TRACKED_ADDRESSES buckets; past that the longest-unused is
// forgotten (it would have refilled by then anyway, so forgetting it grants nothing a waiting client would not get).
import { TokenBucket } from '../rateLimit.ts';

export const MAX_TRACKED_ADDRESSES = 10_000;

export class AddressLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
    private readonly maxAddresses = MAX_TRACKED_ADDRESSES,
  ) {}

  /** Take one token for `address`; false when it is over the limit. */
  take(address: string): boolean {
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.ratePerSecond, this.burst, this.now);
      if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value as string);
    } else this.buckets.delete(address); // re-inserted below: Map order is then least recently used first
    this.buckets.set(address, bucket);
    return bucket.take();
  }
}
