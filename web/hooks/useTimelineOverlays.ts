/**
 * Turns the compare slice into what the timeline and the DAG draw: the healthy twin as a ghost TimelineModel (built
 * once per fetched track), the run compared with it row by row (per batch, ~1 ms at 3+100), and the shift caption
 * (the critical path's marks come from useCriticalMarks.ts, which the DAG reads too). Identities are memoized so
 * memoized rows and vertices re-render only on change.
 */
import { useMemo } from 'react';
import type { ClusterView } from '../../shared/protocol/types.ts';
import type { CriticalPath } from '../../shared/protocol/baseline.ts';
import type { CompareControlsProps } from '../components/Timeline/CompareControls.tsx';
import type { TimelineOverlays } from '../components/Timeline/Timeline.tsx';
import { compareTimelines } from '../viz/baselineCompare.ts';
import { criticalShift, refName, shiftCaption } from '../viz/criticalOverlay.ts';
import { useCriticalMarks } from './useCriticalMarks.ts';
import { unitDisplayName } from '../viz/dagCatalog.ts';
import { ghostModel } from '../viz/ghostTimeline.ts';
import { realBootModel } from '../viz/realBootTimeline.ts';
import { useJournal } from '../components/Journal/journalStore.ts';
import { formatDuration, formatSimTime } from '../viz/timeScale.ts';
import type { TimelineModel } from '../store/timelineModel.ts';
import { selectActions, selectBaselineOn, selectBaselineTrack, selectCritical, selectCriticalOn } from '../store/selectors.ts';
import { useBoot } from '../store/store.ts';

function nameIn(view: ClusterView | null) {
  return (node: string, unit: string) => unitDisplayName(unit, view?.nodes.find((n) => n.id === node)?.role ?? 'master');
}

/**
 * The critical path's caption in the timeline toolbar. A fault after the first healthy moment means the chain drawn
 * is the first boot's, not the recovery's: it says so rather than "same as the healthy boot" over a cluster that has
 * just lost its quorum.
 */
export function criticalCaption(critical: { run: CriticalPath; twin: CriticalPath }, markers: TimelineModel['markers'], name: (node: string, unit: string) => string): { text: string; detail: string } {
  const { run, twin } = critical;
  if (run.healthyAtMs === null) return { text: 'known once healthy', detail: 'The chain is known when the cluster first becomes healthy.' };
  const shift = criticalShift(run, twin);
  const detail = `Healthy at ${formatSimTime(run.healthyAtMs)}${twin.healthyAtMs === null ? '' : ` (healthy boot: ${formatSimTime(twin.healthyAtMs)})`}`
    + `${shift?.through ? `; ${refName(shift.through, name)} took ${formatDuration(shift.growthMs)} longer than in the healthy boot` : ''}.`;
  const later = markers.find((m) => m.kind === 'fault' && m.atMs > run.healthyAtMs!);
  if (later !== undefined) {
    return { text: `first boot's path (healthy ${formatSimTime(run.healthyAtMs)})`, detail: `${detail} The fault at ${formatSimTime(later.atMs)} came later: this is the chain of the first boot, not of the recovery after it.` };
  }
  return { text: shift === null ? `Healthy at ${formatSimTime(run.healthyAtMs)}` : shiftCaption(shift, name), detail };
}

export function useTimelineOverlays(model: TimelineModel, view: ClusterView | null): { overlays: TimelineOverlays; controls: CompareControlsProps } {
  const baselineOn = useBoot(selectBaselineOn);
  const criticalOn = useBoot(selectCriticalOn);
  const track = useBoot(selectBaselineTrack);
  const critical = useBoot(selectCritical);
  const { setBaselineOn, setCriticalOn } = useBoot(selectActions);
  const marks = useCriticalMarks();
  // With no healthy-boot ghost asked for, a real boot laid over the room (sim:realBoot) is drawn as the ghost.
  const realBoot = useJournal((s) => s.realBoot);
  const nodeIds = useMemo(() => new Set(view?.nodes.map((n) => n.id) ?? []), [view?.nodes]);
  const real = useMemo(() => (realBoot !== null ? realBootModel(realBoot, nodeIds) : null), [realBoot, nodeIds]);
  const ghost = useMemo(() => (baselineOn && track !== null ? ghostModel(track) : baselineOn ? null : real), [baselineOn, track, real]);
  const untilMs = track === null ? (ghost === real && real !== null ? model.endMs : 0) : Math.min(track.untilMs, model.endMs);
  const compare = useMemo(() => (ghost === null ? null : compareTimelines(model, ghost, untilMs)), [model, ghost, untilMs]);
  const overlays = useMemo<TimelineOverlays>(() => ({ ghost, compare, critical: marks?.spans ?? null }), [ghost, compare, marks]);

  const caption = useMemo(() => (criticalOn && critical !== null ? criticalCaption(critical, model.markers, nameIn(view)) : null), [criticalOn, critical, view, model.markers]);
  const controls = useMemo(() => ({ baselineOn, criticalOn, onBaseline: setBaselineOn, onCritical: setCriticalOn, caption }), [baselineOn, criticalOn, setBaselineOn, setCriticalOn, caption]);
  return { overlays, controls };
}
