// @vitest-environment happy-dom
// Gestures on the time axis: Ctrl+wheel zooms around the pointer, a plain wheel over the rows is left
// to vertical scrolling, a drag pans and swallows the click that ends it (no fault menu after a pan).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPanZoom, type PanZoom } from './panZoom.ts';

let el: HTMLDivElement;
let bars: HTMLDivElement;
let axis: HTMLDivElement;
let pz: PanZoom;
let zooms: [number, number][];
let pans: number[];

beforeEach(() => {
  el = document.createElement('div');
  axis = document.createElement('div');
  axis.className = 'axis';
  bars = document.createElement('div');
  bars.className = 'bars';
  el.append(axis, bars);
  document.body.append(el);
  zooms = [];
  pans = [];
  pz = createPanZoom(el, { zoom: (f, a) => zooms.push([f, a]), pan: (d) => pans.push(d) }, {
    barsOrigin: () => 100,
    isAxis: (t) => t === axis,
    canDrag: (t) => t === bars,
  });
});
afterEach(() => {
  pz.destroy();
  document.body.innerHTML = '';
});

const wheel = (target: Element, init: WheelEventInit) => {
  const e = new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init });
  // happy-dom's WheelEvent drops the MouseEvent part of the init (modifiers, position): set them here.
  for (const key of ['ctrlKey', 'shiftKey', 'metaKey', 'clientX'] as const) {
    if (init[key] !== undefined) Object.defineProperty(e, key, { value: init[key] });
  }
  target.dispatchEvent(e);
  return e;
};
const pointer = (type: string, x: number) => bars.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, pointerId: 1, clientX: x }));

describe('wheel', () => {
  it('Ctrl + wheel zooms in around the pointer (anchor relative to the bars)', () => {
    const e = wheel(bars, { deltaY: -100, ctrlKey: true, clientX: 350 });
    expect(e.defaultPrevented).toBe(true);
    expect(zooms).toHaveLength(1);
    expect(zooms[0]![0]).toBeGreaterThan(1);
    expect(zooms[0]![1]).toBe(250);
  });

  it('a plain wheel over the rows scrolls them (no zoom, not prevented); over the axis it zooms', () => {
    const e = wheel(bars, { deltaY: 100, clientX: 300 });
    expect(e.defaultPrevented).toBe(false);
    expect(zooms).toEqual([]);
    wheel(axis, { deltaY: 100, clientX: 300 });
    expect(zooms[0]![0]).toBeLessThan(1);
  });

  it('Shift + wheel and horizontal scrolling pan', () => {
    wheel(bars, { deltaY: 40, shiftKey: true });
    wheel(bars, { deltaX: -30, deltaY: 2 });
    expect(pans).toEqual([40, -30]);
  });
});

describe('drag', () => {
  it('a drag pans opposite to the pointer and swallows the click that ends it', () => {
    pointer('pointerdown', 300);
    pointer('pointermove', 302);
    expect(pans).toEqual([]);
    pointer('pointermove', 280);
    pointer('pointermove', 250);
    pointer('pointerup', 250);
    expect(pans).toEqual([20, 30]);
    expect(pz.consumeDragClick()).toBe(true);
    expect(pz.consumeDragClick()).toBe(false);
  });

  it('a press without movement is a click', () => {
    pointer('pointerdown', 300);
    pointer('pointerup', 301);
    expect(pans).toEqual([]);
    expect(pz.consumeDragClick()).toBe(false);
  });
});
