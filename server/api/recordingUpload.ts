// POST /api/rooms/<room>/recording: load a recording file (architecture.md §6, e.g. one downloaded earlier) back into
// a room. The room starts from it as from a scenario: a new epoch whose script is the recording's steps. Those steps
// are concrete firings (the recorder wrote what happened, not what was planned), so the room replays exactly what
// was recorded, the same bytes `npm run simulate -- --scenario rec.json` prints, and then keeps running live.
// Invariants: nothing touches the room until the whole body is read (capped while streaming: 413) and validated like
// a CLI recording file (JSON, recordingSchema, every fault against the recording's own cluster: 400 with one line
// saying what is wrong); an unknown room is a 404 before the body is read; any client may load one in an open room,
// only the presenter (X-Presenter-Key, checked by router.ts) in a class room. The caller (router.ts) has rate-limited the request and checked its Origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { looksLikeRecording } from '../../shared/protocol/recording.ts';
import type { Ack } from '../../shared/protocol/messages.ts';
import type { Room } from '../room/room.ts';
import type { RoomRegistry } from '../room/rooms.ts';
import { MAX_RECORDING_BYTES, parseScenario } from '../scenarios.ts';
import { sendError, sendJson } from './http.ts';
import { readBody } from './readBody.ts';
import { tooDeep } from './jsonDepth.ts';
import { durableAck } from '../handlers/socketSession.ts';

/** The most a recording upload may weigh: the size the CLI accepts for a recording file (4 MiB). */
export const MAX_UPLOAD_BYTES = MAX_RECORDING_BYTES;

/** Runs a room-replacing command under the heavy-command budgets (handlers/heavy.ts); answers when it ran or was refused. */
export type HeavyRunner = (room: Room, run: () => Ack) => Promise<Ack>;

export async function serveRecordingUpload(rooms: RoomRegistry, name: string, req: IncomingMessage, res: ServerResponse, logger: Logger, heavy?: HeavyRunner): Promise<void> {
  const room = rooms.get(name);
  if (!room) {
    req.resume();
    return sendError(res, 404, `unknown room '${name.slice(0, 64)}'`);
  }
  const body = await readBody(req, MAX_UPLOAD_BYTES);
  if (!body.ok) return sendError(res, body.status, body.error);

  const deep = tooDeep(body.text);
  if (deep !== null) return sendError(res, 400, deep);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return sendError(res, 400, `the upload is not valid JSON (${why}); send a recording as downloaded from ${`/api/rooms/${room.name}/recording`}`);
  }
  if (!looksLikeRecording(json)) {
    return sendError(res, 400, 'the upload is not a recording: it has no "version" (a recording is a scenario file plus "version": 1 and "untilMs")');
  }
  // The CLI's own check (schema, then every fault against the recording's cluster), so a file loads here iff it replays there.
  const parsed = parseScenario(body.text, 'the upload');
  if (!parsed.ok) return sendError(res, 400, parsed.error);

  const recording = parsed.scenario;
  // The room may have been reaped (idle) while the body was arriving.
  if (rooms.get(name) !== room) return sendError(res, 404, `room '${room.name}' closed during the upload`);
  // Loading is a reset: it goes through the same per-room and per-address budgets as a socket's reset.
  const load = (): Ack => {
    const error = room.loadScenario(recording);
    return error === null ? { ok: true } : { ok: false, error };
  };
  if (room.storageProblem !== null) return sendError(res, 503, `room '${room.name}' cannot be stored right now (${room.storageProblem}); changes are refused until storage works again`);
  const loaded = await durableAck(room, heavy !== undefined ? await heavy(room, load) : load());
  if (!loaded.ok) {
    if (loaded.error.startsWith('rate limit')) return sendJson(res, 429, { error: loaded.error }, { 'Retry-After': '1' });
    return sendError(res, 400, loaded.error);
  }
  logger.info({ room: room.name, epoch: room.epoch, steps: recording.steps.length, bytes: body.text.length }, 'recording loaded into room');
  return sendJson(res, 200, { ok: true, room: room.name, epoch: room.epoch, name: recording.name, steps: recording.steps.length, ...('untilMs' in recording ? { untilMs: recording.untilMs } : {}) });
}
