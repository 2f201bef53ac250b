// The packed snapshot's client half: what the server packs inflates back to the same snapshot, and no bad input
// throws synchronously or resolves as a snapshot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import { unpackSnapshot, canUnpackSnapshots } from './unpackSnapshot.ts';

const snapshot = {
  room: 'r', lastSeq: 3, simTimeMs: 1_000, seed: 1, cluster: { masters: 1, agents: 1, publicAgents: 0 }, speed: 1, paused: false,
  scenario: null, view: { nodes: [{ id: 'master-1', role: 'master', units: [] }] }, epoch: 0,
  events: [{ seq: 1, simTimeMs: 0, type: 'narration', text: 'é ✓ 日本' }],
} as unknown as SimSnapshot;

async function deflate(text: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function packed(json: string, extra: object = {}) {
  return { encoding: 'deflate-raw', room: 'r', epoch: 0, lastSeq: 3, jsonBytes: new TextEncoder().encode(json).length, data: await deflate(json), ...extra };
}

describe('unpackSnapshot', () => {
  it('is available where the page runs (and here)', () => {
    expect(canUnpackSnapshots()).toBe(true);
  });

  it('gives back the snapshot that was packed, from a Uint8Array or an ArrayBuffer', async () => {
    const p = await packed(JSON.stringify(snapshot));
    expect(await unpackSnapshot(p)).toEqual(snapshot);
    expect(await unpackSnapshot({ ...p, data: p.data.slice().buffer })).toEqual(snapshot);
  });

  it('round-trips any JSON-serialisable event payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 20 }), async (extra) => {
        const s = { ...snapshot, events: extra.map((payload, i) => ({ seq: i + 1, simTimeMs: i, type: 'narration', payload })) };
        const json = JSON.stringify(s);
        expect(await unpackSnapshot(await packed(json))).toEqual(JSON.parse(json));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a bad header with a readable error', async () => {
    const good = await packed(JSON.stringify(snapshot));
    for (const [bad, message] of [
      [null, /object/],
      ['x', /object/],
      [{ ...good, encoding: 'gzip' }, /unknown snapshot encoding "gzip"/],
      [{ ...good, data: 'AAAA' }, /binary/],
      [{ ...good, jsonBytes: -1 }, /jsonBytes/],
      [{ ...good, jsonBytes: 1e12 }, /jsonBytes/],
    ] as const) {
      await expect(unpackSnapshot(bad)).rejects.toThrow(message);
    }
  });

  it('rejects bytes that do not inflate, inflate past what was announced, or are no snapshot', async () => {
    const json = JSON.stringify(snapshot);
    await expect(unpackSnapshot({ ...(await packed(json)), data: new Uint8Array([1, 2, 3, 4, 5]) })).rejects.toThrow(/does not inflate/);
    await expect(unpackSnapshot(await packed(json, { jsonBytes: 10 }))).rejects.toThrow(/past the 10 bytes/);
    await expect(unpackSnapshot(await packed('{"lastSeq": 1'))).rejects.toThrow(/not JSON/);
    await expect(unpackSnapshot(await packed('[1,2]'))).rejects.toThrow(/numeric lastSeq/);
    await expect(unpackSnapshot(await packed(JSON.stringify({ ...snapshot, view: {} })))).rejects.toThrow(/view with nodes/);
  });

  it('never throws synchronously nor resolves for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 2, max: 10_000 }), async (data, jsonBytes) => {
        let outcome: Promise<unknown> | undefined;
        expect(() => (outcome = unpackSnapshot({ encoding: 'deflate-raw', room: 'r', epoch: 0, lastSeq: 0, jsonBytes, data }))).not.toThrow();
        await expect(outcome).rejects.toThrow();
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a deflate bomb at the announced size', async () => {
    const big = new Uint8Array(5_000_000).fill(32);
    const p = { encoding: 'deflate-raw', room: 'r', epoch: 0, lastSeq: 0, jsonBytes: 1_000, data: await deflate(big) };
    await expect(unpackSnapshot(p)).rejects.toThrow(/past the 1000 bytes/);
  });
});
