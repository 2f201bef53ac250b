// Presenter keys (architecture.md §7): the secret that makes a socket the presenter of a class room, as reveal.js
// multiplex's secret or Jupyter's token. Invariants: a key is at least 128 random bits; keys are compared in
// constant time over SHA-256 digests (equal length whatever was sent, so neither content nor length leaks through
// timing); a key is never logged or broadcast (the logger also redacts key-named fields, log.ts). A room keeps only the
// key's SHA-256 digest (keyDigest), so a room stored on disk (roomRecord.ts) cannot hand its key to whoever reads the
// data directory, yet its presenter can still log in after a restart. A plain digest is enough: the key is 128 random
// bits, far beyond guessing, so a slow password hash would add nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 16 bytes = 128 bits, hex: URL-safe and easy to paste. */
export const PRESENTER_KEY_BYTES = 16;

export function generatePresenterKey(): string {
  return randomBytes(PRESENTER_KEY_BYTES).toString('hex');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** True iff `given` is the room's key; constant time in both the content and the length of `given`. */
export function keyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** What a room keeps of its key: the SHA-256 digest, hex (64 characters). */
export function keyDigest(key: string): string {
  return digest(key).toString('hex');
}

/** True iff `given` hashes to `expectedDigest` (hex from keyDigest); constant time whatever was sent. */
export function keyMatchesDigest(given: string, expectedDigest: string): boolean {
  const expected = Buffer.from(expectedDigest, 'hex');
  const actual = digest(given);
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
