/**
 * Timeline markers: the cluster-wide moments drawn on the time axis with a vertical line — faults
 * (while active and when they end), leader changes, ZooKeeper quorum changes and narration — each with
 * a short chip label and a sentence for the tooltip. Pure; the timeline model collects them.
 */
import type { SimEvent } from '../../shared/protocol/types.ts';
import { describeFault } from '../../shared/model/faults/registry.ts';

/** 'bookmark': a presenter's named bookmark (web/viz/bookmarkMarkers.ts), not an engine event. */
export type MarkerKind = 'fault' | 'fault-cleared' | 'leader' | 'quorum' | 'quorum-lost' | 'health' | 'narration' | 'bookmark';

export interface Marker {
  seq: number;
  atMs: number;
  kind: MarkerKind;
  /** The node it concerns (fault target, new leader) or null for cluster-wide markers. */
  node: string | null;
  /** Short text drawn on the axis: "⚡ kill", "♛ Mesos", "ZK 3/3", "ZK 1/3 ✕", "❝". */
  label: string;
  /** Full sentence for the tooltip. */
  detail: string;
}

/** The marker an event draws on the axis, or null for events that only feed rows (or nothing). */
export function markerFor(e: SimEvent): Marker | null {
  const base = { seq: e.seq, atMs: e.simTimeMs };
  switch (e.type) {
    case 'fault': {
      const f = e.fault;
      const node = 'node' in f ? f.node : null;
      // Who did it, on the chip (a short name) and in the sentence: the class sees who broke what (issue 9).
      const by = e.by as typeof e.by | undefined; // absent from older servers
      const who = by === undefined || by.role === 'scenario' ? null : by.name !== undefined ? `${by.role} ${by.name}` : `the ${by.role}`;
      const chipWho = by?.name !== undefined && by.role !== 'scenario' ? ` · ${by.name.length > 10 ? `${by.name.slice(0, 9)}…` : by.name}` : '';
      const label = e.active ? `⚡ ${f.kind}${chipWho}` : `${f.kind} ended`;
      // The registry's sentence for the fault; the cause says why it ended when it did.
      const detail = e.active ? `Fault: ${describeFault(f)}${who !== null ? `, by ${who}` : ''}.` : `Fault ended: ${describeFault(f)}. ${e.cause.text}`;
      return { ...base, kind: e.active ? 'fault' : 'fault-cleared', node, label, detail };
    }
    case 'leader': {
      const who = e.role === 'mesos' ? 'Mesos' : 'Marathon';
      const detail = e.node === null ? `${who} has no leader. ${e.cause.text}` : `${who} leader is now ${e.node}. ${e.cause.text}`;
      return { ...base, kind: 'leader', node: e.node, label: `♛ ${who}${e.node === null ? ': none' : ''}`, detail };
    }
    case 'quorum': {
      // Masters come in 1, 3 or 5 and need a strict majority, so the ensemble size is 2 * need - 1.
      const size = 2 * e.need - 1;
      const lost = e.have < e.need;
      return {
        ...base, kind: lost ? 'quorum-lost' : 'quorum', node: null, label: `ZK ${e.have}/${size}${lost ? ' ✕' : ''}`,
        detail: `ZooKeeper: ${e.have} of ${size} serving, ${e.need} needed: ${lost ? 'no quorum' : 'quorum'}. ${e.cause.text}`,
      };
    }
    case 'cluster': {
      // A health flip is a moment the class looks for ("when did it turn red?"): an automatic bookmark.
      const label = e.health === 'healthy' ? '✓ Healthy' : e.health === 'unhealthy' ? '✕ Unhealthy' : '? Unknown';
      return { ...base, kind: 'health', node: null, label, detail: `Cluster health (3DT): ${e.health}. ${e.cause.text}` };
    }
    case 'narration':
      return { ...base, kind: 'narration', node: null, label: '❝', detail: e.text };
    default:
      return null;
  }
}
