// Heavy commands: reset, scenario load, rewind and fork each build a whole engine (about 60 ms of CPU and a
// multi-megabyte snapshot at the largest cluster), so a per-socket limit alone let three sockets keep the process
// busy (and its heap growing) forever. Here:
// - each costs HEAVY_COMMAND_TOKENS of the socket's command bucket, one token of its room's heavy budget and one of
//   its client address's (AddressLimiter), whichever runs out first refuses it at once, with no work done;
// - it runs off the socket handler, on the next turn of the event loop (setImmediate), so every frame already read
//   from the network is answered first, and the room-changing ones (reset, load, rewind) that arrive in the same turn
//   for one room coalesce: only the last runs and costs the room's budget; the ones it replaced are answered saying so.
// Invariants: every submitted command is answered exactly once; nothing runs after close(); the per-room buckets are
// forgotten with their room (WeakMap), so memory follows the room count.
import type { Logger } from 'pino';
import type { Ack, Refusal } from '../../shared/protocol/messages.ts';
import type { AddressLimiter } from '../api/addressLimiter.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { Room } from '../room/room.ts';

export type HeavyKind = 'reset' | 'scenario load' | 'rewind' | 'fork';

export interface HeavyLimits {
  heavyCommandTokens: number;
  heavyPerRoomPerSecond: number;
  heavyRoomBurst: number;
  heavyPerAddressPerSecond: number;
  heavyAddressBurst: number;
}

interface Pending {
  kind: HeavyKind;
  run: () => Ack;
  answer: (result: Ack) => void;
}

export class HeavyCommands {
  private readonly roomBudgets = new WeakMap<Room, TokenBucket>();
  /** Room-changing commands waiting for the next turn, one per room (the last one sent). */
  private readonly replacing = new Map<Room, Pending>();
  /** Forks (they change no room) waiting for the next turn, in order. */
  private readonly others: Pending[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly limits: HeavyLimits, private readonly addresses: AddressLimiter, private readonly now: () => number, private readonly logger: Logger) {}

  /**
   * Charges the budgets and runs `run` on the next turn (coalesced per room for reset/load/rewind); the promise is the
   * command's answer. `socketBucket` is the sender's command bucket (the command's first token is already taken); null
   * for an HTTP upload (its route has its own per-address limit).
   */
  submit<A extends Ack>(room: Room, address: string, socketBucket: TokenBucket | null, kind: HeavyKind, run: () => A): Promise<A | Refusal> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the server is shutting down; reconnect in a moment' });
    const { heavyCommandTokens, heavyPerRoomPerSecond, heavyRoomBurst, heavyPerAddressPerSecond, heavyAddressBurst } = this.limits;
    if (socketBucket !== null && !socketBucket.take(heavyCommandTokens - 1)) {
      return Promise.resolve({ ok: false, error: `rate limit: a ${kind} costs ${heavyCommandTokens} commands of your budget; wait a moment` });
    }
    const coalesces = kind !== 'fork' && this.replacing.has(room);
    if (!coalesces && !this.roomBudget(room).take()) {
      return Promise.resolve({ ok: false, error: `rate limit: room '${room.name}' takes at most ${heavyPerRoomPerSecond} resets, loads, rewinds or forks a second (bursts of ${heavyRoomBurst}); wait a moment` });
    }
    if (!this.addresses.take(address)) {
      return Promise.resolve({ ok: false, error: `rate limit: your address may send at most ${heavyPerAddressPerSecond} resets, loads, rewinds or forks a second (bursts of ${heavyAddressBurst})` });
    }
    return new Promise<A | Refusal>((answer) => {
      // The queue holds commands of every kind; each is answered with its own run's result or a refusal.
      const pending: Pending = { kind, run, answer: answer as (result: Ack) => void };
      if (kind === 'fork') this.others.push(pending);
      else {
        const replaced = this.replacing.get(room);
        replaced?.answer({ ok: false, error: `your ${replaced.kind} was replaced by a ${kind} of room '${room.name}' sent in the same moment (only the last one runs)` });
        this.replacing.set(room, pending);
      }
      this.schedule();
    });
  }

  /** Refuses what is still waiting (shutdown) and everything submitted later. */
  close(): void {
    this.closed = true;
    const refused: Refusal = { ok: false, error: 'the server is shutting down; reconnect in a moment' };
    for (const pending of [...this.replacing.values(), ...this.others.splice(0)]) pending.answer(refused);
    this.replacing.clear();
  }

  private roomBudget(room: Room): TokenBucket {
    let bucket = this.roomBudgets.get(room);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.limits.heavyPerRoomPerSecond, this.limits.heavyRoomBurst, this.now);
      this.roomBudgets.set(room, bucket);
    }
    return bucket;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    if (this.closed) return;
    const batch = [...this.replacing.values(), ...this.others.splice(0)];
    this.replacing.clear();
    for (const pending of batch) {
      let result: Ack;
      try {
        result = pending.run();
      } catch (error) {
        this.logger.error({ err: error, kind: pending.kind }, 'heavy command failed');
        result = { ok: false, error: `internal error during the ${pending.kind} (logged on the server)` };
      }
      pending.answer(result);
    }
  }
}
