/**
 * POST /api/rooms (architecture.md §7) as the New class dialog calls it: the form's choices become the request the
 * server's schema accepts (a scenario brings its own cluster and seed, so the two are never sent together), and every
 * refusal (400 bad input, 429 too many rooms, a server that cannot be reached) becomes a sentence for the dialog.
 */

export interface ClusterChoice {
  masters: 1 | 3 | 5;
  agents: number;
  publicAgents: number;
}

export interface ClassForm {
  /** '' lets the server pick a name. */
  name: string;
  /** '' is a plain boot of `cluster`. */
  scenario: string;
  cluster: ClusterChoice;
}

export interface ClassRoomCreated {
  room: string;
  presenterKey: string;
  presenterUrl: string;
  viewerUrl: string;
}

export type CreateResult = { ok: true; created: ClassRoomCreated } | { ok: false; error: string };

/** The request body for the form, in the shape createRoomSchema accepts. */
export function classRoomRequest(form: ClassForm): Record<string, unknown> {
  const name = form.name.trim();
  return {
    ...(name === '' ? {} : { name }),
    ...(form.scenario === '' ? { cluster: form.cluster } : { scenario: form.scenario }),
  };
}

function isCreated(body: unknown): body is ClassRoomCreated {
  const b = body as Partial<ClassRoomCreated> | null;
  return typeof b?.room === 'string' && typeof b.presenterKey === 'string' && typeof b.presenterUrl === 'string' && typeof b.viewerUrl === 'string';
}

export async function createClassRoom(form: ClassForm, fetchImpl: typeof fetch = fetch): Promise<CreateResult> {
  let res: Response;
  try {
    res = await fetchImpl('/api/rooms', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(classRoomRequest(form)) });
  } catch {
    return { ok: false, error: 'Could not reach the Bootscope server; check the connection and try again.' };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 201 && isCreated(body)) return { ok: true, created: body };
  const said = (body as { error?: unknown } | null)?.error;
  const reason = typeof said === 'string' && said !== '' ? said : `the server answered HTTP ${res.status}`;
  // 429: the limit is on rooms from this address; an old class closing frees a place, so "later" is the honest advice.
  return { ok: false, error: res.status === 429 ? `${reason} (try again later, or reuse a class you already made)` : reason };
}

/** The presenter link as it may be shown on a projector: the key replaced by dots (Copy still copies the real link). */
export function maskedPresenterUrl(url: string): string {
  return url.replace(/([#&?]key=)[^&#]*/, '$1••••••••');
}
