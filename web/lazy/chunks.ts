/**
 * The page's lazy chunks other than export (web/export/loadExporter.ts): pieces not needed for the first
 * paint. Each goes through lazyModule(), so a failed load is a placeholder or a toast and the next need
 * retries under a fresh URL. The literal import() calls are what make the bundler split the chunks.
 *
 * Their stylesheets are imported here, statically, so they ship in the page's one CSS file: a lazy chunk
 * with its own CSS would need that file too, and a retried import (a bare URL) would not load it.
 */
import { lazyModule } from './lazyModule.ts';
import type * as PopupsModule from './popups.ts';
import type * as TimelinePaneModule from '../components/Timeline/TimelinePane.tsx';
import type * as NewClassModule from './newClass.ts';
import '../components/FaultMenu/FaultMenu.css';
import '../components/Timeline/Timeline.css';
import '../components/Timeline/Compare.css';
import '../components/Bookmarks/Bookmarks.css';
import '../components/NewClass/NewClass.css';

export const timelinePaneChunk = lazyModule<typeof TimelinePaneModule>((url) =>
  url === undefined ? import('../components/Timeline/TimelinePane.tsx') : (import(/* @vite-ignore */ url) as Promise<typeof TimelinePaneModule>),
);

/** The fault menu and the help overlay (web/lazy/popups.ts). */
export const popupsChunk = lazyModule<typeof PopupsModule>((url) =>
  url === undefined ? import('./popups.ts') : (import(/* @vite-ignore */ url) as Promise<typeof PopupsModule>),
);

/** The New class dialog with its QR code library (web/lazy/newClass.ts). */
export const newClassChunk = lazyModule<typeof NewClassModule>((url) =>
  url === undefined ? import('./newClass.ts') : (import(/* @vite-ignore */ url) as Promise<typeof NewClassModule>),
);
