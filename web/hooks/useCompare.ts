/**
 * Keeps the compare answers in step with the toggles: with "compare with a healthy boot" on, the healthy twin's track
 * up to now (GET /api/rooms/<room>/baseline?until=), asked again every REFRESH_SIM_MS of simulated time so the
 * ghost keeps up with a running cluster; with "critical path" on, the run's and the twin's critical paths, asked
 * again until both exist (after that they never change: the path is about the FIRST healthy moment). One request of
 * each kind in flight; a new epoch (reset, scenario, rewind) drops what was fetched.
 */
import { useEffect, useRef } from 'react';
import type { BaselineTrack, CriticalPath } from '../../shared/protocol/baseline.ts';
import { getRoomJson } from '../roomApi.ts';
import { selectBaselineOn, selectClock, selectClusterHealth, selectCritical, selectCriticalOn, selectEpoch, selectRoom } from '../store/selectors.ts';
import { bootStore, useBoot } from '../store/store.ts';

/** Simulated time between refreshes of the ghost: at 10x that is one ~50 KB request every 3 s of wall time (3+100). */
export const REFRESH_SIM_MS = 30_000;

export interface CompareFetchers {
  track(room: string, untilMs: number): Promise<BaselineTrack>;
  criticalPath(room: string, baseline: boolean): Promise<CriticalPath>;
}

export const httpCompareFetchers: CompareFetchers = {
  track: (room, untilMs) => getRoomJson(room, `baseline?until=${untilMs}`),
  criticalPath: (room, baseline) => getRoomJson(room, baseline ? 'critical-path?baseline=1' : 'critical-path'),
};

function report(what: string, error: unknown): void {
  bootStore.getState().actions.toast(`Cannot load ${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export function useCompare(fetchers: CompareFetchers = httpCompareFetchers): void {
  const baselineOn = useBoot(selectBaselineOn);
  const criticalOn = useBoot(selectCriticalOn);
  const room = useBoot(selectRoom);
  const epoch = useBoot(selectEpoch);
  const health = useBoot(selectClusterHealth);
  const critical = useBoot(selectCritical);
  const bucket = Math.floor(useBoot(selectClock).simTimeMs / REFRESH_SIM_MS);
  const trackInFlight = useRef(false);
  const pathInFlight = useRef(false);

  useEffect(() => {
    const { setBaselineTrack, setCritical } = bootStore.getState().actions;
    setBaselineTrack(null);
    setCritical(null);
  }, [epoch]);

  useEffect(() => {
    if (!baselineOn || room === null || trackInFlight.current) return;
    trackInFlight.current = true;
    const asked = epoch;
    fetchers.track(room, bootStore.getState().clock.simTimeMs)
      .then((track) => {
        const s = bootStore.getState();
        if (s.baselineOn && s.epoch === asked) s.actions.setBaselineTrack(track);
      })
      .catch((error: unknown) => report('the healthy boot', error))
      .finally(() => { trackInFlight.current = false; });
  }, [baselineOn, room, epoch, bucket, fetchers]);

  const complete = critical !== null && critical.run.healthyAtMs !== null && critical.twin.healthyAtMs !== null;
  const pathBucket = complete ? -1 : bucket;
  useEffect(() => {
    if (!criticalOn || room === null || complete || pathInFlight.current) return;
    pathInFlight.current = true;
    const asked = epoch;
    Promise.all([fetchers.criticalPath(room, false), fetchers.criticalPath(room, true)])
      .then(([run, twin]) => {
        const s = bootStore.getState();
        if (s.criticalOn && s.epoch === asked) s.actions.setCritical({ run, twin });
      })
      .catch((error: unknown) => report('the critical path', error))
      .finally(() => { pathInFlight.current = false; });
  }, [criticalOn, room, epoch, health, pathBucket, complete, fetchers]);
}
