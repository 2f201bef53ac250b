// The set of rooms: the default room (always present, never dropped) plus rooms clients create by joining.
// Invariants: at most `maxRooms` rooms exist; names are validated by the caller (roomNameSchema); a room
// other than the default with no clients for `roomIdleMs` is disposed by sweep() (its timers stop).
import type { Logger } from 'pino';
import type { EngineFactory, EngineRestorer } from '../deps.ts';
import type { ClusterConfig } from '../../shared/engine/types.ts';
import type { ScenarioInfo } from '../../shared/protocol/messages.ts';
import type { ScriptStep } from '../../shared/engine/script.ts';
import { generatePresenterKey } from './presenterKey.ts';
import { keyDigest } from './presenterKey.ts';
import { DEFAULT_CLUSTER, Room, type RoomBroadcast, type RoomPersistence } from './room.ts';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../shared/model/clusterLimits.ts';
import { parseRoomRecord, restoreFromRecord } from './store/roomRecord.ts';
import type { StoredFile } from './store/roomStore.ts';

export const DEFAULT_ROOM = 'default';

export interface RoomRegistryOptions {
  createEngine: EngineFactory;
  restoreEngine: EngineRestorer;
  now: () => number;
  broadcast: RoomBroadcast;
  logger: Logger;
  maxRooms: number;
  roomIdleMs: number;
  maxHistoryEvents: number;
  autoTick: boolean;
  /** PRESENTER_KEY (or the key main.ts generated for a public bind): the default room is then a class room. */
  defaultPresenterKey?: string | null;
  /** Class rooms one client address may hold at once (POST /api/rooms); the total limit applies as well. */
  roomsPerAddress?: number;
  /** Rooms one address may create by joining a new name or forking; the total limit applies as well. */
  openRoomsPerAddress?: number;
  /** Close a room (not the default) whose clients stay but nobody changed it for this long (absent: never). */
  roomInactiveMs?: number;
  /** Stores every room's record as it changes (roomSaver.ts); absent, rooms live in memory only. */
  durability?: RoomDurability;
  /** false: no default room at start (several processes: whoever takes its lease runs it, scaleout/coordinator.ts). */
  createDefault?: boolean;
  /** A room was made here without a join (POST /api/rooms, a fork): with several processes, take its lease. */
  onCreated?: (room: Room) => void;
}

/** What the registry needs of the store besides the rooms' own reports: write one now, drop one for good. */
export interface RoomDurability extends RoomPersistence {
  saveNow(room: Room): void;
  forget(room: Room): void;
}

/** What a new class room runs: a plain boot of a cluster and seed, or a built-in scenario. */
export interface ClassRoomStart {
  cluster?: ClusterConfig;
  seed?: number;
  scenario?: { info: ScenarioInfo; cluster: ClusterConfig; seed: number; steps: readonly ScriptStep[] };
}

export type ClassRoomResult = { ok: true; room: Room; key: string } | { ok: false; status: 409 | 429 | 400; error: string };

export const DEFAULT_ROOMS_PER_ADDRESS = 3;

/**
 * The share of the room limit one address may keep once the server is full (issue 18, item 7: two addresses that
 * kept sockets open held all 20 rooms). When a new room is asked for and none is free, a room made by an address that
 * made more than this share (class rooms, joined names and forks together), never the asker's own, is closed to make
 * space: the one nobody changed for longest. Its viewers are told why. An asker that itself made its share or more
 * makes space for nobody.
 */
export const FAIR_SHARE_OF_ROOMS = 0.25;

/**
 * The nodes (masters + agents + public agents) of all the class rooms one address made, together: one room of the
 * largest cluster the schema allows (5 + 10,000 + 1,000), or several smaller ones (issue 18, item 2: anyone may
 * POST /api/rooms, and every such room is a replay of that size for anyone who asks for its past).
 */
export const NODES_PER_ADDRESS = 5 + MAX_AGENTS + MAX_PUBLIC_AGENTS;

export type RoomLookup = { ok: true; room: Room; created: boolean } | { ok: false; error: string };

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** Rooms made by POST /api/rooms -> the address that made them (the per-address limit counts these). */
  private readonly creators = new Map<string, string>();
  /** Rooms made by joining a new name or by a fork -> the address that made them (counted separately). */
  private readonly openCreators = new Map<string, string>();

  constructor(private readonly options: RoomRegistryOptions) {
    if (options.createDefault !== false) this.create(DEFAULT_ROOM, options.defaultPresenterKey ?? null);
  }

  /** `name` now runs in another process (its lease was lost): stop it here, keep its record. */
  drop(name: string): void {
    this.rooms.get(name)?.dispose();
    this.rooms.delete(name);
    this.creators.delete(name);
  }

  /**
   * POST /api/rooms: a new class room (paused at 0:00 until its presenter plays) with a fresh key. `name` taken: 409;
   * the caller's address already holds roomsPerAddress rooms, or the total limit is reached: 429.
   */
  createClassRoom(address: string, name: string | undefined, start: ClassRoomStart): ClassRoomResult {
    const perAddress = this.options.roomsPerAddress ?? DEFAULT_ROOMS_PER_ADDRESS;
    const held = [...this.creators.values()].filter((a) => a === address).length;
    if (held >= perAddress) {
      return { ok: false, status: 429, error: `room limit per address reached: this address already holds ${held} class rooms (at most ${perAddress}); they close after ${Math.round(this.options.roomIdleMs / 60_000)} minutes without viewers` };
    }
    const nodesOf = (c: { masters: number; agents: number; publicAgents: number }) => c.masters + c.agents + c.publicAgents;
    const asked = nodesOf(start.scenario?.cluster ?? start.cluster ?? DEFAULT_CLUSTER);
    const madeNodes = [...this.creators].filter(([room, by]) => by === address && this.rooms.has(room)).reduce((n, [room]) => n + nodesOf(this.rooms.get(room)!.cluster), 0);
    if (madeNodes + asked > NODES_PER_ADDRESS) {
      return { ok: false, status: 429, error: `node limit per address reached: the class rooms this address made have ${madeNodes} nodes and this one would add ${asked} (at most ${NODES_PER_ADDRESS} together); they close after ${Math.round(this.options.roomIdleMs / 60_000)} minutes without viewers` };
    }
    if (this.rooms.size >= this.options.maxRooms && !this.reclaimFor(address)) {
      return { ok: false, status: 429, error: `room limit reached: at most ${this.options.maxRooms} rooms may exist; try again after idle rooms close` };
    }
    const roomName = name ?? this.className();
    if (this.rooms.has(roomName)) return { ok: false, status: 409, error: `room '${roomName}' already exists; pick another name or leave it out for a generated one` };
    const key = generatePresenterKey();
    const scenario = start.scenario;
    const sim = scenario
      ? { cluster: scenario.cluster, seed: scenario.seed, scenario: scenario.info, script: scenario.steps }
      : { ...(start.cluster ? { cluster: start.cluster } : {}), ...(start.seed !== undefined ? { seed: start.seed } : {}) };
    let room: Room;
    try {
      room = this.create(roomName, key, sim);
    } catch (error) {
      return { ok: false, status: 400, error: `could not start the simulation: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.creators.set(roomName, address);
    this.options.onCreated?.(room);
    return { ok: true, room, key };
  }

  /** "class-<6 hex>", never taken. */
  private className(): string {
    for (;;) {
      const name = `class-${generatePresenterKey().slice(0, 6)}`;
      if (!this.rooms.has(name)) return name;
    }
  }

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  names(): string[] {
    return [...this.rooms.keys()];
  }

  /** The room `name`, created when new (`address`: who asks; the per-address limit counts the rooms it made). */
  getOrCreate(name: string, address?: string): RoomLookup {
    const existing = this.rooms.get(name);
    if (existing) return { ok: true, room: existing, created: false };
    // The default room is never counted against an address (with several processes it is made on demand).
    if (name === DEFAULT_ROOM) return { ok: true, room: this.create(name, this.options.defaultPresenterKey ?? null), created: true };
    const refused = this.refuseNewRoom(address, 'rooms');
    if (refused !== null) return { ok: false, error: refused };
    const room = this.create(name);
    if (address !== undefined) this.openCreators.set(name, address);
    return { ok: true, room, created: true };
  }

  /** Why `address` may not make one more room by joining or forking, or null. */
  private refuseNewRoom(address: string | undefined, what: string): string | null {
    if (this.rooms.size >= this.options.maxRooms && (address === undefined || !this.reclaimFor(address))) {
      return `room limit reached: at most ${this.options.maxRooms} rooms may exist; join an existing one (e.g. "${DEFAULT_ROOM}") or try again after idle rooms close`;
    }
    const perAddress = this.options.openRoomsPerAddress;
    if (address === undefined || perAddress === undefined) return null;
    const held = [...this.openCreators.values()].filter((a) => a === address).length;
    if (held < perAddress) return null;
    return `room limit per address reached: your address already made ${held} ${what} (at most ${perAddress}); join an existing room, or wait until yours close (${Math.round(this.options.roomIdleMs / 60_000)} minutes without viewers)`;
  }

  /**
   * `sim:fork`: a new room starting from `parent`'s state at `atMs` (default now), paused; the parent untouched.
   * Counts against the room limit like any other room. `key` is the new room's presenter key (128 random bits).
   */
  fork(parentName: string, atMs?: number, address?: string): { ok: true; room: Room; key: string } | { ok: false; error: string } {
    const parent = this.rooms.get(parentName);
    if (parent === undefined) return { ok: false, error: `unknown room '${parentName}'` };
    const refused = this.refuseNewRoom(address, 'rooms and sandboxes');
    if (refused !== null) return { ok: false, error: refused.replace('room limit reached', 'room limit reached (a fork is a room too)') };
    const branch = parent.branch(atMs ?? parent.engine.simTimeMs);
    if (!branch.ok) return branch;
    const room = this.create(this.forkName(parentName));
    if (address !== undefined) this.openCreators.set(room.name, address);
    room.startFrom(branch.start, { cluster: parent.cluster, seed: parent.seed, scenario: parent.scenario }, { room: parentName, atMs: branch.start.atMs });
    const key = generatePresenterKey();
    room.access.setPresenterKey(key);
    this.options.logger.info({ room: room.name, parent: parentName, atMs: branch.start.atMs }, 'room forked');
    this.options.onCreated?.(room);
    return { ok: true, room, key };
  }

  /**
   * The registry is full and `address` asks for a room: close the least recently changed room of an address (not
   * `address`) that made more than FAIR_SHARE_OF_ROOMS of the limit, if `address` itself made fewer. False if no address
   * holds that many.
   */
  private reclaimFor(address: string): boolean {
    const share = Math.max(1, Math.floor(this.options.maxRooms * FAIR_SHARE_OF_ROOMS));
    const made = new Map<string, string[]>();
    for (const creators of [this.creators, this.openCreators]) {
      for (const [room, by] of creators) if (by !== address && this.rooms.has(room) && room !== DEFAULT_ROOM) made.set(by, [...(made.get(by) ?? []), room]);
    }
    // An address over its share itself makes space for nobody: hogs do not close each other's rooms.
    const own = [...this.creators.values(), ...this.openCreators.values()].filter((by) => by === address).length;
    if (own >= share) return false;
    let victim: Room | undefined;
    let victimBy = '';
    for (const [by, names] of made) {
      if (names.length <= share) continue;
      for (const name of names) {
        const room = this.rooms.get(name)!;
        if (victim === undefined || room.presence.lastActivityWallMs < victim.presence.lastActivityWallMs) {
          victim = room;
          victimBy = by;
        }
      }
    }
    if (victim === undefined) return false;
    const name = victim.name;
    this.options.broadcast.closed?.(name, `room '${name}' was closed to make space: the server is full and the address that made it holds more than ${share} rooms. Open the default room, or make a new class room.`);
    victim.dispose();
    this.options.durability?.forget(victim);
    this.rooms.delete(name);
    this.creators.delete(name);
    this.openCreators.delete(name);
    this.options.logger.info({ room: name, reason: 'reclaimed', heldByCreator: made.get(victimBy)?.length }, 'room dropped');
    return true;
  }

  /** "<parent>-fork-<n>", shortened to fit a room name (32 characters) and never taken. */
  private forkName(parent: string): string {
    for (let n = 1; ; n++) {
      const suffix = `-fork-${n}`;
      const name = `${parent.slice(0, 32 - suffix.length)}${suffix}`;
      if (!this.rooms.has(name)) return name;
    }
  }

  /**
   * Drop rooms (never the default) that have had no clients for roomIdleMs, and close those whose clients stay but
   * that nobody has changed for roomInactiveMs (a forgotten tab must not hold a room forever): their viewers are told
   * why first (RoomBroadcast.closed). Returns the dropped names.
   */
  sweep(): string[] {
    const now = this.options.now();
    const inactiveMs = this.options.roomInactiveMs;
    const dropped: string[] = [];
    for (const [name, room] of this.rooms) {
      if (name === DEFAULT_ROOM) continue;
      const idleSince = room.presence.idleSinceMs;
      const idle = idleSince !== null && now - idleSince >= this.options.roomIdleMs;
      const inactive = idleSince === null && inactiveMs !== undefined && now - room.presence.lastActivityWallMs >= inactiveMs;
      if (!idle && !inactive) continue;
      if (inactive) {
        const hours = Math.round((inactiveMs ?? 0) / 360_000) / 10;
        this.options.broadcast.closed?.(name, `room '${name}' was closed: nobody changed it for ${hours} hour${hours === 1 ? '' : 's'}. Open the default room, or make a new class room.`);
      }
      room.dispose();
      this.options.durability?.forget(room);
      this.rooms.delete(name);
      this.creators.delete(name);
      this.openCreators.delete(name);
      dropped.push(name);
      this.options.logger.info({ room: name, reason: idle ? 'no clients' : 'no activity' }, 'room dropped');
    }
    return dropped;
  }

  /** Advance every room by one tick (tests with autoTick=false). */
  tickAll(): void {
    for (const room of this.rooms.values()) room.tick();
  }

  /** Writes every room's record now (shutdown: whatever changed since the last write is kept). */
  saveAll(): void {
    const durability = this.options.durability;
    if (durability !== undefined) for (const room of this.rooms.values()) durability.saveNow(room);
  }

  /**
   * Brings rooms back from their stored records (start-up, architecture.md §8): each replays its recording to where
   * it was. A record that does not validate or replay is logged and skipped; at most maxRooms rooms come back. The
   * default room's presenter key is this start's configuration (PRESENTER_KEY), not the stored one. Returns the names.
   */
  restore(files: readonly StoredFile[], onDamaged?: (room: string, reason: string) => void): string[] {
    const restored: string[] = [];
    const ordered = [...files].sort((a, b) => Number(b.room === DEFAULT_ROOM) - Number(a.room === DEFAULT_ROOM));
    for (const file of ordered) {
      const parsed = parseRoomRecord(file.json);
      const error = !parsed.ok ? parsed.error : parsed.record.room !== file.room ? `it names room '${parsed.record.room}'` : null;
      if (error !== null || !parsed.ok) {
        this.options.logger.warn({ room: file.room, error: error?.slice(0, 300) }, 'ignoring a stored room that is not valid');
        onDamaged?.(file.room, error ?? 'not valid');
        continue;
      }
      if (file.room !== DEFAULT_ROOM && this.rooms.size >= this.options.maxRooms) {
        this.options.logger.warn({ room: file.room, maxRooms: this.options.maxRooms }, 'not restoring a stored room: the room limit is reached');
        continue;
      }
      try {
        const back = restoreFromRecord(parsed.record, this.options.createEngine);
        if (file.room === DEFAULT_ROOM) {
          const configured = this.options.defaultPresenterKey;
          back.state.presenterKeyDigest = configured != null ? keyDigest(configured) : null;
          this.rooms.get(DEFAULT_ROOM)?.dispose();
        }
        const room = this.create(file.room, null, undefined, false);
        room.restore(back.start, back.sim, back.state);
        restored.push(file.room);
        this.options.logger.info({ room: file.room, epoch: room.epoch, simTimeMs: room.engine.simTimeMs, lastSeq: room.engine.lastSeq }, 'room restored from its recording');
      } catch (caught) {
        const reason = caught instanceof Error ? caught.message.slice(0, 300) : String(caught);
        this.options.logger.warn({ room: file.room, error: reason }, 'ignoring a stored room that does not replay');
        onDamaged?.(file.room, reason);
      }
    }
    return restored;
  }

  close(): void {
    for (const room of this.rooms.values()) room.dispose();
    this.rooms.clear();
    this.creators.clear();
    this.openCreators.clear();
  }

  /** `save`: write the new room's record at once (a restored room has one already). */
  private create(name: string, presenterKey: string | null = null, sim?: ConstructorParameters<typeof Room>[1], save = true): Room {
    const { createEngine, restoreEngine, now, broadcast, logger, maxHistoryEvents, autoTick, durability } = this.options;
    const room = new Room({ name, createEngine, restoreEngine, now, broadcast, logger, maxHistoryEvents, autoTick, presenterKey, persistence: durability }, sim);
    if (save) durability?.saveNow(room);
    this.rooms.set(name, room);
    logger.info({ room: name, rooms: this.rooms.size }, 'room created');
    return room;
  }
}
