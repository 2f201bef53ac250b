// A real boot laid over the model (architecture.md §10): what POST /api/rooms/<room>/real-boot answers and what every
// viewer of the room gets as `sim:realBoot` (also on join, so late joiners see it). Plain JSON, bounded by the
// importer's caps (shared/journal/importer.ts): at most MAX_REAL_BOOT_FACTS facts, lines cut short.
import type { Divergence } from '../journal/divergence.ts';
import type { JournalFact } from '../journal/types.ts';

export type { Divergence, JournalFact };

export const MAX_REAL_BOOT_FACTS = 5_000;

export interface RealBootRun {
  format: 'json' | 'short-iso';
  /** Node ids (or host names the room does not know) the journal covers. */
  nodes: string[];
  facts: JournalFact[];
  /** Lines no template knows: all counted; the first ones kept (cut to 500 characters). */
  unrecognised: number;
  unrecognisedLines: string[];
  journalLines: number;
  divergences: Divergence[];
  /** The room's simulated time the divergences were computed at. */
  comparedAtMs: number;
}
