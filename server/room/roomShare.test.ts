// Issue 18, item 7: two addresses that each made many rooms cannot hold the whole room limit: once the server is
// full, a third address's new room closes the least recently changed room of an address over its fair share.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { createFakeEngine, restoreFakeEngine } from '../testing/fakeEngine.ts';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../shared/model/clusterLimits.ts';
import { NODES_PER_ADDRESS, RoomRegistry } from './rooms.ts';

function registry() {
  let wallMs = 0;
  const closed: string[] = [];
  const rooms = new RoomRegistry({
    createEngine: createFakeEngine,
    restoreEngine: restoreFakeEngine,
    now: () => wallMs,
    broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined, closed: (room) => void closed.push(room) },
    logger: silentLogger(),
    maxRooms: 20,
    roomIdleMs: 60_000,
    maxHistoryEvents: 1_000,
    autoTick: false,
    openRoomsPerAddress: 10,
    roomsPerAddress: 3,
  });
  return { rooms, closed, advance: (ms: number) => (wallMs += ms) };
}

describe('rooms held per address', () => {
  it('a third address gets a room when two addresses hold all of them; the oldest of the biggest holder closes', () => {
    const { rooms, closed, advance } = registry();
    for (let i = 0; i < 10; i++) {
      expect(rooms.getOrCreate(`a-${i}`, '10.0.0.1').ok).toBe(true);
      advance(1_000);
    }
    for (let i = 0; i < 9; i++) expect(rooms.getOrCreate(`b-${i}`, '10.0.0.2').ok).toBe(true);
    expect(rooms.size).toBe(20);
    // The holders themselves get no more (their own rooms are never reclaimed for them).
    expect(rooms.getOrCreate('b-9', '10.0.0.2')).toMatchObject({ ok: false, error: expect.stringMatching(/room limit reached/) });
    expect(rooms.getOrCreate('c-0', '10.0.0.3')).toMatchObject({ ok: true, created: true });
    expect(closed).toEqual(['a-0']);
    expect(rooms.get('a-0')).toBeUndefined();
    expect(rooms.createClassRoom('10.0.0.4', 'lesson', {})).toMatchObject({ ok: true });
    expect(rooms.size).toBe(20);
    expect(closed).toHaveLength(2);
  });

  it('rooms of addresses within their share are never closed for another', () => {
    const { rooms, closed } = registry();
    for (let a = 0; a < 4; a++) for (let i = 0; i < 5; i++) if (rooms.size < 20) rooms.getOrCreate(`r${a}-${i}`, `10.0.1.${a}`);
    expect(rooms.size).toBe(20);
    expect(rooms.getOrCreate('late', '10.0.0.9')).toMatchObject({ ok: false });
    expect(rooms.createClassRoom('10.0.0.9', 'lesson', {})).toMatchObject({ ok: false, status: 429 });
    expect(closed).toEqual([]);
  });
});

describe('nodes of class rooms per address', () => {
  it('one address may make one largest room (or smaller ones up to its nodes), not two', () => {
    const { rooms } = registry();
    const largest = { masters: 5 as const, agents: MAX_AGENTS, publicAgents: MAX_PUBLIC_AGENTS };
    expect(NODES_PER_ADDRESS).toBe(5 + MAX_AGENTS + MAX_PUBLIC_AGENTS);
    const first = rooms.createClassRoom('10.0.0.1', 'big-1', { cluster: { masters: 3 as const, agents: MAX_AGENTS - 10, publicAgents: 0 } });
    expect(first).toMatchObject({ ok: true });
    expect(rooms.createClassRoom('10.0.0.1', 'big-2', { cluster: largest })).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/node limit per address/) });
    expect(rooms.createClassRoom('10.0.0.1', 'small', {})).toMatchObject({ ok: true });
    expect(rooms.createClassRoom('10.0.0.2', 'other', { cluster: { masters: 1 as const, agents: 10, publicAgents: 0 } })).toMatchObject({ ok: true });
  }, 60_000);
});
