// sim:history for one socket: the budgets around a page of older events (server/room/history/historyPage.ts). A page is cheap to
// cut (a slice of the kept history) but up to ~1.5 MB to encode and send, so it is metered like a snapshot:
// - size: at most HISTORY_PAGE_MAX events (the schema) and MAX_BATCH_EVENTS of weight (the page);
// - rate: per socket HISTORY_PAGES_PER_SECOND (bursts of HISTORY_PAGE_BURST): the page asks for one page per click;
//   per address HISTORY_ADDRESS_PAGES_PER_SECOND (bursts of HISTORY_ADDRESS_BURST), shared by all its sockets, so a
//   class behind one NAT address, or a script opening many sockets, cannot add up budgets; both on top of the
//   command buckets every command pays (handlers/command.ts);
// - memory: a socket with more than HISTORY_MAX_UNREAD_BYTES still unsent (it is not reading its earlier pages) is
//   refused until it catches up, so one client cannot queue pages without bound (outgoing.ts drops it past 64 MB).
// Refusals are error acks with no work done.
import type { Ack } from '../../shared/protocol/messages.ts';
import type { HistoryPage, HistoryRequest } from '../../shared/protocol/history.ts';
import { HISTORY_PAGE_MAX } from '../../shared/protocol/history.ts';
import type { AddressLimiter } from '../api/addressLimiter.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { Room } from '../room/room.ts';
import { bufferedBytes } from './outgoing.ts';

export const HISTORY_PAGES_PER_SECOND = 2;
export const HISTORY_PAGE_BURST = 5;
export const HISTORY_ADDRESS_PAGES_PER_SECOND = 10;
export const HISTORY_ADDRESS_BURST = 30;
export const HISTORY_MAX_UNREAD_BYTES = 8 * 1024 * 1024;

type Sock = Parameters<typeof bufferedBytes>[0];

export function createHistoryPager(now: () => number, byAddress: AddressLimiter, socket: Sock): (room: Room, request: HistoryRequest) => Ack<HistoryPage> {
  const bucket = new TokenBucket(HISTORY_PAGES_PER_SECOND, HISTORY_PAGE_BURST, now);
  const address = socket.handshake.address;
  return (room, { beforeSeq, limit }) => {
    if (!bucket.take()) {
      return { ok: false, error: `rate limit: at most ${HISTORY_PAGES_PER_SECOND} history pages per second (bursts of ${HISTORY_PAGE_BURST}); try again in a moment` };
    }
    if (!byAddress.take(address)) {
      return { ok: false, error: `rate limit: at most ${HISTORY_ADDRESS_PAGES_PER_SECOND} history pages per second from one address (bursts of ${HISTORY_ADDRESS_BURST}); try again in a moment` };
    }
    const unread = bufferedBytes(socket);
    if (unread > HISTORY_MAX_UNREAD_BYTES) {
      return { ok: false, error: `${Math.round(unread / 1_048_576)} MB sent to you are still unread (at most ${HISTORY_MAX_UNREAD_BYTES / 1_048_576} MB before another history page); try again when your connection keeps up` };
    }
    return { ok: true, ...room.historyBefore(beforeSeq, limit ?? HISTORY_PAGE_MAX) };
  };
}
