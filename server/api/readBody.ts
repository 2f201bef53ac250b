// Reads a request body with a hard cap, for the one route that takes a body (a recording upload). Why streaming and
// not trusting Content-Length: a client may lie or send chunked; the cap is counted on the bytes that arrive, and
// past it the request is answered 413 at once and the rest is never buffered (memory per upload stays bounded).
// Invariant: resolves exactly once; never rejects (a broken or aborted upload is a result, not an exception).
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; status: 413 | 400; error: string };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const tooLarge = (): BodyResult => ({ ok: false, status: 413, error: `request body is over ${maxBytes} bytes (${Math.round(maxBytes / 1024)} KiB); a recording may be at most that` });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Refuse before reading a byte; the rest of the stream is drained by Node when the response closes it.
      req.resume();
      return resolve(tooLarge());
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        chunks.length = 0;
        // Keep reading (and dropping) what is in flight, so the 413 reaches the client instead of a reset.
        req.resume();
        return finish(tooLarge());
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', (error) => finish({ ok: false, status: 400, error: `the upload broke off: ${error.message}` }));
    req.once('aborted', () => finish({ ok: false, status: 400, error: 'the upload was aborted' }));
  });
}
