/**
 * Loads the export code (exporter.ts, with html-to-image) as a lazy chunk, only when someone exports, so the
 * page's initial JS does not carry it. Why the care: a failed dynamic import stays failed for the whole document
 * (the browser caches the failure per URL), and a server restart or a dropped connection at that moment must not
 * break exporting for good, let alone the page. So a failure is reported (null, the caller toasts) and the next
 * attempt imports the same chunk under a cache-busting query, a URL the browser has not seen fail.
 */
import type * as Exporter from './exporter.ts';

export type ExporterModule = typeof Exporter;
export type Importer = (url?: string) => Promise<ExporterModule>;

/** Chromium, Firefox and Safari all name the module that failed in the message; take the last URL in it. */
export function failedModuleUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  const urls = text.match(/(https?:\/\/|\/)[^\s'"]+\.(m?js|tsx?)(\?[^\s'"]*)?/g);
  return urls ? urls[urls.length - 1]! : null;
}

/** `url` with a fresh `retry=` query (replacing an earlier one). */
export function bustedUrl(url: string, attempt: number): string {
  const base = url.replace(/[?&]retry=\d+$/, '');
  return `${base}${base.includes('?') ? '&' : '?'}retry=${attempt}`;
}

export function createExporterLoader(importer: Importer) {
  let loaded: ExporterModule | null = null;
  let failedUrl: string | null = null;
  let attempts = 0;
  return async function load(): Promise<ExporterModule | null> {
    if (loaded) return loaded;
    attempts += 1;
    try {
      loaded = await (failedUrl === null ? importer() : importer(bustedUrl(failedUrl, attempts)));
      return loaded;
    } catch (error) {
      // Keep the first URL we learnt: a busted URL's own failure names the busted URL.
      failedUrl = failedModuleUrl(error) ?? failedUrl;
      return null;
    }
  };
}

/** The one loader of the page. The literal import() is what makes the bundler split exporter.ts into its own chunk. */
export const loadExporter = createExporterLoader((url) =>
  url === undefined ? import('./exporter.ts') : (import(/* @vite-ignore */ url) as Promise<ExporterModule>),
);
