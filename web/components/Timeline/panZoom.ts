/**
 * Pointer and wheel gestures for the time axis (x only), as a small factory the Timeline creates and
 * destroys in one effect. It turns DOM events into two intents, zoom(factor, anchorPx) and
 * pan(deltaPx), and leaves the window math to web/viz/timeScale.ts.
 *
 * Gestures: drag on the bars pans; Ctrl/⌘ + wheel (or pinch) zooms around the pointer; Shift + wheel
 * and horizontal trackpad scrolls pan; a plain wheel over the axis zooms, over the rows it scrolls the
 * lanes vertically as usual. A drag longer than DRAG_THRESHOLD_PX swallows the click that ends it, so
 * panning never opens a fault menu.
 */

/** Pointer travel before a press becomes a pan rather than a click. */
export const DRAG_THRESHOLD_PX = 4;
/** Wheel delta (px) to zoom factor: 100 px of wheel zooms by about 1.22x. */
const WHEEL_ZOOM_RATE = 0.002;

export interface PanZoomIntents {
  zoom(factor: number, anchorPx: number): void;
  pan(deltaPx: number): void;
}

export interface PanZoomOptions {
  /** The element whose left edge is x = 0 of the bars (pixel anchors are relative to it). */
  barsOrigin(): number;
  /** True when the event is over the axis strip (plain wheel zooms there). */
  isAxis(target: EventTarget | null): boolean;
  /** True when a press may start a pan (over bars, not over labels or buttons). */
  canDrag(target: EventTarget | null): boolean;
}

export interface PanZoom {
  /** True once if the last click ended a drag (the caller skips activating on it). */
  consumeDragClick(): boolean;
  destroy(): void;
}

export function createPanZoom(el: HTMLElement, intents: PanZoomIntents, opts: PanZoomOptions): PanZoom {
  let press: { id: number; x: number; lastX: number; dragging: boolean } | null = null;
  let swallowClick = false;

  const onWheel = (e: WheelEvent) => {
    const anchor = e.clientX - opts.barsOrigin();
    const scale = e.deltaMode === 1 ? 16 : 1;
    if (e.ctrlKey || e.metaKey || (opts.isAxis(e.target) && Math.abs(e.deltaY) >= Math.abs(e.deltaX))) {
      e.preventDefault();
      intents.zoom(Math.exp(-e.deltaY * scale * WHEEL_ZOOM_RATE), anchor);
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      intents.pan((e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX) * scale);
    }
  };

  const onPointerDown = (e: PointerEvent) => {
    swallowClick = false;
    if (e.button !== 0 || !opts.canDrag(e.target)) return;
    press = { id: e.pointerId, x: e.clientX, lastX: e.clientX, dragging: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    if (press === null || e.pointerId !== press.id) return;
    if (!press.dragging && Math.abs(e.clientX - press.x) >= DRAG_THRESHOLD_PX) {
      press.dragging = true;
      el.setPointerCapture?.(e.pointerId);
      el.classList.add('tl-dragging');
    }
    if (press.dragging) {
      intents.pan(press.lastX - e.clientX);
      press.lastX = e.clientX;
    }
  };
  const onPointerUp = (e: PointerEvent) => {
    if (press === null || e.pointerId !== press.id) return;
    swallowClick = press.dragging;
    if (press.dragging) el.releasePointerCapture?.(e.pointerId);
    el.classList.remove('tl-dragging');
    press = null;
  };

  el.addEventListener('wheel', onWheel, { passive: false });
  el.addEventListener('pointerdown', onPointerDown);
  el.addEventListener('pointermove', onPointerMove);
  el.addEventListener('pointerup', onPointerUp);
  el.addEventListener('pointercancel', onPointerUp);
  return {
    consumeDragClick() {
      const was = swallowClick;
      swallowClick = false;
      return was;
    },
    destroy() {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointermove', onPointerMove);
      el.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('pointercancel', onPointerUp);
      el.classList.remove('tl-dragging');
    },
  };
}
