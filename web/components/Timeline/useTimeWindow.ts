/**
 * The timeline's time window and the gestures that move it: follow now / fit all / manual, zoom about a point (wheel,
 * pinch, the ± buttons) and drag to pan, through one pan-zoom factory created and destroyed by one effect. Also the
 * scroll body's measured size (the bars' width follows it). Any gesture drops the hover tooltip (`onMoved`).
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { followWindow, panWindow, resolveWindow, zoomWindow, type TimeWindow } from '../../viz/timeScale.ts';
import { createPanZoom, type PanZoom } from './panZoom.ts';
import { LABEL_PX } from './timelineRows.ts';

/** Used until the first measurement (and in DOMs without layout, such as tests). */
export const FALLBACK_SIZE = { width: 960, height: 420 };

/** The scroll body's size without its scrollbar, measured now and on every resize. */
export function useBodySize(bodyRef: RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState(FALLBACK_SIZE);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    const measure = () => {
      const width = body.clientWidth || FALLBACK_SIZE.width;
      const height = body.clientHeight || FALLBACK_SIZE.height;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(body);
    return () => ro.disconnect();
  }, [bodyRef]);
  return size;
}

export interface TimeWindowControls {
  win: TimeWindow;
  setStored(next: TimeWindow): void;
  zoomBy(factor: number): void;
  /** The pan-zoom factory (a drag that ended must not also click). */
  panZoom: RefObject<PanZoom | null>;
}

export function useTimeWindow(rootRef: RefObject<HTMLDivElement | null>, nowMs: number, barsPx: number, onMoved: () => void): TimeWindowControls {
  const [stored, setStored] = useState<TimeWindow>(() => followWindow(nowMs));
  const win = resolveWindow(stored, nowMs);
  const panZoom = useRef<PanZoom | null>(null);
  const barsPxRef = useRef(barsPx);
  const nowRef = useRef(nowMs);
  const movedRef = useRef(onMoved);
  useLayoutEffect(() => {
    barsPxRef.current = barsPx;
    nowRef.current = nowMs;
    movedRef.current = onMoved;
  });
  useEffect(() => {
    const root = rootRef.current;
    if (root === null) return;
    const pz = createPanZoom(root, {
      zoom: (factor, anchorPx) => {
        // The bars move under a still pointer: a tooltip would describe what was there before.
        movedRef.current();
        setStored((prev) => {
          const now = nowRef.current;
          const w = resolveWindow(prev, now);
          return zoomWindow(w, factor, w.startMs + (anchorPx / barsPxRef.current) * (w.endMs - w.startMs), now);
        });
      },
      pan: (deltaPx) => {
        movedRef.current();
        setStored((prev) => {
          const now = nowRef.current;
          const w = resolveWindow(prev, now);
          return panWindow(w, (deltaPx / barsPxRef.current) * (w.endMs - w.startMs), now);
        });
      },
    }, {
      barsOrigin: () => root.getBoundingClientRect().left + LABEL_PX,
      isAxis: (t) => t instanceof Element && t.closest('.tl-axis') !== null,
      canDrag: (t) => t instanceof Element && t.closest('.tl-cursor') === null && t.closest('.tl-bars, .tl-axis__track') !== null,
    });
    panZoom.current = pz;
    return () => {
      pz.destroy();
      panZoom.current = null;
    };
  }, [rootRef]);
  const zoomBy = (factor: number) => setStored((prev) => {
    const w = resolveWindow(prev, nowMs);
    const anchor = nowMs >= w.startMs && nowMs <= w.endMs ? nowMs : (w.startMs + w.endMs) / 2;
    return zoomWindow(w, factor, anchor, nowMs);
  });
  return { win, setStored, zoomBy, panZoom };
}
