/**
 * The rows a big cluster's agents collapse into (issue 10): one strip per agent role, drawn on a canvas as stacked
 * shares of the role's agents by worst unit state over time (agentStrip.ts), so 10,000 agents booting read as one
 * wave from pending to healthy, with a line for the share registered with the Mesos leader (a failover's storm);
 * expanding it lists the agents' own lanes a page at a time ('more' row). Hovering the strip tells the counts then.
 */
import { memo, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { UnitState } from '../../../shared/protocol/types.ts';
import { registeredAt, stripCountsAt, withUnseen, type AgentGroup, type AgentStrip } from '../../viz/agentStrip.ts';
import { STATE_SEVERITY, STATE_STYLE } from '../../viz/stateStyle.ts';
import { formatSimTime } from '../../viz/timeScale.ts';
import { selectTheme } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import type { BarWindow } from './Bars.tsx';
import { GROUP_PAGE, ROW_PX } from './timelineRows.ts';

export const GROUP_TITLE: Record<AgentGroup, string> = { agent: 'Private agents', agent_public: 'Public agents' };
/** Bottom to top: healthy at the base, the worst states on top where the eye lands first. */
const STACK: readonly UnitState[] = [...STATE_SEVERITY].reverse();

type Counts = Partial<Record<UnitState, number>>;

export function describeCounts(counts: Counts): string {
  return STATE_SEVERITY.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${(counts[s] ?? 0).toLocaleString('en')} ${s}`).join(', ');
}

/** `startMs`: where the loaded history starts (0: t=0). */
function draw(canvas: HTMLCanvasElement, strip: AgentStrip, total: number, win: BarWindow, startMs: number): void {
  const ratio = window.devicePixelRatio || 1;
  const width = win.widthPx;
  const height = ROW_PX - 6;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx === null || total === 0) return;
  ctx.scale(ratio, ratio);
  const css = getComputedStyle(canvas);
  const color = Object.fromEntries(STACK.map((s) => [s, css.getPropertyValue(STATE_STYLE[s].cssVar).trim() || '#888'])) as Record<UnitState, string>;
  const span = win.endMs - win.startMs;
  const x = (t: number) => ((t - win.startMs) / span) * width;
  const samples = strip.samples;
  const column = (from: number, to: number, counts: Counts) => {
    const x0 = Math.max(0, x(from));
    const x1 = Math.min(width, x(to));
    if (x1 <= x0) return;
    let y = height;
    for (const s of STACK) {
      const h = ((counts[s] ?? 0) / total) * height;
      if (h <= 0) continue;
      ctx.fillStyle = color[s];
      ctx.fillRect(x0, y - h, Math.max(1, x1 - x0), h);
      y -= h;
    }
  };
  // Before the loaded history the strip knows nothing: left blank under the timeline's "history not loaded" band.
  if (startMs === 0) column(win.startMs, samples[0]?.atMs ?? win.endMs, withUnseen(null, total));
  for (let i = 0; i < samples.length; i++) {
    const to = samples[i + 1]?.atMs ?? win.endMs;
    if (to < win.startMs) continue;
    if (samples[i]!.atMs > win.endMs) break;
    column(samples[i]!.atMs, to, withUnseen(samples[i]!.counts, total));
  }
  drawRegistered(ctx, samples, total, x, width, height, css);
}

/**
 * The share of the group registered with the leading Mesos master, as a step line over the stack (top: all of them).
 * Unit states stay healthy through a leader failover; this line is what drops to zero and comes back in the
 * re-registration storm. Drawn with a halo so it reads over every state colour.
 */
function drawRegistered(ctx: CanvasRenderingContext2D, samples: AgentStrip['samples'], total: number, x: (t: number) => number, width: number, height: number, css: CSSStyleDeclaration): void {
  if (!samples.some((s) => (s.registered ?? 0) > 0)) return;
  // Inset so the line never hides under the row's edges: all registered is 3 px below the top, none 3 px above the bottom.
  const y = (s: AgentStrip['samples'][number]) => 3 + (1 - (s.registered ?? 0) / total) * (height - 6);
  ctx.beginPath();
  let started = false;
  for (let i = 0; i < samples.length; i++) {
    const x0 = Math.max(0, x(samples[i]!.atMs));
    const x1 = Math.min(width, x(samples[i + 1]?.atMs ?? Infinity));
    if (x1 < 0 || x0 > width) continue;
    const yi = y(samples[i]!);
    if (!started) ctx.moveTo(x0, yi);
    else ctx.lineTo(x0, yi);
    ctx.lineTo(x1, yi);
    started = true;
  }
  ctx.lineJoin = 'round';
  ctx.strokeStyle = css.getPropertyValue('--surface').trim() || '#fff';
  ctx.lineWidth = 4;
  ctx.stroke();
  ctx.strokeStyle = css.getPropertyValue('--text').trim() || '#000';
  ctx.lineWidth = 2;
  ctx.stroke();
}

interface GroupRowProps {
  group: AgentGroup;
  strip: AgentStrip;
  total: number;
  expanded: boolean;
  top: number;
  win: BarWindow;
  nowMs: number;
  /** Where the loaded history starts (TimelineModel.seededAt; 0: from t=0). */
  startMs?: number;
}

export const GroupRow = memo(function GroupRow({ group, strip, total, expanded, top, win, nowMs, startMs = 0 }: GroupRowProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useBoot(selectTheme);
  const [title, setTitle] = useState('');
  useEffect(() => {
    if (canvasRef.current !== null) draw(canvasRef.current, strip, total, win, startMs);
  }, [strip, total, win, theme, startMs]);
  const now = stripCountsAt(strip, Math.max(nowMs, startMs), total, startMs) ?? {};
  const worst = STATE_SEVERITY.find((s) => (now[s] ?? 0) > 0) ?? 'pending';
  const registered = (t: number) => `${registeredAt(strip, t).toLocaleString('en')} registered with the Mesos leader`;
  const label = `${GROUP_TITLE[group]} (${total.toLocaleString('en')}): ${describeCounts(now)}; ${registered(Math.max(nowMs, startMs))}`;
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const t = win.startMs + ((e.clientX - r.left) / r.width) * (win.endMs - win.startMs);
    const counts = stripCountsAt(strip, t, total, startMs);
    setTitle(t > nowMs ? '' : `${GROUP_TITLE[group]} at ${formatSimTime(t)}: ${counts === null ? 'history not loaded' : `${describeCounts(counts)}; ${registered(t)} (the line)`}`);
  };
  return (
    <div className="tl-row tl-row--lane tl-row--group" style={{ transform: `translateY(${top}px)` }} role="group" data-group={group} data-state={worst} aria-label={label}>
      <div className="tl-label">
        <button type="button" className="tl-chevron" aria-expanded={expanded} aria-label={`${expanded ? 'Hide' : 'Show'} the ${GROUP_TITLE[group].toLowerCase()}, ${GROUP_PAGE} at a time`}>
          {expanded ? '▾' : '▸'}
        </button>
        <span className="tl-state-glyph" style={{ color: `var(${STATE_STYLE[worst].cssVar})` }} aria-hidden="true">{STATE_STYLE[worst].glyph}</span>
        <span className="tl-name tl-name--lane tl-group-name" title={label}>{total.toLocaleString('en')} {group === 'agent' ? 'agents' : 'public agents'}</span>

      </div>
      <div className="tl-bars tl-group-bars" style={{ width: win.clipPx ?? win.widthPx }}>
        <canvas ref={canvasRef} className="tl-shift tl-group-canvas" style={{ width: win.widthPx, height: ROW_PX - 6 }} title={title} onPointerMove={onMove} />
        {/* The key to the line over the strip (drawRegistered), over the visible bars' left end. */}
        {strip.samples.some((x) => (x.registered ?? 0) > 0) ? <span className="tl-group-key" aria-hidden="true">─ registered with the Mesos leader</span> : null}
      </div>
    </div>
  );
});

export function MoreRow({ group, remaining, top }: { group: AgentGroup; remaining: number; top: number }) {
  return (
    <div className="tl-row tl-row--more" style={{ transform: `translateY(${top}px)` }} data-more={group}>
      <div className="tl-label tl-label--unit">
        <button type="button" className="tl-more" data-testid={`more-${group}`}>
          Show {Math.min(GROUP_PAGE, remaining)} more of {remaining.toLocaleString('en')}
        </button>
      </div>
    </div>
  );
}
