/**
 * The New class dialog once the room exists: the presenter link (key masked on screen, since this dialog may be on
 * the projector; Copy copies the real link) with "Open as presenter", and the viewer link with its QR code for
 * students' phones. "Open as presenter" keeps the key in this tab's sessionStorage and loads the plain room URL, so
 * the key never appears in the address bar, not even for the moment before the page would strip it.
 */
import type { ClassRoomCreated } from '../../classroom/createClassRoom.ts';
import { maskedPresenterUrl } from '../../classroom/createClassRoom.ts';
import { storePresenterKey } from '../../presenterKey.ts';
import { CopyField } from './CopyField.tsx';
import { QrCode } from './QrCode.tsx';
import { isLocalOnly } from '../../classroom/localLink.ts';

export function roomPath(room: string): string {
  return `/?room=${encodeURIComponent(room)}`;
}

function openAsPresenter(created: ClassRoomCreated): void {
  // Storage refused (a locked-down browser): the presenter link itself still works, and the page strips its key.
  if (storePresenterKey(created.room, created.presenterKey)) window.location.assign(roomPath(created.room));
  else window.location.assign(created.presenterUrl);
}

export function ClassLinks({ created }: { created: ClassRoomCreated }) {
  return (
    <div className="class-links" data-testid="class-links">
      <section aria-labelledby="class-presenter-title">
        <h3 id="class-presenter-title">For you, the presenter</h3>
        <p className="class-links__hint">Whoever opens this link controls the room. Keep it to yourself.</p>
        <CopyField label="Presenter link" value={created.presenterUrl} shown={maskedPresenterUrl(created.presenterUrl)} testId="presenter-link" />
        <button type="button" className="btn btn-primary" data-testid="open-as-presenter" data-autofocus onClick={() => openAsPresenter(created)}>
          Open as presenter <span aria-hidden="true">→</span>
        </button>
      </section>
      <section aria-labelledby="class-viewer-title" className="class-links__viewer">
        <h3 id="class-viewer-title">For the class</h3>
        <p className="class-links__hint">Students open this link or scan the code; they watch, and may pick a name.</p>
        {isLocalOnly(created.viewerUrl) ? (
          <p className="class-links__warn" role="alert" data-testid="viewer-link-local">
            <span aria-hidden="true">⚠</span> This link reads <strong>{new URL(created.viewerUrl).host}</strong>: it opens only on this computer, not on the
            students' phones. Open Bootscope by this computer's network address (or start the server with HOST=0.0.0.0) and make the class again.
          </p>
        ) : null}
        <CopyField label="Viewer link" value={created.viewerUrl} testId="viewer-link" />
        <QrCode text={created.viewerUrl} label={`QR code of the viewer link ${created.viewerUrl}`} />
      </section>
    </div>
  );
}
