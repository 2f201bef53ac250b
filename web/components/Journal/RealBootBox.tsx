/**
 * A real boot over the model: the presenter (or anyone, in an open room) uploads a node's `journalctl -o json` export
 * or `-o short-iso` text; the server answers with facts and divergences and tells every viewer (sim:realBoot). Shows
 * what was read, how many lines no template knew, and the divergences in words; the timeline draws the real run as
 * its ghost strip (hooks/useTimelineOverlays.ts). Everything shown is text.
 */
import { useRef, useState } from 'react';
import { formatSimTime } from '../../../shared/model/time.ts';
import { storedPresenterKey } from '../../presenterKey.ts';
import { roomApiUrl } from '../../roomApi.ts';
import { selectLockReason, selectRoom } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useJournal } from './journalStore.ts';

const MAX_BYTES = 8 * 1024 * 1024;

export function RealBootBox() {
  const run = useJournal((s) => s.realBoot);
  const room = useBoot(selectRoom) ?? 'default';
  // In a class room only the presenter may lay a real boot over it (the server refuses others: 403).
  const locked = useBoot(selectLockReason) !== null;
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string | null>(null);

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) return setStatus(`${file.name} is over 8 MiB: export one node (journalctl -b -o json -u 'dcos-*')`);
    setStatus(`Reading ${file.name}…`);
    const key = storedPresenterKey(room);
    try {
      const res = await fetch(roomApiUrl(room, 'real-boot'), { method: 'POST', body: file, headers: key !== undefined ? { 'X-Presenter-Key': key } : {} });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setStatus(res.ok ? null : `Could not read ${file.name}: ${body.error ?? `the server answered ${res.status}`}`);
    } catch {
      setStatus(`Could not send ${file.name}: the server is not reachable`);
    }
  };

  return (
    <div className="real-boot" data-testid="real-boot">
      {locked ? <p className="real-boot-status">The presenter can lay a real node's journal over this room.</p> : (
      <label className="real-boot-upload">
        <span>Lay a real boot over the model…</span>
        <input ref={input} type="file" accept=".json,.ndjson,.txt,.log,application/json,text/plain" data-testid="real-boot-upload"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
            e.currentTarget.value = '';
          }} />
      </label>
      )}
      {status ? <p className="real-boot-status" role="status">{status}</p> : null}
      {run ? (
        <div className="real-boot-summary" data-testid="real-boot-summary">
          <p>
            Real boot ({run.format}): {run.facts.length} facts from {run.nodes.slice(0, 4).join(', ')}{run.nodes.length > 4 ? ` and ${run.nodes.length - 4} more` : ''};
            {' '}{run.unrecognised} of {run.journalLines} lines unrecognised.
          </p>
          {run.divergences.length === 0 ? <p className="real-boot-none">No divergence from the model over a second.</p> : (
            <ul className="real-boot-divergences">
              {run.divergences.slice(0, 8).map((d) => (
                <li key={d.key} data-testid="real-boot-divergence" title={d.realAtMs !== null ? `real at ${formatSimTime(d.realAtMs)}${d.modelAtMs !== null ? `, model at ${formatSimTime(d.modelAtMs)}` : ''}` : undefined}>{d.text}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
