/**
 * Catalog facts the fault menu quotes (pretty name, restart policy, RestartSec), read from the DC/OS
 * unit catalog. Kept apart from faultItems.ts so that stays a pure function of its arguments.
 */
import { UNIT_CATALOG } from '../../../shared/model/catalog.ts';
import type { UnitInfo } from './faultItems.ts';

export function catalogUnitInfo(unit: string): UnitInfo | undefined {
  const spec = UNIT_CATALOG[unit];
  if (spec === undefined) return undefined;
  // The catalog stores RestartSec in milliseconds despite the name (5_000 = systemd's RestartSec=5).
  return { name: spec.name, restart: spec.restart, restartSec: Math.round(spec.restartSec / 1000) };
}
