// shared/journal: what an operator reads (architecture.md §10). The generator turns the engine's events into each
// node's journal in the real templates (processes.ts, systemd.ts: one registry, each template's source named); the
// formatters print it as journalctl does; the importer reads a real journal back into facts through the same
// registry; divergence.ts compares a real boot with the model. Pure: no IO, no clock (time.ts fixes sim time 0).
export { SIM_EPOCH_MS, SIM_EPOCH_US } from './time.ts';
export { createJournalGenerator, journalEntries, unitDescription, type JournalQuery } from './generator.ts';
export { formatEntry, jsonLine, shortIsoLine, JOURNAL_FORMATS, type JournalFormat } from './format.ts';
export { createImporter, importJournalText, MAX_REAL_BOOT_BYTES, MAX_LINE_CHARS, type ImportResult } from './importer.ts';
export { divergences, modelMilestones, realMilestones, type Divergence } from './divergence.ts';
export type { JournalEntry, JournalFact, JournalFactBody } from './types.ts';
