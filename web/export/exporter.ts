/**
 * The export chunk, loaded lazily by loadExporter.ts the first time someone exports (it carries html-to-image):
 * each menu action (actions.ts) turned into a download. The DAG is SVG in the page, so it is written as a standalone
 * SVG (svgSnapshot.ts) and rasterised from that; the timeline is HTML with SVG inside, so html-to-image renders it
 * (htmlSnapshot.ts).
 * The event log is built from what this tab holds when that is complete (it starts at seq 1); otherwise the tab
 * trimmed it (or joined a room whose history was trimmed) and the server's full log is downloaded instead.
 * Invariant: every failure is an Error with a sentence a teacher can read; the page itself is never changed.
 */
import { formatSimTime } from '../../shared/model/time.ts';
import { eventsToCsv, eventsToNdjson } from '../../shared/protocol/eventExport.ts';
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { ExportAction } from './actions.ts';
import { roomApiUrl } from '../roomApi.ts';
import { exportFileName, saveBlob, saveUrl } from './download.ts';
import { htmlToImage } from './htmlSnapshot.ts';
import { PNG_SCALE, svgToPng } from './rasterize.ts';
import { snapshotSvg } from './svgSnapshot.ts';

export { uploadRecording } from './uploadRecording.ts';

export interface ExportContext {
  room: string;
  simTimeMs: number;
  log: readonly SimEvent[];
}

const DAG_SELECTOR = '[data-testid="dag-view"] svg.dag-svg';
const TIMELINE_SELECTOR = '[data-testid="timeline"]';

function find<T extends Element>(selector: string, what: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`there is no ${what} on the page to export yet`);
  return el;
}

/** The page's background in the current theme, so an exported picture looks like the screen. */
function background(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return '#ffffff';
}

function eventLog(ctx: ExportContext, format: 'ndjson' | 'csv', name: string): void {
  if (ctx.log.length > 0 && ctx.log[0]!.seq === 1) {
    const text = format === 'csv' ? eventsToCsv(ctx.log) : eventsToNdjson(ctx.log);
    return saveBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }), name);
  }
  saveUrl(roomApiUrl(ctx.room, `events?format=${format}`));
}

export async function runExport(action: ExportAction, ctx: ExportContext): Promise<void> {
  const clock = formatSimTime(ctx.simTimeMs);
  const name = (what: string, ext: string) => exportFileName(ctx.room, what, clock, ext);
  switch (action) {
    case 'dag-svg':
    case 'dag-png': {
      const svg = find<SVGSVGElement>(DAG_SELECTOR, 'dependency graph');
      const snapshot = snapshotSvg(svg, background(svg));
      if (action === 'dag-svg') return saveBlob(new Blob([snapshot.text], { type: 'image/svg+xml' }), name('dag', 'svg'));
      return saveBlob(await svgToPng(snapshot), name('dag', 'png'));
    }
    case 'timeline-svg':
    case 'timeline-png': {
      const el = find<HTMLElement>(TIMELINE_SELECTOR, 'timeline');
      const format = action === 'timeline-png' ? 'png' : 'svg';
      return saveBlob(await htmlToImage(el, format, { backgroundColor: background(el), pixelRatio: PNG_SCALE }), name('timeline', format));
    }
    case 'events-ndjson':
      return eventLog(ctx, 'ndjson', name('events', 'ndjson'));
    case 'events-csv':
      return eventLog(ctx, 'csv', name('events', 'csv'));
    case 'recording':
      return saveUrl(roomApiUrl(ctx.room, 'recording'));
  }
}
