// The classroom's socket commands (issue 9), beside the simulation's: `ui:follow` (the presenter's focus, relayed to
// everyone else in the room), and the predict-then-reveal round `quiz:ask` / `quiz:answer` / `quiz:reveal` /
// `quiz:close`. Roles: in a class room only the presenter follows-leads, asks, reveals and closes, and only viewers
// answer; an open room has nobody to follow, and anyone may run a round in it (as anyone may inject there).
import type { Ack, RoomRole } from '../../shared/protocol/messages.ts';
import { followSchema, quizAnswerSchema, quizAskSchema, quizCloseSchema, quizRevealSchema } from '../../shared/protocol/classroomSchemas.ts';
import { classroomOf, type Classroom } from '../room/classroom.ts';
import type { Room } from '../room/room.ts';
import { faultBy, refusal } from './classroom.ts';
import { registerCommand, type CommandContext } from './command.ts';
import type { BootscopeSocket } from './socket.ts';

export interface ClassroomSocketState {
  room(): Room | null;
  role(): RoomRole;
  displayName(): string | null;
}

const NOT_JOINED: Ack = { ok: false, error: "join a room first: send 'sim:join' with {} (the default room) or {room: name}" };

export function registerClassroomCommands(context: CommandContext, socket: BootscopeSocket, state: ClassroomSocketState, now: () => number): void {
  const classroom = (room: Room): Classroom => classroomOf(room, { quiz: (name, quiz) => socket.nsp.to(name).emit('quiz:state', quiz) }, now);
  const presenterOnly = (what: string, handler: (room: Room) => Ack): Ack => {
    const room = state.room();
    if (room === null) return NOT_JOINED;
    const refused = refusal(room, state.role(), 'quiz:ask');
    if (refused !== null) return { ok: false, error: `only the presenter may ${what} (room '${room.name}' is a class room)` };
    return handler(room);
  };

  registerCommand(context, 'ui:follow', followSchema, (follow) => {
    const room = state.room();
    if (room === null) return NOT_JOINED;
    if (room.policy.mode === 'open') return { ok: false, error: `room '${room.name}' is an open room: it has no presenter for the class to follow` };
    if (state.role() !== 'presenter') return { ok: false, error: `only the presenter leads what the class looks at (room '${room.name}' is a class room)` };
    classroom(room).follow = follow;
    socket.to(room.name).emit('ui:follow', follow);
    return { ok: true };
  });

  registerCommand(context, 'quiz:ask', quizAskSchema, ({ fault }) => presenterOnly('ask the class', (room) => classroom(room).ask(fault)));

  registerCommand(context, 'quiz:answer', quizAnswerSchema, ({ id, picks }) => {
    const room = state.room();
    if (room === null) return NOT_JOINED;
    if (room.policy.mode === 'class' && state.role() === 'presenter') return { ok: false, error: 'the presenter asks; the class answers' };
    return classroom(room).answer(socket.id, id, picks);
  });

  registerCommand(context, 'quiz:reveal', quizRevealSchema, (request) =>
    presenterOnly('reveal the answers', (room) => classroom(room).reveal(faultBy(room, state.role(), state.displayName()), request?.horizonMs)),
  );

  registerCommand(context, 'quiz:close', quizCloseSchema, () => presenterOnly('close the question', (room) => classroom(room).close()));
}

/** What a socket that just joined `room` needs besides the snapshot: where the presenter looks, and an open round. */
export function sendClassroomState(socket: BootscopeSocket, room: Room, now: () => number): void {
  const classroom = classroomOf(room, { quiz: (name, quiz) => socket.nsp.to(name).emit('quiz:state', quiz) }, now);
  if (room.policy.mode === 'class') socket.emit('ui:follow', classroom.follow);
  socket.emit('quiz:state', classroom.quiz);
}
