/**
 * The toolbar's "Export ▾" menu: pictures of the DAG and the timeline, the event log, the recording, and loading a
 * recording file back into the room. One button, so the toolbar still fits 1366 px. Only this menu is in the page's
 * initial JS; the export code itself (html-to-image, the SVG and CSV writers) is a lazy chunk fetched on the first
 * choice, and a chunk that fails to load is a toast, never a broken page (loadExporter.ts retries on the next click).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EXPORT_GROUPS, type ExportAction } from '../../export/actions.ts';
import { loadExporter, type ExporterModule } from '../../export/loadExporter.ts';
import { bootStore } from '../../store/store.ts';
import './ExportMenu.css';

const UNAVAILABLE = 'Export is unavailable right now: its code could not be loaded (is the server reachable?). Try again in a moment.';

function toast(text: string, kind: 'error' | 'info' = 'error'): void {
  bootStore.getState().actions.toast(text, kind);
}

async function withExporter(work: (m: ExporterModule) => Promise<void>): Promise<void> {
  const exporter = await loadExporter();
  if (!exporter) return toast(UNAVAILABLE);
  try {
    await work(exporter);
  } catch (error) {
    toast(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function exportNow(action: ExportAction): Promise<void> {
  return withExporter((m) => {
    const s = bootStore.getState();
    return m.runExport(action, { room: s.room ?? 'default', simTimeMs: s.clock.simTimeMs, log: s.log });
  });
}

function loadFile(file: File): Promise<void> {
  return withExporter(async (m) => {
    const result = await m.uploadRecording(file, bootStore.getState().room ?? 'default');
    if (result.ok) toast(result.message, 'info');
    else toast(result.error);
  });
}

/** Up/Down/Home/End move between items, as in any menu; Escape closes and hands focus back to the button. */
function onMenuKey(e: KeyboardEvent<HTMLDivElement>, close: () => void): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
  if (e.key === 'Escape') return close();
  if (!(e.key in move)) return;
  e.preventDefault();
  items[(move[e.key]! + items.length) % items.length]?.focus();
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    wrapRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => !wrapRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const run = (work: Promise<void>) => {
    setBusy(true);
    void work.finally(() => setBusy(false));
  };

  return (
    <div className="export-wrap" ref={wrapRef}>
      <button type="button" className="btn" ref={buttonRef} data-testid="export-menu" aria-haspopup="menu" aria-expanded={open}
        onClick={() => setOpen((o) => !o)} disabled={busy} title="Download pictures, the event log or the recording; load a recording">
        <span aria-hidden="true">⇩</span> {busy ? 'Exporting…' : 'Export'} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="export-menu" role="menu" aria-label="Export and import" onKeyDown={(e) => onMenuKey(e, close)}>
          {EXPORT_GROUPS.map((group) => (
            <div key={group.title} role="group" aria-label={group.title}>
              <div className="export-menu__title" aria-hidden="true">{group.title}</div>
              {group.items.map((item) => (
                <button key={item.id} type="button" role="menuitem" className="export-menu__item" data-export={item.id} title={item.hint}
                  onClick={() => {
                    close();
                    run(exportNow(item.id));
                  }}>
                  {item.label}
                </button>
              ))}
            </div>
          ))}
          <div role="group" aria-label="Import">
            <div className="export-menu__title" aria-hidden="true">Import</div>
            <button type="button" role="menuitem" className="export-menu__item" data-export="load-recording"
              title="Restart this room from a recording file: it replays exactly what was recorded, then runs live (for everyone in the room)"
              onClick={() => fileRef.current?.click()}>
              Load a recording…
            </button>
          </div>
        </div>
      )}
      <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="recording-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file chosen again must fire change again
          close();
          if (file) run(loadFile(file));
        }} />
    </div>
  );
}
