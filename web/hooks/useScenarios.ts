/**
 * The built-in scenarios' names and titles (GET /api/scenarios), for the toolbar's picker and the new-class dialog.
 */
import { useEffect, useState } from 'react';
import type { ScenarioInfo } from '../../shared/protocol/messages.ts';

/** Accepts `[...]` or `{ scenarios: [...] }` so the picker does not depend on the envelope. */
export function parseScenarioList(body: unknown): ScenarioInfo[] {
  const list = Array.isArray(body) ? body : (body as { scenarios?: unknown })?.scenarios;
  if (!Array.isArray(list)) return [];
  return list.filter((s): s is ScenarioInfo => typeof s?.name === 'string' && typeof s?.title === 'string');
}

export function useScenarios(): ScenarioInfo[] {
  const [list, setList] = useState<ScenarioInfo[]>([]);
  useEffect(() => {
    let live = true;
    fetch('/api/scenarios')
      .then((r) => (r.ok ? r.json() : []))
      .then((body: unknown) => live && setList(parseScenarioList(body)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}
