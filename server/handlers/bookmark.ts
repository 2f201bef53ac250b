// bookmark:add's own budget per socket, on top of the command bucket: every accepted bookmark is broadcast to the
// whole room as the full list (up to MAX_BOOKMARKS entries of up to 60 characters), so a client clicking (or a
// script looping) may add only a few per second. The size budget is the schema's (name at most 60 characters after
// trimming, a raw string of at most 1,000 before) and the room's cap (server/bookmarks.ts).
import type { Refusal } from '../../shared/protocol/messages.ts';
import { TokenBucket } from '../rateLimit.ts';

export const BOOKMARKS_PER_SECOND = 1;
export const BOOKMARK_BURST = 5;

/** `take()` answers null when the socket may add a bookmark now, else the error ack to send. */
export function createBookmarkBudget(now: () => number): { take(): Refusal | null } {
  const bucket = new TokenBucket(BOOKMARKS_PER_SECOND, BOOKMARK_BURST, now);
  const limited: Refusal = { ok: false, error: `rate limit: at most ${BOOKMARKS_PER_SECOND} bookmark per second (bursts of ${BOOKMARK_BURST}); the bookmark was not added` };
  return { take: () => (bucket.take() ? null : limited) };
}
