/**
 * Tiny shared web types (owned by the SHELL). DAG and TIMELINE components read these.
 * A UnitTarget names one unit instance on one node; a FaultTarget is either a unit or a whole node (unit: null).
 */
export interface UnitTarget {
  node: string;
  unit: string;
}

export type FaultTarget = UnitTarget | { node: string; unit: null };
