// The dependency DAG of the whole cluster: node groups laid out from memoized per-role layouts, cross-node edges,
// cluster facts, collapsed agent groups, explain highlight and selection, pan/zoom.
// Invariants: geometry depends only on the cluster shape (+ which agent sections are expanded) and is cached;
// an event batch only re-joins states (memoized vertices re-render when their own props change); the zoom
// controller is created and destroyed by one effect and is re-fitted only when the shape or the pane size changes
// (and the user has not zoomed/panned since), so streaming events never move the camera.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ClusterView, Role } from '../../../shared/protocol/types.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';
import { BOOT_SPINE, catalogUnitsForRole, unitDisplayName } from '../../viz/dagCatalog.ts';
import { instanceEdges } from '../../viz/dagEdges.ts';
import { chooseArrangement, clusterGeometry, DEFAULT_DAG_UI, EXPANDED_PAGE, shapeKey, vertexBox, type AgentRole, type Arrangement, type DagGeometry, type DagUi, type UnitsForRole } from '../../viz/dagModel.ts';
import { indexStates, isConverging, leaderOf, summarizeGroup, unitStates } from '../../viz/dagState.ts';
import { createZoom, fitTransform, ZOOM_STEP, type ZoomController } from '../../viz/zoom.ts';
import { ARROW_DIRECTION, nextInDirection } from '../../viz/rovingFocus.ts';
import { CollapsedGroup } from './CollapsedGroup.tsx';
import { DagDefs } from './DagDefs.tsx';
import { DagEdges } from './DagEdges.tsx';
import { DagGroup } from './DagGroup.tsx';
import { DagVertex, type DagVertexProps } from './DagVertex.tsx';
import { DagFind } from './DagFind.tsx';
import { FactBar } from './FactBar.tsx';
import type { CriticalMarks } from '../../viz/criticalOverlay.ts';
import type { QuizMarks } from '../../viz/quizMarks.ts';
import { SectionHeader } from './SectionHeader.tsx';
import './DagView.css';

export interface DagViewProps {
  view: ClusterView;
  selected: UnitTarget | null;
  /** "node/unit" refs on the explain path, plus fact refs ("fact:leader.mesos"). */
  highlight: readonly string[];
  onActivate(target: FaultTarget, anchor: { x: number; y: number }): void;
  /** The critical path's refs and edges (data-critical="true"), while its toggle is on. */
  critical?: CriticalMarks | null;
  /** A quiz round's marks (web/viz/quizMarks.ts), or null/absent outside a round. */
  quiz?: QuizMarks | null;
  /** Catalog source (tests and the dev harness pass a fixture); defaults to shared/model/catalog.ts. */
  unitsForRole?: UnitsForRole;
  nameOf?(unit: string, role: Role): string;
  /** Units drawn full size on the layered spine (null: all); defaults to BOOT_SPINE with the real catalog. */
  spine?: ReadonlySet<string> | null;
}

// Geometry cache: a few shapes per catalog source (expanding/collapsing flips between two).
const GEOMETRY_CACHE_SIZE = 8;
const geometryCache = new WeakMap<UnitsForRole, Map<string, DagGeometry>>();
function geometryFor(
  key: string, view: ClusterView, ui: DagUi, unitsForRole: UnitsForRole, spine: ReadonlySet<string> | null, arrangement: Arrangement,
): DagGeometry {
  let m = geometryCache.get(unitsForRole);
  if (!m) geometryCache.set(unitsForRole, (m = new Map()));
  let g = m.get(key);
  if (!g) {
    g = clusterGeometry(view.nodes, ui, unitsForRole, spine, arrangement);
    m.set(key, g);
    if (m.size > GEOMETRY_CACHE_SIZE) m.delete(m.keys().next().value!);
  }
  return g;
}

/** A vertex's quiz props as primitives (the vertex is memoized on them). */
function quizProps(quiz: QuizMarks | null, ref: string): Partial<DagVertexProps> {
  if (quiz === null) return {};
  const votes = quiz.votes.get(ref);
  return {
    quizPicked: quiz.picked.has(ref),
    ...(votes ? { quizVotes: votes.count, quizShare: votes.share } : {}),
    quizFailed: quiz.failed.has(ref),
    quizNobody: quiz.nobody.has(ref),
  };
}

const anchorOf = (el: Element): { x: number; y: number } => {
  const r = el.getBoundingClientRect();
  return { x: Math.round(r.left), y: Math.round(r.bottom + 4) };
};

export function DagView(props: DagViewProps) {
  const { view, selected, highlight, onActivate } = props;
  const critical = props.critical ?? null;
  const quiz = props.quiz ?? null;
  const unitsForRole = props.unitsForRole ?? catalogUnitsForRole;
  const nameOf = props.nameOf ?? unitDisplayName;
  const prefix = `dag${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [ui, setUi] = useState<DagUi>(DEFAULT_DAG_UI);
  const spine = props.spine !== undefined ? props.spine : props.unitsForRole ? null : BOOT_SPINE;
  const baseKey = `${shapeKey(view, ui)}|${spine ? [...spine].join(',') : '*'}`;
  // Agents right of the masters or below them: whichever the pane shows larger at fit (short wide panes: below).
  const [size, setSize] = useState({ w: 0, h: 0 });
  const pick = (): { key: string; geom: DagGeometry } => {
    const right = { key: `${baseKey}|right`, geom: geometryFor(`${baseKey}|right`, view, ui, unitsForRole, spine, 'right') };
    if (size.w === 0 || size.h === 0) return right;
    const under = { key: `${baseKey}|below`, geom: geometryFor(`${baseKey}|below`, view, ui, unitsForRole, spine, 'below') };
    const k = (g: DagGeometry) => fitTransform({ contentW: g.width, contentH: g.height, viewW: size.w, viewH: size.h }).k;
    return chooseArrangement(right.geom, under.geom, k) === 'below' ? under : right;
  };
  const { key, geom } = pick();
  const edges = useMemo(() => instanceEdges(view, geom, unitsForRole), [view, geom, unitsForRole]);
  const idx = useMemo(() => indexStates(view), [view]);
  const hl = useMemo(() => new Set(highlight), [highlight]);
  const summaries = useMemo(() => geom.collapsed.map((c) => summarizeGroup(view, c.nodeIds)), [view, geom]);

  // Children get callbacks that never change (the latest onActivate is read at call time), so a parent passing a
  // fresh arrow each render cannot defeat the per-vertex memo.
  const onActivateRef = useRef(onActivate);
  useLayoutEffect(() => {
    onActivateRef.current = onActivate;
  }, [onActivate]);
  const activateUnit = useCallback((node: string, unit: string, el: Element) => onActivateRef.current({ node, unit }, anchorOf(el)), []);
  const activateNode = useCallback((node: string, el: Element) => onActivateRef.current({ node, unit: null }, anchorOf(el)), []);
  const setSection = useCallback((role: AgentRole, f: (s: DagUi[AgentRole]) => DagUi[AgentRole]) => setUi((u) => ({ ...u, [role]: f(u[role]) })), []);

  // --- pan / zoom -------------------------------------------------------------------------------------------
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomController | null>(null);
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    // No synchronous measure on mount where ResizeObserver exists: reading clientWidth here would force a
    // layout of the freshly mounted graph inside the commit; the observer's initial callback arrives
    // after the browser's own layout, before the first paint.
    if (typeof ResizeObserver === 'undefined') {
      measure();
      return;
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const z = createZoom(svgRef.current!, viewportRef.current!, { contentW: 1, contentH: 1, viewW: 1, viewH: 1 });
    zoomRef.current = z;
    return () => {
      z.destroy();
      zoomRef.current = null;
    };
  }, []);
  useEffect(() => {
    if (size.w === 0 || size.h === 0) return;
    const shapeChanged = lastKey.current !== key;
    lastKey.current = key;
    zoomRef.current?.update({ contentW: geom.width, contentH: geom.height, viewW: size.w, viewH: size.h }, shapeChanged);
  }, [key, geom, size]);

  // Roving tabindex: one vertex is the graph's Tab stop (the selected one, else the last focused, else the first);
  // the arrow keys move between vertices.
  const [focusRef, setFocusRef] = useState<string | null>(null);
  const firstRef = geom.groups[0] !== undefined && geom.groups[0].layout.vertices[0] !== undefined ? `${geom.groups[0].node}/${geom.groups[0].layout.vertices[0].unit}` : null;
  const selectedRef = selected === null ? null : `${selected.node}/${selected.unit}`;
  const tabRef = [focusRef, selectedRef, firstRef].find((r) => r !== null && geom.boxes.has(r)) ?? null;
  const onArrow = (e: React.KeyboardEvent<SVGGElement>) => {
    const dir = ARROW_DIRECTION[e.key];
    const el = e.target instanceof Element ? e.target.closest<SVGGElement>('.dag-vertex') : null;
    if (dir === undefined || el === null) return;
    e.preventDefault();
    const next = nextInDirection(geom.boxes, `${el.dataset.node}/${el.dataset.unit}`, dir);
    if (next === null) return;
    const [node, unit] = next.split('/');
    setFocusRef(next);
    wrapRef.current?.querySelector<SVGGElement>(`.dag-vertex[data-node="${node}"][data-unit="${unit}"]`)?.focus();
  };

  const hasHl = hl.size > 0;
  return (
    <div className={`dag-view${hasHl ? ' has-hl' : ''}`} ref={wrapRef} data-testid="dag-view">
      <svg ref={svgRef} className="dag-svg" role="group" aria-label="Unit dependency graph: drag to pan, wheel to zoom">
        <DagDefs prefix={prefix} />
        <g ref={viewportRef} onKeyDown={onArrow}>
          <FactBar quorumHave={view.quorum.have} quorumNeed={view.quorum.need} masters={view.cluster.masters}
            mesosLeader={view.leaders.mesos} marathonLeader={view.leaders.marathon}
            leaderDns={view.dns['leader.mesos']} boxes={geom.facts} highlighted={hl} critical={critical?.refs} />
          {geom.sections.map((s) => (
            <SectionHeader key={s.role} section={s}
              onCollapse={() => setSection(s.role, (x) => ({ ...x, expanded: false }))}
              onMore={() => setSection(s.role, (x) => ({ ...x, limit: x.limit + EXPANDED_PAGE }))} />
          ))}
          {geom.groups.map((g) => {
            const n = idx.get(g.node);
            return n && (
              <DagGroup key={g.node} node={g.node} role={g.role} ip={n.ip} health={n.health} up={n.up} partitioned={n.partitioned}
                x={g.x} y={g.y} w={g.w} h={g.h} onActivate={activateNode} />
            );
          })}
          <DagEdges edges={edges} highlighted={hl} prefix={prefix} critical={critical?.edges} />
          {geom.groups.map((g) => {
            const n = idx.get(g.node);
            if (!n) return null;
            const cut = !n.up || n.partitioned;
            const states = unitStates(n);
            return (
              <g key={g.node} className={cut ? 'dag-cut' : undefined}>
                {g.layout.vertices.map((v) => {
                  const ref = `${g.node}/${v.unit}`;
                  const b = vertexBox(g, v);
                  return (
                    <DagVertex key={ref} node={g.node} unit={v.unit} name={nameOf(v.unit, g.role)}
                      x={b.x} y={b.y} w={b.w} h={b.h} compact={v.compact}
                      state={states.get(v.unit) ?? 'pending'} leader={leaderOf(view, g.node, v.unit)}
                      converging={isConverging(view, v.unit, states.get(v.unit))}
                      selected={selected?.node === g.node && selected.unit === v.unit} highlighted={hl.has(ref)} critical={critical?.refs.has(ref) === true}
                      {...quizProps(quiz, ref)}
                      prefix={prefix} tabbable={tabRef === ref} onActivate={activateUnit} />
                  );
                })}
              </g>
            );
          })}
          {geom.collapsed.map((c, i) => (
            <CollapsedGroup key={c.id} id={c.id} title={c.role === 'agent' ? 'Private agents' : 'Public agents'} summary={summaries[i]!}
              x={c.x} y={c.y} w={c.w} h={c.h} highlighted={c.nodeIds.some((id) => hl.has(id))} prefix={prefix}
              onExpand={() => setSection(c.role, (x) => ({ ...x, expanded: true }))} />
          ))}
        </g>
      </svg>
      {Math.max(view.cluster.agents, view.cluster.publicAgents) > EXPANDED_PAGE ? (
        <DagFind view={view} onFind={(role, id) => setSection(role, (x) => ({ ...x, expanded: true, find: id }))} />
      ) : null}
      <div className="dag-zoom-controls" role="toolbar" aria-label="Zoom">
        <button type="button" className="dag-zoom-btn" onClick={() => zoomRef.current?.zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in">+</button>
        <button type="button" className="dag-zoom-btn" onClick={() => zoomRef.current?.zoomBy(1 / ZOOM_STEP)} aria-label="Zoom out" title="Zoom out">−</button>
        <button type="button" className="dag-zoom-btn dag-fit" onClick={() => zoomRef.current?.fit(true)} aria-label="Fit graph to view" title="Fit">Fit</button>
      </div>
    </div>
  );
}
