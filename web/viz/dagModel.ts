// Where everything of the cluster DAG goes: node groups (each a translated copy of its role's memoized layout),
// collapsed agent groups, section headers and the cluster-facts bar. Pure geometry from the cluster SHAPE
// (node ids + roles + which sections are expanded), never from unit states, so it is computed once per shape
// and kept while events stream in. States are joined at render time (dagState.ts / the components).
// Invariants: groups never overlap; masters form the left column (they boot first and everything depends on
// them), agents then public agents flow in columns to the right, so dependency edges read left to right.
import type { ClusterView, Role } from '../../shared/protocol/types.ts';
import type { UnitSpec } from '../../shared/model/types.ts';
import { roleLayout, VERTEX_H, type Box, type RoleLayout, type RoleVertex } from './dagLayout.ts';
import { CAPTION_H } from './dagCaptions.ts';
import { textWidth } from './textWidth.ts';

/** More agents of one role than this and they collapse into one summary vertex (expandable). */
export const AGENT_COLLAPSE_THRESHOLD = 6;
/** Expanded agent sections show this many nodes at first, then this many more per "show more". */
export const EXPANDED_PAGE = 50;
export const GROUP_PAD = 6;
export const HEADER_H = 28;
/** Room above the spine for the "waits for" captions of its top row. */
export const CAPTION_ROOM = 4;
/** Room kept for the header text (id, IP, health, tag) before the tray squares may sit in the header. */
export const HEADER_TEXT_W = 300;
/** Gap between the spine graph and a tray placed beside it. */
export const TRAY_GAP = 10;
export const GROUP_GAP = 8;
export const COLUMN_GAP = 28;
export const SECTION_H = 24;
export const FACT_BAR_H = 32;
/** Worst-case text of each fact badge (DagView's FactBar), sizing the badges: 5 masters, a two-digit IP part. */
const FACT_WORST: Record<string, string> = {
  quorum: '✕ ZK quorum 2/5, need 3', 'mesos-leader': '♛ Mesos leader master-5', 'leader.mesos': 'leader.mesos → 10.0.0.10', 'marathon-leader': '♛ Marathon leader master-5',
};
/** Badge text font (px): .dag-fact-text in DagView.css. */
export const FACT_FONT = 12.5;
const factW = (k: string): number => Math.round(textWidth(FACT_WORST[k]!, FACT_FONT) + 20);
export const FACT_GAP = 8;
export const COLLAPSED_W = 330;
export const COLLAPSED_H = 132;

/** Where the agent sections go: right of the masters column, or in bands below it (better for short panes). */
export type Arrangement = 'right' | 'below';
/** A 'below' band may be this much wider than the masters column before the next section starts a new band. */
export const BAND_STRETCH = 1.15;

/** 'below' must show the drawing this much larger than 'right' to be chosen: small gains are not worth the change. */
export const ARRANGEMENT_BIAS = 1.05;

/** The arrangement a pane shows larger at fit (`scaleOf`: the fit scale of a geometry in that pane). */
export function chooseArrangement<G>(right: G, below: G, scaleOf: (g: G) => number): Arrangement {
  return scaleOf(below) > scaleOf(right) * ARRANGEMENT_BIAS ? 'below' : 'right';
}

/** Which units run on a node of a role (the catalog's `unitsForRole`). */
export type UnitsForRole = (role: Role) => readonly UnitSpec[];

export type FactKey = 'quorum' | 'mesos-leader' | 'leader.mesos' | 'marathon-leader';
export const FACT_KEYS: readonly FactKey[] = ['quorum', 'mesos-leader', 'leader.mesos', 'marathon-leader'];

export type AgentRole = Exclude<Role, 'master'>;
/** Per agent role: expanded or not, and how many nodes an expanded section shows. */
export interface SectionUi {
  expanded: boolean;
  limit: number;
  /** A node searched for by id: shown first in its expanded section, wherever it sits among 10,000. */
  find?: string;
}
export type DagUi = Record<AgentRole, SectionUi>;
export const DEFAULT_DAG_UI: DagUi = {
  agent: { expanded: false, limit: EXPANDED_PAGE },
  agent_public: { expanded: false, limit: EXPANDED_PAGE },
};

export interface NodeGroupGeom extends Box {
  node: string;
  role: Role;
  layout: RoleLayout;
  /** Absolute top-left of the role's spine graph. */
  originX: number;
  originY: number;
  /** Where the tray squares are: in the header when there is room, else around the first vertex, else beside the graph. */
  tray: 'header' | 'inline' | 'below' | 'side';
  /** Absolute top-left of the tray. */
  trayX: number;
  trayY: number;
}

/** Absolute box of one of a group's vertices. */
export function vertexBox(g: NodeGroupGeom, v: RoleVertex): Box {
  if (!v.compact) return { x: g.originX + v.x, y: g.originY + v.y, w: v.w, h: v.h };
  if (g.tray === 'inline') {
    const q = g.layout.trayInline![v.unit]!;
    return { x: g.originX + q.x, y: g.originY + q.y, w: v.w, h: v.h };
  }
  const p = g.tray === 'side' ? g.layout.traySide.pos[v.unit]! : v;
  return { x: g.trayX + p.x, y: g.trayY + p.y, w: v.w, h: v.h };
}

export interface CollapsedGeom extends Box {
  /** "agents" / "public-agents": the data-node of the summary vertex. */
  id: string;
  role: AgentRole;
  nodeIds: string[];
}

export interface SectionGeom extends Box {
  role: AgentRole;
  title: string;
  total: number;
  shown: number;
  collapsible: boolean;
  expanded: boolean;
}

export interface DagGeometry {
  width: number;
  height: number;
  groups: NodeGroupGeom[];
  collapsed: CollapsedGeom[];
  sections: SectionGeom[];
  facts: Record<FactKey, Box>;
  /** Absolute box of a unit vertex ("node/unit"), or of a collapsed group ("group:agents"). */
  boxes: ReadonlyMap<string, Box>;
}

export const COLLAPSED_ID: Record<AgentRole, string> = { agent: 'agents', agent_public: 'public-agents' };
const SECTION_TITLE: Record<AgentRole, string> = { agent: 'Private agents', agent_public: 'Public agents' };

/** A string that changes exactly when the geometry must change. */
export function shapeKey(view: Pick<ClusterView, 'nodes'>, ui: DagUi): string {
  // Node ids follow from the count per role (nodeIdsFor): counting is enough, and cheap at 10,000 nodes, where
  // joining every id on every render was not.
  const count: Record<Role, number> = { master: 0, agent: 0, agent_public: 0 };
  for (const n of view.nodes) count[n.role] += 1;
  const section = (s: SectionUi) => (s.expanded ? `${s.limit}:${s.find ?? ''}` : '0');
  return `${count.master}/${count.agent}/${count.agent_public}|${section(ui.agent)}|${section(ui.agent_public)}`;
}

/** Whether the tray fits in the header, right of the header text. */
function trayInHeader(layout: RoleLayout): boolean {
  return layout.trayH <= HEADER_H - 8 && HEADER_TEXT_W + layout.trayW <= layout.width;
}

/** Header, else around the first vertex, else under a one-row spine (a row costs less than a side grid), else beside. */
function trayPlace(layout: RoleLayout, minW = 0): NodeGroupGeom['tray'] {
  if (layout.trayH === 0 || trayInHeader(layout)) return 'header';
  if (layout.trayInline) return 'inline';
  return layout.height <= VERTEX_H && layout.trayW <= Math.max(layout.width, minW - 2 * GROUP_PAD) ? 'below' : 'side';
}
/** A tray row under a one-row spine leaves a caption's height free above it (captions of that row go there). */
const TRAY_BELOW_GAP = CAPTION_H + 3;

/**
 * Width the header text needs in the worst case (longest node id of the role, a two-digit IP part, the longer
 * of the status tags); must match the fonts in DagGroup / DagView.css.
 */
export function headerTextWidth(role: Role, ids: readonly string[]): number {
  const id = ids.reduce((a, b) => (b.length > a.length ? b : a), '');
  return 10 + textWidth(id, 15) + 8 + textWidth(`10.0.0.10${role === 'master' ? ' · master' : ''}`, 13) + 10 + textWidth('⊘ powered off', 13) + 6;
}

function groupSize(layout: RoleLayout, minW = 0): { w: number; h: number } {
  const place = trayPlace(layout, minW);
  const side = place === 'side' ? TRAY_GAP + layout.traySide.w : 0;
  const body = place === 'below' ? layout.height + TRAY_BELOW_GAP + layout.trayH : Math.max(layout.height, place === 'side' ? layout.traySide.h : 0);
  return { w: Math.max(minW, layout.width + side + 2 * GROUP_PAD), h: HEADER_H + CAPTION_ROOM + body + GROUP_PAD };
}

/**
 * Geometry of the cluster. `spine`: the units drawn full size through the layered layout (null: all of them);
 * the rest become compact tray vertices.
 */
export function clusterGeometry(
  nodes: ReadonlyArray<{ id: string; role: Role }>, ui: DagUi, unitsForRole: UnitsForRole, spine: ReadonlySet<string> | null = null,
  arrangement: Arrangement = 'right',
): DagGeometry {
  const groups: NodeGroupGeom[] = [];
  const collapsed: CollapsedGeom[] = [];
  const sections: SectionGeom[] = [];
  const boxes = new Map<string, Box>();
  const addGroup = (node: string, role: Role, layout: RoleLayout, x: number, y: number, minW: number): NodeGroupGeom => {
    const { w, h } = groupSize(layout, minW);
    const tray = trayPlace(layout, minW);
    const inHeader = tray === 'header';
    const originY = y + HEADER_H + CAPTION_ROOM;
    const g: NodeGroupGeom = {
      node, role, layout, x, y, w, h, originX: x + GROUP_PAD, originY,
      tray,
      trayX: inHeader ? x + w - GROUP_PAD - layout.trayW : tray === 'below' ? x + GROUP_PAD : x + GROUP_PAD + layout.width + TRAY_GAP,
      trayY: inHeader ? y + (HEADER_H - layout.trayH) / 2 : tray === 'below' ? originY + layout.height + TRAY_BELOW_GAP
        : originY + (layout.height - layout.traySide.h) / 2,
    };
    for (const v of layout.vertices) boxes.set(`${node}/${v.unit}`, vertexBox(g, v));
    groups.push(g);
    return g;
  };

  // Left column: facts bar, then the masters stacked.
  const masters = nodes.filter((n) => n.role === 'master');
  const masterLayout = roleLayout('master', unitsForRole('master'), spine);
  const masterMinW = headerTextWidth('master', masters.map((m) => m.id));
  const masterW = groupSize(masterLayout, masterMinW).w;
  let y = FACT_BAR_H + GROUP_GAP;
  for (const m of masters) y = addGroup(m.id, 'master', masterLayout, 0, y, masterMinW).y + groupSize(masterLayout, masterMinW).h + GROUP_GAP;
  const leftH = Math.max(y - GROUP_GAP, FACT_BAR_H);
  const facts = {} as Record<FactKey, Box>;
  let fx = 0;
  for (const k of FACT_KEYS) {
    facts[k] = { x: fx, y: 0, w: factW(k), h: FACT_BAR_H - 8 };
    fx += factW(k) + FACT_GAP;
  }

  // Agents: one section per role. 'right': flowing in columns about as tall as the masters column, right of it.
  // 'below': in bands under the masters, sections side by side while a band stays about as wide as the masters.
  const below = arrangement === 'below';
  const bandLimit = Math.max(masterW, fx - FACT_GAP) * BAND_STRETCH;
  const left = masters.length > 0 ? masterW + COLUMN_GAP : 0;
  let right = below ? 0 : left;
  let top = below ? leftH + GROUP_GAP + 4 : 0;
  let cursorX = below ? 0 : left;
  let bandBottom = top;
  for (const role of ['agent', 'agent_public'] as const) {
    const members = nodes.filter((n) => n.role === role);
    if (members.length === 0) continue;
    const collapsible = members.length > AGENT_COLLAPSE_THRESHOLD;
    const expanded = !collapsible || ui[role].expanded;
    const found = ui[role].find === undefined ? undefined : members.find((n) => n.id === ui[role].find);
    const ordered = found === undefined ? members : [found, ...members.filter((n) => n !== found)];
    const shown = expanded ? ordered.slice(0, collapsible ? ui[role].limit : members.length) : [];
    const layout = expanded ? roleLayout(role, unitsForRole(role), spine) : null;
    const minW = headerTextWidth(role, shown.map((n) => n.id));
    const { w, h } = layout ? groupSize(layout, minW) : { w: COLLAPSED_W, h: COLLAPSED_H };
    // 'right': as many per column as fit next to the masters, but at least about sqrt(n) (a few nodes stack, many
    // form a roughly square block). 'below': as many per row as the band allows, at least about sqrt(n).
    const perLine = below
      ? Math.max(1, Math.floor((bandLimit + GROUP_GAP) / (w + GROUP_GAP)), Math.ceil(Math.sqrt(shown.length)))
      : Math.max(1, Math.floor((Math.max(leftH - top - SECTION_H, h) + GROUP_GAP) / (h + GROUP_GAP)), Math.ceil(Math.sqrt(shown.length)));
    const lines = Math.ceil(Math.max(1, shown.length) / perLine);
    const blockW = !layout ? COLLAPSED_W : below ? Math.min(shown.length, perLine) * (w + GROUP_GAP) - GROUP_GAP : lines * (w + GROUP_GAP) - GROUP_GAP;
    if (below && cursorX > 0 && cursorX + blockW > bandLimit) {
      top = bandBottom + 2 * GROUP_GAP;
      cursorX = 0;
    }
    const section: SectionGeom = {
      role, title: SECTION_TITLE[role], total: members.length, shown: shown.length, collapsible, expanded,
      x: cursorX, y: top, w: blockW, h: SECTION_H,
    };
    sections.push(section);
    let bottom = top + SECTION_H;
    if (!layout) {
      const c = { id: COLLAPSED_ID[role], role, nodeIds: members.map((n) => n.id), x: cursorX, y: top + SECTION_H, w: COLLAPSED_W, h: COLLAPSED_H };
      collapsed.push(c);
      boxes.set(`group:${c.id}`, c);
      bottom = c.y + c.h;
    } else {
      shown.forEach((n, i) => {
        const line = Math.floor(i / perLine);
        const pos = i % perLine;
        const gx = cursorX + (below ? pos : line) * (w + GROUP_GAP);
        const gy = top + SECTION_H + (below ? line : pos) * (h + GROUP_GAP);
        addGroup(n.id, role, layout, gx, gy, minW);
        bottom = Math.max(bottom, gy + h);
      });
    }
    right = Math.max(right, cursorX + blockW);
    if (below) {
      bandBottom = Math.max(bandBottom, bottom);
      cursorX += blockW + COLUMN_GAP;
    } else {
      top = bottom + GROUP_GAP * 2;
    }
  }
  if (below) top = bandBottom + GROUP_GAP * 2;
  const width = Math.max(masters.length > 0 ? masterW : 0, right, fx - FACT_GAP);
  return { width, height: Math.max(leftH, top - GROUP_GAP * 2), groups, collapsed, sections, facts, boxes };
}
