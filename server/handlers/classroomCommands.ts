// The classroom's socket commands, beside the simulation's: `ui:follow` (the presenter's focus, relayed to
// everyone else in the room), and the predict-then-reveal round `quiz:ask` / `quiz:answer` / `quiz:reveal` /
// `quiz:close`. Roles: in a class room only the presenter follows-leads, asks, reveals and closes, and only viewers
// answer; an open room has nobody to follow, and anyone may run a round in it (as anyone may inject there).
import type { Refusal } from '../../shared/protocol/messages.ts';
import { followSchema, quizAnswerSchema, quizAskSchema, quizCloseSchema, quizRevealSchema } from '../../shared/protocol/classroomSchemas.ts';
import { faultBy, refusal } from '../room/access.ts';
import type { Room } from '../room/room.ts';
import { registerCommand, type CommandContext } from './command.ts';
import { durableAck, NOT_JOINED, storageRefusal, type BootscopeSocket, type SocketSession } from './socketSession.ts';

/** The room's classroom (Room.classroom) broadcasts its rounds itself (RoomBroadcast.quiz); ui:follow is relayed here. */
export function registerClassroomCommands(context: CommandContext, socket: BootscopeSocket, state: SocketSession): void {
  const presenterOnly = <R,>(what: string, handler: (room: Room) => R): R | Refusal => {
    const room = state.room;
    if (room === null) return NOT_JOINED;
    const refused = refusal(room, state.role, 'quiz:ask');
    if (refused !== null) return { ok: false, error: `only the presenter may ${what} (room '${room.name}' is a class room)` };
    return handler(room);
  };

  registerCommand(context, 'ui:follow', followSchema, (follow) => {
    const room = state.room;
    if (room === null) return NOT_JOINED;
    if (room.policy.mode === 'open') return { ok: false, error: `room '${room.name}' is an open room: it has no presenter for the class to follow` };
    if (state.role !== 'presenter') return { ok: false, error: `only the presenter leads what the class looks at (room '${room.name}' is a class room)` };
    room.classroom.follow = follow;
    socket.to(room.name).emit('ui:follow', follow);
    return { ok: true };
  });

  registerCommand(context, 'quiz:ask', quizAskSchema, ({ fault }) => presenterOnly('ask the class', (room) => room.classroom.ask(fault)));

  registerCommand(context, 'quiz:answer', quizAnswerSchema, ({ id, picks }) => {
    const room = state.room;
    if (room === null) return NOT_JOINED;
    if (room.policy.mode === 'class' && state.role === 'presenter') return { ok: false, error: 'the presenter asks; the class answers' };
    return room.classroom.answer(socket.id, id, picks);
  });

  registerCommand(context, 'quiz:reveal', quizRevealSchema, (request) =>
    presenterOnly('reveal the answers', (room) => storageRefusal(room) ?? durableAck(room, room.classroom.reveal(faultBy(room, state.role, state.displayName), request?.horizonMs))),
  );

  registerCommand(context, 'quiz:close', quizCloseSchema, () => presenterOnly('close the question', (room) => room.classroom.close()));
}

/** What a socket that just joined `room` needs besides the snapshot: where the presenter looks, and an open round. */
export function sendClassroomState(socket: BootscopeSocket, room: Room): void {
  if (room.policy.mode === 'class') socket.emit('ui:follow', room.classroom.follow);
  socket.emit('quiz:state', room.classroom.quiz);
  const problem = room.storageProblem;
  if (problem !== null) socket.emit('room:storage', { ok: false, reason: problem });
}
