// Wires one connected socket to the rooms: which room it is in, and the commands of the protocol
// (shared/protocol/events.ts). Invariants: a socket is in at most one room; a joining or resyncing socket gets
// a snapshot whose lastSeq is immediately followed by the room's next batch (Room.snapshot flushes first, and
// the socket enters the socket.io room only after that flush); commands other than sim:join need a room; in a class
// room the commands that change it pass the presenter gate of classroom.ts first (role decided at join).
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { Ack } from '../../shared/protocol/messages.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import { bookmarkAddSchema, controlSchema, explainSchema, faultSchema, forkSchema, joinSchema, previewSchema, resyncSchema, rewindSchema, roomPolicySchema, scenarioLoadSchema, viewerNameSchema } from '../../shared/protocol/schemas.ts';
import type { RoomRole } from '../../shared/protocol/messages.ts';
import { AddressLimiter } from '../api/addressLimiter.ts';
import { historySchema } from '../../shared/protocol/history.ts';
import { HISTORY_ADDRESS_BURST, HISTORY_ADDRESS_PAGES_PER_SECOND, createHistoryPager } from './history.ts';
import { decideRole, faultBy, refusal, type GuardedCommand } from './classroom.ts';
import type { ScenarioSource, ServerLimits } from '../deps.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { Room } from '../room.ts';
import { DEFAULT_ROOM, type RoomRegistry } from '../rooms.ts';
import { registerCommand, type CommandContext, type RawSocket } from './command.ts';
import { createPreviewer } from './preview.ts';
import { createPastExplainer } from './pastExplain.ts';
import { createBookmarkBudget } from './bookmark.ts';
import { registerClassroomCommands, sendClassroomState } from './classroomCommands.ts';
import { realBootOf } from '../api/realBootRoute.ts';
import { createRejectLog, type RejectLog } from './rejectLog.ts';
import type { HeavyCommands, HeavyKind } from './heavy.ts';
import type { OutgoingBudget } from './outgoing.ts';

export type BootscopeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SocketDeps {
  rooms: RoomRegistry;
  scenarios: ScenarioSource;
  logger: Logger;
  now: () => number;
  limits: ServerLimits;
  /** Wrong presenter keys per client address (shared by every socket of the app). */
  wrongKeys: AddressLimiter;
  /** Commands per client address, all its sockets together (absent: per socket only). */
  commandsByAddress?: AddressLimiter;
  /** Rejected-command log lines, bounded and shared by every socket (rejectLog.ts); default: one per socket. */
  rejected?: RejectLog;
  /** True once the server is shutting down: commands are refused at once instead of starting work. */
  closing?: () => boolean;
  /** Reset, scenario load, rewind and fork: budgets per room and address, run on the next turn (heavy.ts). */
  heavy: HeavyCommands;
  /** Snapshots to one socket: encoded once per version, refused (and the socket dropped) past its budget. */
  outgoing: OutgoingBudget;
  /** sim:history pages per client address, all its sockets together (handlers/history.ts); absent: one per socket. */
  historyByAddress?: AddressLimiter;
}

const NOT_JOINED: Ack = { ok: false, error: "join a room first: send 'sim:join' with {} (the default room) or {room: name}" };

export function attachSocket(socket: BootscopeSocket, deps: SocketDeps): void {
  const { rooms, logger, limits } = deps;
  let current: Room | null = null;
  const context: CommandContext = {
    socket: socket as unknown as RawSocket,
    bucket: new TokenBucket(limits.commandsPerSecond, limits.commandBurst, deps.now),
    logger,
    limitText: `${limits.commandsPerSecond} commands per second per connection (bursts of ${limits.commandBurst}) and ${limits.addressCommandsPerSecond} per address`,
    ...(deps.commandsByAddress !== undefined ? { addressTake: () => deps.commandsByAddress!.take(socket.handshake.address) } : {}),
    rejected: deps.rejected ?? createRejectLog(logger, deps.now),
    closing: deps.closing,
  };
  const snapshots = new TokenBucket(limits.snapshotsPerSecond, limits.snapshotBurst, deps.now);
  const snapshotLimited: Ack = { ok: false, error: `rate limit: at most ${limits.snapshotsPerSecond} snapshot(s) per second (bursts of ${limits.snapshotBurst}); wait and resync` };
  const inRoom = (handler: (room: Room) => Ack | Promise<Ack>): Ack | Promise<Ack> => {
    if (current?.disposed === true) {
      // The room was closed under us (rooms.ts sweep; the client got room:closed): this socket is in no room now.
      const name = current.name;
      current = null;
      return { ok: false, error: `room '${name}' was closed; join another room` };
    }
    return current === null ? NOT_JOINED : handler(current);
  };
  const address = socket.handshake.address;
  const heavy = (room: Room, kind: HeavyKind, run: () => Ack) => deps.heavy.submit(room, address, context.bucket, kind, run);
  // Decided at each join (classroom.ts): the presenter of a class room holds its key; everyone else is a viewer.
  let role: RoomRole = 'viewer';
  let displayName: string | null = null;
  // A command that may change the room counts as activity (the inactivity sweep reads it), applied or not.
  const guarded = (command: GuardedCommand, handler: (room: Room) => Ack | Promise<Ack>): Ack | Promise<Ack> =>
    inRoom((room) => {
      const refused = refusal(room, role, command);
      if (refused !== null) return refused;
      room.touch();
      return handler(room);
    });

  registerCommand(context, 'sim:join', joinSchema.optional(), (request) => {
    const name = request?.room ?? DEFAULT_ROOM;
    if (!snapshots.take()) return snapshotLimited;
    const lookup = rooms.getOrCreate(name, socket.handshake.address);
    if (!lookup.ok) return lookup;
    const decided = decideRole(lookup.room, request?.key, socket.handshake.address, deps.wrongKeys);
    if (!decided.ok) return decided;
    if (current !== null && current !== lookup.room) {
      void socket.leave(current.name);
      current.removeClient();
      current = null;
    }
    role = decided.role;
    if (request?.name !== undefined) displayName = request.name;
    lookup.room.touch();
    const snapshot = lookup.room.snapshot();
    if (current === null) {
      void socket.join(name);
      lookup.room.addClient();
      current = lookup.room;
    }
    deps.outgoing.sendSnapshot(socket, snapshot);
    sendClassroomState(socket, lookup.room, deps.now);
    socket.emit('sim:realBoot', realBootOf(lookup.room));
    logger.info({ room: name, socket: socket.id, role, clients: lookup.room.clients }, 'client joined');
    return { ok: true, room: name, lastSeq: snapshot.lastSeq, role, policy: lookup.room.policy };
  });

  registerCommand(context, 'viewer:name', viewerNameSchema, ({ name }) => {
    displayName = name;
    return { ok: true, name };
  });

  registerCommand(context, 'room:policy', roomPolicySchema, (change) =>
    guarded('room:policy', (room) => ({ ok: true, policy: room.setPolicy(change) })),
  );

  registerCommand(context, 'sim:resync', resyncSchema, () =>
    inRoom((room) => {
      if (!snapshots.take()) return snapshotLimited;
      const snapshot = room.snapshot();
      deps.outgoing.sendSnapshot(socket, snapshot);
      return { ok: true, lastSeq: snapshot.lastSeq };
    }),
  );

  registerCommand(context, 'fault:inject', faultSchema, (fault) =>
    guarded('fault:inject', (room) => room.inject(fault, faultBy(room, role, displayName))),
  );

  registerCommand(context, 'sim:control', controlSchema, (command) =>
    guarded('sim:control', (room) => {
      const apply = () => {
        const result = room.control(command);
        if (result.ok) logger.info({ room: room.name, socket: socket.id, command }, 'playback control');
        return result;
      };
      return command.action === 'reset' ? heavy(room, 'reset', apply) : apply();
    }),
  );

  registerCommand(context, 'scenario:load', scenarioLoadSchema, ({ name }) =>
    guarded('scenario:load', (room) => {
      const loaded = deps.scenarios.load(name);
      if (!loaded.ok) return loaded;
      return heavy(room, 'scenario load', () => {
        const error = room.loadScenario(loaded.scenario);
        if (error !== null) return { ok: false, error };
        const { title, description } = loaded.scenario;
        return { ok: true, scenario: { name: loaded.scenario.name, title, description } };
      });
    }),
  );

  // With `at`, the explanation at a past moment: an engine rebuilt aside, metered per socket (handlers/pastExplain.ts).
  const explain = createPastExplainer(deps.now);
  registerCommand(context, 'sim:explain', explainSchema, (query) => inRoom((room) => explain(room, query)));

  // Anyone in an open room, only the presenter in a class room.
  const bookmarks = createBookmarkBudget(deps.now);
  registerCommand(context, 'bookmark:add', bookmarkAddSchema, ({ name, atMs }) =>
    guarded('bookmark:add', (room) => bookmarks.take() ?? room.addBookmark(name, atMs)),
  );

  // Older events than the snapshot's window, a bounded page at a time, metered on its own (handlers/history.ts).
  const history = createHistoryPager(deps.now, deps.historyByAddress ?? new AddressLimiter(HISTORY_ADDRESS_PAGES_PER_SECOND, HISTORY_ADDRESS_BURST, deps.now), socket);
  registerCommand(context, 'sim:history', historySchema, (request) => inRoom((room) => history(room, request)));

  // Computed aside from the joined room's engine, never written to it; metered on its own (handlers/preview.ts).
  const preview = createPreviewer(deps.now);
  registerCommand(context, 'sim:preview', previewSchema, (request) => inRoom((room) => preview(room.engine, request)));

  // Rewind rebuilds an engine from the recording and a fork also creates a room: both cost real CPU and memory, so
  // each socket gets its own small budget on top of the command bucket (and forks count against the room limit).
  const branches = new TokenBucket(limits.branchesPerSecond, limits.branchBurst, deps.now);
  const branchLimited: Ack = { ok: false, error: `rate limit: at most ${limits.branchesPerSecond} rewind/fork per second (bursts of ${limits.branchBurst})` };
  registerCommand(context, 'sim:rewind', rewindSchema, ({ simTimeMs }) =>
    guarded('sim:rewind', (room) => (branches.take() ? heavy(room, 'rewind', () => room.rewind(simTimeMs)) : branchLimited)),
  );
  registerCommand(context, 'sim:fork', forkSchema, (request) =>
    inRoom((room) => {
      if (!branches.take()) return branchLimited;
      return heavy(room, 'fork', () => {
        const forked = rooms.fork(room.name, request?.simTimeMs, address);
        if (!forked.ok) return forked;
        return { ok: true, room: forked.room.name, key: forked.key };
      });
    }),
  );

  registerClassroomCommands(context, socket, { room: () => (current?.disposed === true ? null : current), role: () => role, displayName: () => displayName }, deps.now);

  socket.on('disconnect', () => {
    current?.removeClient();
    current = null;
  });
}
