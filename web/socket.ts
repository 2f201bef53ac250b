/**
 * The one socket.io client. It joins a room, feeds the store (snapshot, batches, playback, connection)
 * through web/store/feed.ts, asks for a snapshot on a seq gap or epoch change, and turns the commands
 * into promises of their ack (an unanswered command resolves as {ok:false} after ACK_TIMEOUT_MS). An injected
 * fault resolves once the store holds its events up to the ack's lastSeq (store/coverage.ts; resync if they never come).
 * `createSocketClient` takes the socket and store as arguments so tests drive it with a fake socket;
 * `connectBootscope` wires the real one for the app.
 * Snapshots come compressed (`sim:packedSnapshot`) when the browser can inflate them: what arrives while one is being
 * inflated waits behind it, in order; one that does not inflate turns them off for this page (a plain join follows).
 */
import { journalStore } from './components/Journal/journalStore.ts';
import { io, type Socket } from 'socket.io-client';
import type { ExplainStep, Fault, PreviewOutcome } from '../shared/protocol/types.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import type { Ack, Bookmark, PlaybackState, RoomPolicy, ScenarioInfo } from '../shared/protocol/messages.ts';
import type { ControlCommand, RoomPolicyRequest } from '../shared/protocol/schemas.ts';
import { applyBookmarks, applyFollow, applyJoin, applyOlderHistory, applyPlayback, applyPolicy, applyQuiz, applySnapshot, setConnection, startOlderHistory, timelineWithPage } from './store/feed.ts';
import type { FollowState, QuizState, UnitRef } from '../shared/protocol/classroom.ts';
import { forgetPresenterKey, takePresenterKey } from './presenterKey.ts';
import { storedDisplayName } from './classroom/displayName.ts';
import type { BootStore } from './store/store.ts';
import { createBatchFolder, type BatchFolder } from './store/batchFolder.ts';
import { whenCovered } from './store/coverage.ts';
import { canUnpackSnapshots, unpackSnapshot } from './unpackSnapshot.ts';
import type { SimSnapshot } from '../shared/protocol/messages.ts';

export const ACK_TIMEOUT_MS = 5_000;
/**
 * When the server itself closes the connection (shutdown, restart), socket.io does not reconnect on
 * its own; we ask it to after this pause (a failed attempt then falls into its normal backoff).
 */
export const SERVER_CLOSE_RETRY_MS = 1_000;

/** Performance marks the web benchmark reads to split "time to first render" into its phases. */
export const MARK_CONNECTED = 'bootscope:socket-connected';
export const MARK_SNAPSHOT = 'bootscope:snapshot-received';

function markOnce(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

export type BootSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketClient {
  /** Resolves when the fault's events (up to the ack's lastSeq) are in the store, or at once when refused. */
  inject(fault: Fault): Promise<Ack<{ lastSeq: number }>>;
  control(command: ControlCommand): Promise<Ack<PlaybackState>>;
  loadScenario(name: string): Promise<Ack<{ scenario: ScenarioInfo }>>;
  /** With `atMs`: the explanation as it was at that moment (sim:explain {at}). */
  explain(node: string, unit: string, atMs?: number): Promise<Ack<{ chain: ExplainStep[] }>>;
  /** A named bookmark at `atMs` (default now) for everyone in the room (bookmark:add). */
  addBookmark(name: string, atMs?: number): Promise<Ack<{ bookmark: Bookmark }>>;
  /** The room back to that moment for everyone, paused (sim:rewind). */
  rewind(simTimeMs: number): Promise<Ack<{ epoch: number; simTimeMs: number }>>;
  /** A new room from that moment (default now), paused (sim:fork); `key` is its presenter key. */
  fork(simTimeMs?: number): Promise<Ack<{ room: string; key: string }>>;
  /** This page's display name (viewer:name), sent again with every later join; refusals are returned, not toasted. */
  setName(name: string): Promise<Ack<{ name: string }>>;
  /** What a fault would do within the horizon if injected now, computed aside by the server (the room untouched). */
  preview(fault: Fault, horizonMs?: number): Promise<Ack<PreviewOutcome>>;
  /**
   * One page of older history in front of a timeline that starts mid-way (sim:history): resolves when it is applied,
   * dropped (the history changed meanwhile) or refused; the outcome is in the store's `olderHistory`, not a toast.
   */
  loadOlderHistory(): Promise<void>;
  /** Presenter: what the class should look at (ui:follow); refusals are silent (the page only leads when it may). */
  lead(follow: FollowState): Promise<Ack>;
  /** Presenter: open a round "what will fail if ...?" about `fault` (quiz:ask). */
  quizAsk(fault: Fault): Promise<Ack<{ quiz: QuizState }>>;
  /** Viewer: this viewer's picks for round `id` (quiz:answer), replacing earlier ones. */
  quizAnswer(id: number, picks: readonly UnitRef[]): Promise<Ack<{ answers: number }>>;
  /** Presenter: inject the fault and score the answers (quiz:reveal). */
  quizReveal(): Promise<Ack<{ quiz: QuizState }>>;
  quizClose(): Promise<Ack>;
  /** Presenter: change the room's rules, e.g. let the students inject faults (room:policy). */
  setPolicy(request: RoomPolicyRequest): Promise<Ack<{ policy: RoomPolicy }>>;
  /** Counters a benchmark or a test can read: how batches were treated. */
  readonly stats: { applied: number; duplicate: number; resync: number; ignored: number };
  close(): void;
}

/** Subset of the socket the client uses (the real Socket satisfies it; tests pass a fake). */
export type SocketPort = Pick<BootSocket, 'on' | 'emit' | 'timeout' | 'disconnect' | 'connect'> & {
  io: { on(event: 'reconnect_attempt' | 'reconnect_failed', listener: () => void): unknown };
};

function failure(error: unknown): { ok: false; error: string } {
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, error: /timed? ?out/i.test(text) ? `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` : text };
}

export interface ClientOptions {
  room?: string;
  key?: string;
  name?: string;
  onWrongKey?: () => void;
  now?: () => number;
  serverCloseRetryMs?: number;
  /** Ask for snapshots as raw DEFLATE (`sim:packedSnapshot`); the browser must be able to inflate them. */
  packSnapshots?: boolean;
}

type Toast = (text: string) => void;

export function createSocketClient(socket: SocketPort, store: BootStore, options: ClientOptions = {}): SocketClient {
  const now = options.now ?? (() => performance.now());
  const stats = { applied: 0, duplicate: 0, resync: 0, ignored: 0 };
  const toast: Toast = (text) => store.getState().actions.toast(text, 'error');
  const membership = createMembership(socket, store, options, toast);
  // Big batches are folded a slice per task and rendered once (batchFolder.ts); each slice is judged on its own.
  const folder = createBatchFolder(store, {
    now,
    onVerdict: (verdict) => {
      stats[verdict]++;
      if (verdict === 'resync') membership.resync();
    },
  });
  const connection = followConnection(socket, store, folder, membership.join, options.serverCloseRetryMs ?? SERVER_CLOSE_RETRY_MS);
  feedFacts(socket, store, folder, now, toast, membership);
  return { stats, ...sendCommands(socket, store, folder, membership, toast), close: connection.close };
}

interface Membership {
  join(): void;
  /** Asks for a snapshot (once at a time); a refused or lost one falls back to a fresh join. */
  resync(): void;
  /** A snapshot arrived: a new resync may be asked for. */
  snapshotArrived(): void;
  /** The display name every later join carries. */
  name: string | undefined;
  /** Packed snapshots are asked for on every join while the browser inflates them and none has failed. */
  packSnapshots: boolean;
}

/** Joining the room (with the key while it is right, and the display name) and asking for its state again. */
function createMembership(socket: SocketPort, store: BootStore, options: ClientOptions, toast: Toast): Membership {
  let key = options.key;
  let resyncInFlight = false;
  const membership: Membership = {
    // The server keeps a display name per socket: a reconnect is a new socket, so every join carries it again.
    name: options.name,
    packSnapshots: options.packSnapshots ?? false,
    join: () => {
      // A room that cannot be stored says so again on every join (before its ack), so forget the last room's word.
      store.setState({ roomStorage: null });
      const name = membership.name;
      const request = {
        ...(options.room ? { room: options.room } : {}),
        ...(key !== undefined ? { key } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(membership.packSnapshots ? { snapshotEncoding: 'deflate-raw' as const } : {}),
      };
      socket.timeout(ACK_TIMEOUT_MS).emit('sim:join', request, (err, result) => {
        if (err) toast(`Could not join the simulation: ${failure(err).error}`);
        else if (result.ok) applyJoin(store, result.role, result.policy);
        else if (key !== undefined && /presenter key/.test(result.error)) {
          // A stale or mistyped key: say so once, forget it and watch as a viewer.
          toast(`${result.error}; joining as a viewer`);
          key = undefined;
          options.onWrongKey?.();
          membership.join();
        } else toast(`Could not join room "${options.room ?? 'default'}": ${result.error}`);
      });
    },
    resync: () => {
      if (resyncInFlight) return;
      resyncInFlight = true;
      socket.timeout(ACK_TIMEOUT_MS).emit('sim:resync', {}, (err, result) => {
        resyncInFlight = false;
        if (err || !result.ok) membership.join();
      });
    },
    snapshotArrived: () => {
      resyncInFlight = false;
    },
  };
  return membership;
}

/** The connection's state in the store, a join on every connect, and a reconnect after the server closed it itself. */
function followConnection(socket: SocketPort, store: BootStore, folder: BatchFolder, join: () => void, serverCloseRetryMs: number): { close(): void } {
  let closedByUs = false;
  socket.on('connect', () => {
    markOnce(MARK_CONNECTED);
    setConnection(store, 'connected');
    join();
  });
  socket.on('disconnect', (reason) => {
    folder.clear();
    if (reason === 'io client disconnect') {
      setConnection(store, 'offline');
      return;
    }
    setConnection(store, 'reconnecting');
    if (reason === 'io server disconnect') {
      setTimeout(() => {
        if (!closedByUs) socket.connect();
      }, serverCloseRetryMs);
    }
  });
  socket.on('connect_error', () => setConnection(store, 'offline'));
  socket.io.on('reconnect_attempt', () => setConnection(store, 'reconnecting'));
  socket.io.on('reconnect_failed', () => setConnection(store, 'offline'));
  return {
    close: () => {
      closedByUs = true;
      socket.disconnect();
    },
  };
}

/** The server's facts into the store (web/store/feed.ts): snapshots, batches (folded), playback, the classroom. */
function feedFacts(socket: SocketPort, store: BootStore, folder: BatchFolder, now: () => number, toast: Toast, membership: Membership): void {
  const inOrder = createInOrder();
  const onSnapshot = (snapshot: SimSnapshot) => {
    membership.snapshotArrived();
    folder.clear();
    try {
      applySnapshot(store, snapshot, now());
    } catch (error) {
      toast(`Could not read the simulation state: ${failure(error).error}`);
    }
  };
  socket.on('sim:snapshot', (snapshot) => {
    markOnce(MARK_SNAPSHOT);
    inOrder(() => onSnapshot(snapshot));
  });
  socket.on('sim:packedSnapshot', (packed) => {
    markOnce(MARK_SNAPSHOT);
    inOrder(() =>
      unpackSnapshot(packed).then(onSnapshot, (error: unknown) => {
        membership.packSnapshots = false;
        toast(`Could not read the simulation state (${failure(error).error}); asking for it again uncompressed`);
        membership.join();
      }),
    );
  });
  socket.on('sim:events', (batch) => inOrder(() => folder.push(batch)));
  socket.on('sim:playback', (playback) => inOrder(() => applyPlayback(store, playback, now())));
  socket.on('sim:bookmarks', (bookmarks) => inOrder(() => applyBookmarks(store, bookmarks)));
  socket.on('sim:policy', (policy) => inOrder(() => applyPolicy(store, policy)));
  socket.on('ui:follow', (follow) => inOrder(() => applyFollow(store, follow)));
  socket.on('quiz:state', (quiz) => inOrder(() => applyQuiz(store, quiz)));
  socket.on('sim:realBoot', (run) => inOrder(() => journalStore.getState().setRealBoot(run)));
  socket.on('room:closed', ({ reason }) => inOrder(() => store.setState({ roomClosed: reason })));
  socket.on('room:storage', (state) => inOrder(() => store.setState({ roomStorage: state.ok ? null : state.reason })));
}

/**
 * Runs handlers in arrival order: while a packed snapshot inflates (a promise), later messages wait behind it;
 * with nothing waiting, a handler runs at once.
 */
function createInOrder(): (work: () => void | Promise<void>) => void {
  let tail: Promise<void> | null = null;
  return (work) => {
    if (tail === null) {
      const started = work();
      if (!(started instanceof Promise)) return;
      tail = started;
    } else tail = tail.then(work);
    const mine = tail;
    void mine.then(() => {
      if (tail === mine) tail = null;
    });
  };
}

/** The commands, each a promise of its ack; a refusal is a toast unless the caller shows it in place. */
function sendCommands(socket: SocketPort, store: BootStore, folder: BatchFolder, membership: Membership, toast: Toast): Omit<SocketClient, 'stats' | 'close'> {
  async function command<R extends object>(send: (cb: (err: Error | null, result: Ack<R>) => void) => void): Promise<Ack<R>> {
    const result = await new Promise<Ack<R>>((resolve) => {
      send((err, res) => resolve(err ? failure(err) : res));
    });
    if (!result.ok) toast(result.error);
    return result;
  }

  return {
    inject: async (fault) => {
      const result = await command<{ lastSeq: number }>((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('fault:inject', fault, cb));
      if (result.ok) await whenCovered(store, result.lastSeq, membership.resync);
      return result;
    },
    control: (cmd) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('sim:control', cmd, cb)),
    loadScenario: (name) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('scenario:load', { name }, cb)),
    // Explain errors are shown in the panel itself, not as a toast.
    explain: (node, unit, atMs) =>
      new Promise((resolve) => {
        const request = atMs === undefined ? { node, unit } : { node, unit, at: atMs };
        socket.timeout(ACK_TIMEOUT_MS).emit('sim:explain', request, (err, res) => resolve(err ? failure(err) : res));
      }),
    addBookmark: (name, atMs) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('bookmark:add', atMs === undefined ? { name } : { name, atMs }, cb)),
    rewind: (simTimeMs) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('sim:rewind', { simTimeMs }, cb)),
    fork: (simTimeMs) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('sim:fork', simTimeMs === undefined ? {} : { simTimeMs }, cb)),
    // Name errors are shown beside the name field, not as a toast.
    setName: (wanted) =>
      new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('viewer:name', { name: wanted }, (err, res) => {
          if (!err && res.ok) membership.name = res.name;
          resolve(err ? failure(err) : res);
        });
      }),
    // Preview errors (rate limit, inapplicable fault) are shown in the menu item, not as a toast.
    preview: (fault, horizonMs) =>
      new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('sim:preview', horizonMs === undefined ? { fault } : { fault, horizonMs }, (err, res) => resolve(err ? failure(err) : res));
      }),
    loadOlderHistory: () => loadOlderHistory(socket, store, folder),
    lead: (follow) =>
      new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('ui:follow', follow, (err, res) => resolve(err ? failure(err) : res));
      }),
    quizAsk: (fault) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('quiz:ask', { fault }, cb)),
    quizAnswer: (id, picks) => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('quiz:answer', { id, picks: [...picks] }, cb)),
    quizReveal: () => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('quiz:reveal', {}, cb)),
    quizClose: () => command((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('quiz:close', {}, cb)),
    // The ack carries the new rules: apply them here too (the room's sim:policy may not come back to the sender).
    setPolicy: (request) => command<{ policy: RoomPolicy }>((cb) => socket.timeout(ACK_TIMEOUT_MS).emit('room:policy', request, cb)).then((ack) => {
      if (ack.ok) applyPolicy(store, ack.policy);
      return ack;
    }),
  };
}

/** sim:history: one page of older events in front of the timeline, into the store and into a batch being folded. */
function loadOlderHistory(socket: SocketPort, store: BootStore, folder: BatchFolder): Promise<void> {
  return new Promise<void>((resolve) => {
    const { timeline, olderHistory } = store.getState();
    const beforeSeq = timeline.seededAt?.seq;
    if (beforeSeq === undefined || olderHistory.loading) return resolve();
    startOlderHistory(store);
    // No limit: the server's default is its largest page (runtime imports of shared/protocol/history.ts would bring zod).
    socket.timeout(ACK_TIMEOUT_MS).emit('sim:history', { beforeSeq }, (err, res) => {
      try {
        if (applyOlderHistory(store, beforeSeq, err ? failure(err) : res) === 'applied' && res.ok) {
          // A big batch being folded across tasks commits its own copy of the timeline: it must hold the page too.
          folder.mapDraft((draft) => {
            const timeline = timelineWithPage(draft, beforeSeq, res);
            return timeline === null ? draft : { ...draft, timeline };
          });
        }
      } catch (error) {
        applyOlderHistory(store, beforeSeq, failure(error));
      }
      resolve();
    });
  });
}

/** Connects the app to the server it was served from, room from `?room=`, presenter key from the link or this tab. */
export function connectBootscope(store: BootStore): SocketClient {
  const room = new URLSearchParams(window.location.search).get('room') ?? undefined;
  const key = takePresenterKey(room ?? 'default');
  const socket: BootSocket = io({ transports: ['websocket', 'polling'] });
  return createSocketClient(socket, store, { room, key, name: storedDisplayName(), onWrongKey: () => forgetPresenterKey(room ?? 'default'), packSnapshots: canUnpackSnapshots() });
}
