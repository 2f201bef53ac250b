/**
 * Loading a recording file into the room (POST /api/rooms/<room>/recording): the server validates it exactly as the
 * CLI does and restarts the room from it, for everyone in the room; every viewer then gets the new snapshot over the
 * socket as after a Reset. Here only what the browser can tell early: a file over the server's cap is refused without
 * sending 4 MiB for nothing, and every answer becomes one readable sentence for a toast.
 */

import { storedPresenterKey } from '../presenterKey.ts';
import { roomApiUrl } from '../roomApi.ts';

/** The server's cap (MAX_UPLOAD_BYTES in server/api/recordingUpload.ts); the server enforces it regardless. */
export const MAX_RECORDING_UPLOAD_BYTES = 4 * 1024 * 1024;

export type UploadResult = { ok: true; message: string } | { ok: false; error: string };

export async function uploadRecording(file: File, room: string): Promise<UploadResult> {
  if (file.size > MAX_RECORDING_UPLOAD_BYTES) {
    return { ok: false, error: `${file.name} is ${(file.size / 1048576).toFixed(1)} MiB; a recording may be at most 4 MiB` };
  }
  let res: Response;
  try {
    // A class room takes an upload from its presenter only: the key goes in a header, never in the URL.
    const key = storedPresenterKey(room);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(key !== undefined ? { 'X-Presenter-Key': key } : {}) };
    res = await fetch(roomApiUrl(room, 'recording'), { method: 'POST', body: file, headers });
  } catch {
    return { ok: false, error: `Could not send ${file.name}: the server is not reachable` };
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; steps?: number; name?: string };
  if (res.status === 429) return { ok: false, error: 'Too many uploads: wait a second and try again' };
  if (!res.ok) return { ok: false, error: `Could not load ${file.name}: ${body.error ?? `the server answered ${res.status}`}` };
  const steps = body.steps ?? 0;
  return { ok: true, message: `Loaded ${file.name} (${steps} recorded command${steps === 1 ? '' : 's'}): the room replays it, then runs live` };
}
