// Compile-time checks of registerCommand (never run; `tsc -b` fails if an expectation below stops holding): each
// handler's answer is checked against its command's ack in ClientToServerEvents, so a fault:inject answering
// {ok: true} without lastSeq, or a command name the protocol does not have, does not compile.
import { faultSchema, resyncSchema } from '../../shared/protocol/schemas.ts';
import { registerCommand, type CommandContext } from './command.ts';

export function ackChecks(context: CommandContext): void {
  registerCommand(context, 'fault:inject', faultSchema, () => ({ ok: true, lastSeq: 7 }));
  registerCommand(context, 'fault:inject', faultSchema, () => ({ ok: false, error: 'refused' }));
  registerCommand(context, 'fault:inject', faultSchema, async () => ({ ok: true, lastSeq: 7 }));
  // @ts-expect-error fault:inject acks carry lastSeq
  registerCommand(context, 'fault:inject', faultSchema, () => ({ ok: true }));
  // @ts-expect-error a refusal carries its error
  registerCommand(context, 'sim:resync', resyncSchema, () => ({ ok: false }));
  // @ts-expect-error only the protocol's commands
  registerCommand(context, 'fault:injcet', faultSchema, () => ({ ok: true, lastSeq: 7 }));
}
