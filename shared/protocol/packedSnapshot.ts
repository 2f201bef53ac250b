// A snapshot compressed once for every viewer that asks for it. A class joins at once through one access
// point, and a snapshot is JSON that deflates 10-15x (3+100 ten minutes in: 1.75 MB -> ~100 KB). socket.io's
// per-message deflate would compress it again for every socket; this is compressed once per snapshot object on the
// server and shared, like its JSON text already is (server/handlers/outgoing.ts).
// Contract (extends architecture.md §4, breaks nothing): a client that joins with `snapshotEncoding: 'deflate-raw'`
// may get `sim:packedSnapshot` instead of `sim:snapshot` (on join, resync, reset, rewind); it must still accept a
// plain `sim:snapshot` (a server of another process, an older server). Other clients get `sim:snapshot` as before.
// Invariant: `data` inflates (raw DEFLATE, RFC 1951) to exactly the JSON of the SimSnapshot that would have been sent.
import type { SimSnapshot } from './messages.ts';

export const SNAPSHOT_ENCODINGS = ['json', 'deflate-raw'] as const;
export type SnapshotEncoding = (typeof SNAPSHOT_ENCODINGS)[number];

/** What travels as `sim:packedSnapshot`: a binary socket.io event (the bytes are an attachment, not base64). */
export interface PackedSnapshot {
  encoding: 'deflate-raw';
  /** Copied from the snapshot, so a client can tell which one is coming before it has inflated it. */
  room: string;
  epoch: number;
  lastSeq: number;
  /** Length of the JSON text `data` inflates to (a client refuses to inflate past it). */
  jsonBytes: number;
  data: Uint8Array;
}

/** The largest snapshot JSON a client inflates (5+10,000+100 is ~14 MB): past it the data is refused as bad. */
export const MAX_PACKED_SNAPSHOT_JSON_BYTES = 256 * 1024 * 1024;

/** A readable reason `value` is no PackedSnapshot, or null when its header is sound (the bytes are checked on inflate). */
export function packedSnapshotProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'a packed snapshot is an object';
  const v = value as Partial<Record<keyof PackedSnapshot, unknown>>;
  if (v.encoding !== 'deflate-raw') return `unknown snapshot encoding ${JSON.stringify(v.encoding)}; known: deflate-raw`;
  if (!(v.data instanceof Uint8Array) && !(v.data instanceof ArrayBuffer)) return 'a packed snapshot carries its bytes as binary data';
  if (typeof v.jsonBytes !== 'number' || !Number.isInteger(v.jsonBytes) || v.jsonBytes < 2 || v.jsonBytes > MAX_PACKED_SNAPSHOT_JSON_BYTES) {
    return `jsonBytes must be an integer from 2 to ${MAX_PACKED_SNAPSHOT_JSON_BYTES}`;
  }
  return null;
}

/** A readable reason the inflated, parsed value is no SimSnapshot (only what the page relies on first), or null. */
export function snapshotShapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'a snapshot is an object';
  const s = value as Partial<Record<keyof SimSnapshot, unknown>>;
  if (typeof s.lastSeq !== 'number' || typeof s.epoch !== 'number' || typeof s.simTimeMs !== 'number') return 'a snapshot has numeric lastSeq, epoch and simTimeMs';
  if (!Array.isArray(s.events)) return 'a snapshot has an events array';
  if (typeof s.view !== 'object' || s.view === null || !Array.isArray((s.view as { nodes?: unknown }).nodes)) return 'a snapshot has a view with nodes';
  return null;
}
