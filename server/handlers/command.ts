// The boundary every client command passes: ack present, rate limit, exactly one payload, zod validation,
// then the handler; any throw becomes {ok:false}. Invariants: a payload that fails validation never reaches a
// handler (so never the engine); every command with an ack gets exactly one answer; a command without an ack
// is logged and dropped before doing anything; every handler's answer is checked at compile time against the
// command's ack in the protocol (ClientToServerEvents, shared/protocol/events.ts).
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Ack } from '../../shared/protocol/messages.ts';
import type { ClientToServerEvents } from '../../shared/protocol/events.ts';
import { describeZodError } from '../../shared/protocol/schemas.ts';
import type { TokenBucket } from '../rateLimit.ts';
import type { RejectLog, Rejection } from './rejectLog.ts';

type AckFn = (result: Ack) => void;

/** Every command a client may send. */
export type CommandName = keyof ClientToServerEvents;
/** The ack `E` answers, as the protocol declares it (the argument of its ack callback). */
export type AckOf<E extends CommandName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** The loosest view of a socket: we validate everything ourselves. */
export interface RawSocket {
  id: string;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface CommandContext {
  socket: RawSocket;
  bucket: TokenBucket;
  /** The per-address budget every socket of the client's address shares (absent: none). */
  addressTake?: () => boolean;
  logger: Logger;
  limitText: string;
  /** Rejected commands, logged with bounded, sanitised fields (rejectLog.ts). */
  rejected: RejectLog;
  /** True while the server shuts down: every command is answered at once with a refusal, nothing else runs. */
  closing?: () => boolean;
}

export function registerCommand<E extends CommandName, S extends z.ZodType>(
  context: CommandContext,
  name: E,
  schema: S,
  /** May answer later (a heavy command runs on the next turn, handlers/heavy.ts). */
  handler: (payload: z.infer<S>) => AckOf<E> | Promise<AckOf<E>>,
): void {
  const { socket, bucket, logger } = context;
  socket.on(name, (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last !== 'function') {
      // Costs a token too, so a flood of ack-less commands cannot flood the log either.
      if (bucket.take()) logger.warn({ socket: socket.id, command: name }, 'command without an ack function ignored');
      return;
    }
    const answer = onceOnly(last as AckFn, logger, socket.id, name);
    const ack = (result: Ack, issues?: Rejection['issues']) => {
      // Client errors are worth one log line each (bounded and sanitised: the payload is the client's, rejectLog.ts).
      if (!result.ok) context.rejected(socket.id, name, { error: result.error, issues });
      answer(result);
    };
    const payloads = args.slice(0, -1);
    if (context.closing?.() === true) {
      answer({ ok: false, error: 'the server is shutting down; reconnect in a moment' });
      return;
    }
    if (!bucket.take() || (context.addressTake !== undefined && !context.addressTake())) {
      // Answered but not logged: logging every refused command would let a flood through to the log.
      answer({ ok: false, error: `rate limit: at most ${context.limitText}; command '${name}' was not applied` });
      return;
    }
    if (payloads.length > 1) {
      ack({ ok: false, error: `'${name}' takes one payload object and an ack, got ${payloads.length} payloads` });
      return;
    }
    const parsed = schema.safeParse(payloads[0]);
    if (!parsed.success) {
      ack({ ok: false, error: `invalid '${name}' payload: ${describeZodError(parsed.error)}` }, parsed.error.issues);
      return;
    }
    const failed = (error: unknown) => {
      logger.error({ err: error, socket: socket.id, command: name }, 'command handler failed');
      ack({ ok: false, error: `internal error while handling '${name}' (logged on the server)` });
    };
    try {
      const result = handler(parsed.data);
      if (result instanceof Promise) result.then(ack, failed);
      else ack(result);
    } catch (error) {
      failed(error);
    }
  });
}

function onceOnly(ack: AckFn, logger: Logger, socketId: string, name: string): AckFn {
  let answered = false;
  return (result) => {
    if (answered) return;
    answered = true;
    try {
      ack(result);
    } catch (error) {
      logger.warn({ err: error, socket: socketId, command: name }, 'ack failed');
    }
  };
}
