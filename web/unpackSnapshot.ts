/**
 * Inflates a `sim:packedSnapshot` (shared/protocol/packedSnapshot.ts) with the browser's own DecompressionStream (no
 * library in the bundle, the inflating off the main thread) and parses it. Anything wrong - a bad header, bytes
 * that do not inflate, more bytes than announced, JSON that is no snapshot - rejects with a readable error; it never
 * throws synchronously, so the socket client can fall back to plain snapshots.
 */
import type { SimSnapshot } from '../shared/protocol/messages.ts';
import { packedSnapshotProblem, snapshotShapeProblem, type PackedSnapshot } from '../shared/protocol/packedSnapshot.ts';

/** The browser inflates raw DEFLATE natively (Chromium 103, Firefox 113, Safari 16.4). */
export function canUnpackSnapshots(): boolean {
  if (typeof DecompressionStream !== 'function') return false;
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

async function inflate(data: Uint8Array, maxBytes: number): Promise<string> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the packed snapshot inflates past the ${maxBytes} bytes it announced`);
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(joined);
}

export async function unpackSnapshot(packed: unknown): Promise<SimSnapshot> {
  const problem = packedSnapshotProblem(packed);
  if (problem !== null) throw new Error(problem);
  const { data, jsonBytes } = packed as PackedSnapshot;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
  let text: string;
  try {
    text = await inflate(bytes, jsonBytes);
  } catch (error) {
    throw new Error(`the packed snapshot does not inflate: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the packed snapshot is not JSON');
  }
  const shape = snapshotShapeProblem(parsed);
  if (shape !== null) throw new Error(shape);
  return parsed as SimSnapshot;
}
