/**
 * Loads the export code (exporter.ts, with html-to-image) as a lazy chunk, only when someone exports, so the
 * page's initial JS does not carry it. A failed load resolves null (the caller toasts) and the next attempt
 * imports the chunk under a fresh URL (web/lazy/lazyModule.ts says why).
 */
import { lazyModule } from '../lazy/lazyModule.ts';
import type * as Exporter from './exporter.ts';

export type ExporterModule = typeof Exporter;

/** The one loader of the page. The literal import() is what makes the bundler split exporter.ts into its own chunk. */
export const exporterChunk = lazyModule<ExporterModule>((url) =>
  url === undefined ? import('./exporter.ts') : (import(/* @vite-ignore */ url) as Promise<ExporterModule>),
);

export const loadExporter = exporterChunk.load;
