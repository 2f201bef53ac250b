// sim:preview for one socket: the CPU budget around shared/engine/preview.ts. A preview runs the engine for up
// to 30 simulated minutes on a copy (a few ms at 3+2, tens of ms at 3+100 agents, refused past the engine's event
// budget), synchronously on the event loop every room shares, so it is metered three ways:
// - per socket: PREVIEW_RATE_PER_SECOND with bursts of PREVIEW_BURST (a menu asks for one preview per item once:
//   a burst covers opening the menu, the rate covers hovering);
// - per simulation state: answers are cached by (engine, simTimeMs, lastSeq, fault, horizon), which identifies the
//   state exactly (the engine is deterministic and every change bumps lastSeq or time), so a class of viewers
//   hovering the same item over a paused room costs one computation;
// - per room: at most PREVIEW_ROOM_RATE_PER_SECOND computed previews (cache hits are free), so 30 viewers cannot
//   add up to 30 budgets.
// The room is never written: previewFault reads engine.snapshot() and runs a restored copy.
import type { Ack } from '../../shared/protocol/messages.ts';
import type { PreviewRequest } from '../../shared/protocol/schemas.ts';
import type { Engine } from '../../shared/engine/types.ts';
import { previewFault, type PreviewOutcome } from '../../shared/engine/preview.ts';
import { TokenBucket } from '../rateLimit.ts';

export const PREVIEW_RATE_PER_SECOND = 2;
export const PREVIEW_BURST = 6;
export const PREVIEW_ROOM_RATE_PER_SECOND = 8;
export const PREVIEW_ROOM_BURST = 16;
/** Per engine: enough for every item of the fault menu at one moment. */
const CACHE_ENTRIES = 32;

export type PreviewAck = Ack<PreviewOutcome>;

interface EngineMeter {
  bucket: TokenBucket;
  cache: Map<string, PreviewAck>;
}

/** Keyed by the engine object: a reset or rewind installs a new engine and so starts with an empty cache. */
const meters = new WeakMap<Engine, EngineMeter>();

export function createPreviewer(now: () => number): (engine: Engine, request: PreviewRequest) => PreviewAck {
  const socketBucket = new TokenBucket(PREVIEW_RATE_PER_SECOND, PREVIEW_BURST, now);
  return (engine, { fault, horizonMs }) => {
    if (!socketBucket.take()) {
      return { ok: false, error: `rate limit: at most ${PREVIEW_RATE_PER_SECOND} previews per second per client (bursts of ${PREVIEW_BURST}); try again in a moment` };
    }
    let meter = meters.get(engine);
    if (!meter) meters.set(engine, (meter = { bucket: new TokenBucket(PREVIEW_ROOM_RATE_PER_SECOND, PREVIEW_ROOM_BURST, now), cache: new Map() }));
    const key = JSON.stringify([engine.simTimeMs, engine.lastSeq, fault, horizonMs ?? null]);
    const cached = meter.cache.get(key);
    if (cached) return cached;
    if (!meter.bucket.take()) {
      return { ok: false, error: `rate limit: this room computes at most ${PREVIEW_ROOM_RATE_PER_SECOND} previews per second (bursts of ${PREVIEW_ROOM_BURST}); try again in a moment` };
    }
    const result = previewFault(engine, fault, { horizonMs });
    // Only the state identifies an answer, not the asker: errors (an inapplicable fault) are cached as well.
    if (meter.cache.size >= CACHE_ENTRIES) meter.cache.delete(meter.cache.keys().next().value as string);
    meter.cache.set(key, result);
    return result;
  };
}
