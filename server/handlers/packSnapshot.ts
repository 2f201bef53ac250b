// Compresses a snapshot's JSON once into the PackedSnapshot every viewer that asked for it shares
// (shared/protocol/packedSnapshot.ts; sent by handlers/outgoing.ts). Synchronous on purpose: the packet must be
// written before any later batch of the room, or the page would see batches newer than the snapshot first.
// Level by size, measured (npm run bench -- --only snapshot): 3+100 ten minutes in, 1.75 MB of JSON, is 92 KB at
// zlib's default level in ~12 ms and 114 KB at level 1 in ~5 ms; 5+10,000+100, 13.8 MB, is 710 KB in ~76 ms at the
// default and 803 KB in ~27 ms at level 1. Below PACK_DEFAULT_LEVEL_MAX_BYTES the bytes a class saves are worth the
// milliseconds; above it the event loop matters more.
import { constants, deflateRawSync } from 'node:zlib';
import type { PackedSnapshot } from '../../shared/protocol/packedSnapshot.ts';
import type { SimSnapshot } from '../../shared/protocol/messages.ts';

export const PACK_DEFAULT_LEVEL_MAX_BYTES = 4 * 1024 * 1024;

export function packLevel(jsonBytes: number): number {
  return jsonBytes <= PACK_DEFAULT_LEVEL_MAX_BYTES ? constants.Z_DEFAULT_COMPRESSION : 1;
}

/** `json` is JSON.stringify(snapshot) (the text a plain `sim:snapshot` carries). */
export function packSnapshot(snapshot: SimSnapshot, json: string): PackedSnapshot {
  const text = Buffer.from(json, 'utf8');
  const data = deflateRawSync(text, { level: packLevel(text.length) });
  return { encoding: 'deflate-raw', room: snapshot.room, epoch: snapshot.epoch, lastSeq: snapshot.lastSeq, jsonBytes: text.length, data };
}
