// Wires one connected socket to the rooms: which room it is in, and the commands of the protocol
// (shared/protocol/events.ts). Invariants: a socket is in at most one room; a joining or resyncing socket gets
// a snapshot whose lastSeq is immediately followed by the room's next batch (Room.snapshot flushes first, and
// the socket enters the socket.io room only after that flush); commands other than sim:join need a room; in a class
// room the commands that change it pass the presenter gate of room/access.ts first (role decided at join). The
// socket's own state (room, role, name) is one SocketSession (socketSession.ts), shared with classroomCommands.ts.
import type { Logger } from 'pino';
import type { Ack, Refusal } from '../../shared/protocol/messages.ts';
import { bookmarkAddSchema, controlSchema, explainSchema, faultSchema, forkSchema, joinSchema, previewSchema, resyncSchema, rewindSchema, roomPolicySchema, scenarioLoadSchema, viewerNameSchema } from '../../shared/protocol/schemas.ts';
import { AddressLimiter } from '../api/addressLimiter.ts';
import { historySchema } from '../../shared/protocol/history.ts';
import { HISTORY_ADDRESS_BURST, HISTORY_ADDRESS_PAGES_PER_SECOND, createHistoryPager } from './history.ts';
import { decideRole, faultBy } from '../room/access.ts';
import type { ScenarioSource, ServerLimits } from '../deps.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { Room } from '../room/room.ts';
import { durableAck, SocketSession, type BootscopeSocket } from './socketSession.ts';
import { DEFAULT_ROOM, type RoomRegistry } from '../room/rooms.ts';
import { registerCommand, type CommandContext, type RawSocket } from './command.ts';
import { createPreviewer } from './preview.ts';
import { createPastExplainer } from './pastExplain.ts';
import { createBookmarkBudget } from './bookmark.ts';
import { registerClassroomCommands, sendClassroomState } from './classroomCommands.ts';
import { realBootOf } from '../api/realBootRoute.ts';
import { createRejectLog, type RejectLog } from './rejectLog.ts';
import type { HeavyCommands, HeavyKind } from './heavy.ts';
import type { OutgoingBudget } from './outgoing.ts';

export type { BootscopeSocket } from './socketSession.ts';

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

export function attachSocket(socket: BootscopeSocket, deps: SocketDeps): void {
  const session = new SocketSession();
  const context = commandContext(socket, deps);
  registerMembership(context, socket, session, deps);
  registerChanges(context, socket, session, deps);
  registerAsides(context, socket, session, deps);
  registerClassroomCommands(context, socket, session);
  socket.on('disconnect', () => session.leave());
}

/** The boundary every command of this socket passes (command.ts): its own bucket, its address's, the reject log. */
function commandContext(socket: BootscopeSocket, deps: SocketDeps): CommandContext {
  const { logger, limits } = deps;
  return {
    socket: socket as unknown as RawSocket,
    bucket: new TokenBucket(limits.commandsPerSecond, limits.commandBurst, deps.now),
    logger,
    limitText: `${limits.commandsPerSecond} commands per second per connection (bursts of ${limits.commandBurst}) and ${limits.addressCommandsPerSecond} per address`,
    ...(deps.commandsByAddress !== undefined ? { addressTake: () => deps.commandsByAddress!.take(socket.handshake.address) } : {}),
    rejected: deps.rejected ?? createRejectLog(logger, deps.now),
    closing: deps.closing,
  };
}

/** Joining a room, being named in it, and getting its state again: sim:join, viewer:name, sim:resync, room:policy. */
function registerMembership(context: CommandContext, socket: BootscopeSocket, session: SocketSession, deps: SocketDeps): void {
  const { rooms, logger, limits } = deps;
  const snapshots = new TokenBucket(limits.snapshotsPerSecond, limits.snapshotBurst, deps.now);
  const snapshotLimited: Refusal = { ok: false, error: `rate limit: at most ${limits.snapshotsPerSecond} snapshot(s) per second (bursts of ${limits.snapshotBurst}); wait and resync` };

  registerCommand(context, 'sim:join', joinSchema.optional(), (request) => {
    const name = request?.room ?? DEFAULT_ROOM;
    if (!snapshots.take()) return snapshotLimited;
    const lookup = rooms.getOrCreate(name, socket.handshake.address);
    if (!lookup.ok) return lookup;
    const decided = decideRole(lookup.room, request?.key, socket.handshake.address, deps.wrongKeys);
    if (!decided.ok) return decided;
    if (session.held !== null && session.held !== lookup.room) void socket.leave(session.leave()!.name);
    // Decided at each join: the presenter of a class room holds its key; everyone else is a viewer.
    session.role = decided.role;
    if (request?.name !== undefined) session.displayName = request.name;
    lookup.room.presence.touch();
    const snapshot = lookup.room.snapshot();
    if (session.held === null) {
      void socket.join(name);
      session.enter(lookup.room);
    }
    deps.outgoing.setEncoding(socket, request?.snapshotEncoding);
    deps.outgoing.sendSnapshot(socket, snapshot);
    sendClassroomState(socket, lookup.room);
    socket.emit('sim:realBoot', realBootOf(lookup.room));
    const role = session.role;
    logger.info({ room: name, socket: socket.id, role, clients: lookup.room.presence.clients }, 'client joined');
    return { ok: true, room: name, lastSeq: snapshot.lastSeq, role, policy: lookup.room.policy };
  });

  registerCommand(context, 'viewer:name', viewerNameSchema, ({ name }) => {
    session.displayName = name;
    return { ok: true, name };
  });

  registerCommand(context, 'room:policy', roomPolicySchema, (change) =>
    session.guarded('room:policy', (room) => ({ ok: true, policy: room.setPolicy(change) })),
  );

  registerCommand(context, 'sim:resync', resyncSchema, () =>
    session.inRoom((room) => {
      if (!snapshots.take()) return snapshotLimited;
      const snapshot = room.snapshot();
      deps.outgoing.sendSnapshot(socket, snapshot);
      return { ok: true, lastSeq: snapshot.lastSeq };
    }),
  );
}

/**
 * The commands that change the room's simulation (presenter-gated in a class room, room/access.ts), and a fork.
 * Reset, load, rewind and fork are heavy: budgeted per room and address and run on the next turn (heavy.ts).
 */
function registerChanges(context: CommandContext, socket: BootscopeSocket, session: SocketSession, deps: SocketDeps): void {
  const { rooms, logger, limits } = deps;
  const address = socket.handshake.address;
  const heavy = <A extends Ack>(room: Room, kind: HeavyKind, run: () => A) => deps.heavy.submit(room, address, context.bucket, kind, run);

  registerCommand(context, 'fault:inject', faultSchema, (fault) =>
    session.guarded('fault:inject', (room) => room.inject(fault, faultBy(room, session.role, session.displayName))),
  );

  registerCommand(context, 'sim:control', controlSchema, (command) =>
    session.guarded('sim:control', (room) => {
      const apply = () => {
        const result = room.control(command);
        if (result.ok) logger.info({ room: room.name, socket: socket.id, command }, 'playback control');
        return result;
      };
      return command.action === 'reset' ? heavy(room, 'reset', apply) : apply();
    }),
  );

  registerCommand(context, 'scenario:load', scenarioLoadSchema, ({ name }) =>
    session.guarded('scenario:load', (room) => {
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

  // Anyone in an open room, only the presenter in a class room.
  const bookmarks = createBookmarkBudget(deps.now);
  registerCommand(context, 'bookmark:add', bookmarkAddSchema, ({ name, atMs }) =>
    session.guarded('bookmark:add', (room) => bookmarks.take() ?? room.addBookmark(name, atMs)),
  );

  // Rewind rebuilds an engine from the recording and a fork also creates a room: both cost real CPU and memory, so
  // each socket gets its own small budget on top of the command bucket (and forks count against the room limit).
  const branches = new TokenBucket(limits.branchesPerSecond, limits.branchBurst, deps.now);
  const branchLimited: Refusal = { ok: false, error: `rate limit: at most ${limits.branchesPerSecond} rewind/fork per second (bursts of ${limits.branchBurst})` };
  registerCommand(context, 'sim:rewind', rewindSchema, ({ simTimeMs }) =>
    session.guarded('sim:rewind', (room) => (branches.take() ? heavy(room, 'rewind', () => room.rewind(simTimeMs)) : branchLimited)),
  );
  registerCommand(context, 'sim:fork', forkSchema, (request) =>
    session.inRoom((room) => {
      if (!branches.take()) return branchLimited;
      return heavy(room, 'fork', () => {
        const forked = rooms.fork(room.name, request?.simTimeMs, address);
        if (!forked.ok) return forked;
        return { ok: true as const, room: forked.room.name, key: forked.key, made: forked.room };
      }).then((result) => (result.ok ? durableAck(result.made, { ok: true as const, room: result.room, key: result.key }) : result));
    }),
  );
}

/** Questions answered aside, the room untouched, each metered on its own: sim:explain, sim:history, sim:preview. */
function registerAsides(context: CommandContext, socket: BootscopeSocket, session: SocketSession, deps: SocketDeps): void {
  // With `at`, the explanation at a past moment: an engine rebuilt aside, metered per socket (handlers/pastExplain.ts).
  const explain = createPastExplainer(deps.now);
  registerCommand(context, 'sim:explain', explainSchema, (query) => session.inRoom((room) => explain(room, query)));

  // Older events than the snapshot's window, a bounded page at a time (handlers/history.ts).
  const history = createHistoryPager(deps.now, deps.historyByAddress ?? new AddressLimiter(HISTORY_ADDRESS_PAGES_PER_SECOND, HISTORY_ADDRESS_BURST, deps.now), socket);
  registerCommand(context, 'sim:history', historySchema, (request) => session.inRoom((room) => history(room, request)));

  // Computed aside from the joined room's engine, never written to it (handlers/preview.ts).
  const preview = createPreviewer(deps.now);
  registerCommand(context, 'sim:preview', previewSchema, (request) => session.inRoom((room) => preview(room.engine, request)));
}
