/**
 * Compare slice: this viewer's "compare with a healthy boot" and "critical path" toggles and what the server answered
 * for them (the healthy twin's compact track, the run's and the twin's critical paths). Local to the tab, like the
 * ui slice; written by useCompare (fetches) and the timeline toolbar (toggles). A new epoch drops the answers: they
 * describe a history that is gone.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { BaselineTrack, CriticalPath } from '../../shared/protocol/baseline.ts';

export interface CompareSlice {
  baselineOn: boolean;
  criticalOn: boolean;
  /** The healthy twin up to some moment (null: not asked or not arrived). */
  baselineTrack: BaselineTrack | null;
  /** The run's critical path and the twin's (null: not asked or not arrived). */
  critical: { run: CriticalPath; twin: CriticalPath } | null;
}

export interface CompareActions {
  setBaselineOn(on: boolean): void;
  setCriticalOn(on: boolean): void;
  setBaselineTrack(track: BaselineTrack | null): void;
  setCritical(critical: CompareSlice['critical']): void;
}

export function initialCompareSlice(): CompareSlice {
  return { baselineOn: false, criticalOn: false, baselineTrack: null, critical: null };
}

export function compareActions(set: StoreApi<CompareSlice>['setState']): CompareActions {
  return {
    setBaselineOn: (baselineOn) => set(baselineOn ? { baselineOn } : { baselineOn, baselineTrack: null }),
    setCriticalOn: (criticalOn) => set(criticalOn ? { criticalOn } : { criticalOn, critical: null }),
    setBaselineTrack: (baselineTrack) => set({ baselineTrack }),
    setCritical: (critical) => set({ critical }),
  };
}
