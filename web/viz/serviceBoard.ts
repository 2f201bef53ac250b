// The projector's and the phone's picture of the cluster: one row per service, one column per node, each
// cell one unit instance (the vertex: state glyph, leader crown). Rows follow the boot order (a step per rank of the
// role's layered layout: Exhibitor, then DC/OS Net, ...); the units off the boot spine fold into one "other units"
// row of counts per node, and unfold into rows of their own on request. Agent roles with more nodes than
// AGENT_COLLAPSE_THRESHOLD become one column of counts, so 10,000 agents are one column, not 10,000.
// Pure: rows depend only on the catalog, columns only on the cluster shape; counts are joined per batch.
import type { NodeView, Role, UnitState } from '../../shared/protocol/types.ts';
import { roleLayout } from './dagLayout.ts';
import { AGENT_COLLAPSE_THRESHOLD, COLLAPSED_ID, type AgentRole, type UnitsForRole } from './dagModel.ts';
import { STATE_SEVERITY } from './stateStyle.ts';

export const ROLES: readonly Role[] = ['master', 'agent', 'agent_public'];

export type BoardColumn =
  | { kind: 'node'; node: string; role: Role; short: string }
  | { kind: 'group'; id: string; role: AgentRole; nodeIds: readonly string[]; short: string };

export interface BoardRow {
  /** The service this one waits for on the boot spine (the row's "after …"), or null. */
  after: string | null;
  /** The display name: a service is one row whatever unit id it has on each role (Mesos Agent, Admin Router). */
  name: string;
  /** Boot step (1 = first); 0 for the units off the boot spine. */
  step: number;
  /** The unit id of this service on each role that runs it. */
  units: Partial<Record<Role, string>>;
}

const SHORT: Record<Role, string> = { master: 'M', agent: 'A', agent_public: 'P' };

/** "master-2" -> "M2", "public-agent-1" -> "P1": a column header that fits a phone; the full id is its label. */
export function shortNodeId(node: string, role: Role): string {
  const n = /(\d+)$/.exec(node)?.[1] ?? node;
  return `${SHORT[role]}${n}`;
}

/** One column per node, masters first; a large agent role is one column of counts. */
export function boardColumns(nodes: ReadonlyArray<{ id: string; role: Role }>): BoardColumn[] {
  const columns: BoardColumn[] = [];
  for (const role of ROLES) {
    const members = nodes.filter((n) => n.role === role);
    if (role !== 'master' && members.length > AGENT_COLLAPSE_THRESHOLD) {
      columns.push({ kind: 'group', id: COLLAPSED_ID[role], role, nodeIds: members.map((n) => n.id), short: `${members.length.toLocaleString('en-US')} ${SHORT[role]}` });
    } else {
      for (const n of members) columns.push({ kind: 'node', node: n.id, role, short: shortNodeId(n.id, role) });
    }
  }
  return columns;
}

/**
 * The board's rows: the boot spine's services in boot order, then (when `others` is true) every other unit, by name.
 * `nameOf` gives a unit's display name on a role.
 */
export function boardRows(unitsForRole: UnitsForRole, spine: ReadonlySet<string> | null, nameOf: (unit: string, role: Role) => string, roles: readonly Role[], others: boolean): BoardRow[] {
  const byName = new Map<string, BoardRow>();
  const order: BoardRow[] = [];
  let stepBase = 0;
  const add = (name: string, step: number, role: Role, unit: string) => {
    let row = byName.get(name);
    if (!row) {
      row = { name, step, units: {}, after: null };
      byName.set(name, row);
      order.push(row);
    }
    row.units[role] ??= unit;
  };
  const trays: Array<{ name: string; role: Role; unit: string }> = [];
  for (const role of ROLES) {
    if (!roles.includes(role)) continue;
    const layout = roleLayout(role, unitsForRole(role), spine);
    const onSpine = layout.vertices.filter((v) => !v.compact).sort((a, b) => a.rank - b.rank || a.y - b.y);
    let maxStep = stepBase;
    for (const v of onSpine) {
      const name = nameOf(v.unit, role);
      const step = byName.get(name)?.step ?? stepBase + v.rank + 1;
      maxStep = Math.max(maxStep, step);
      add(name, step, role, v.unit);
      const from = layout.edges.find((e) => e.quiet && e.to === v.unit)?.from;
      const row = byName.get(name)!;
      if (row.after === null && from !== undefined) row.after = nameOf(from, role);
    }
    stepBase = maxStep;
    for (const v of layout.vertices) if (v.compact) trays.push({ name: nameOf(v.unit, role), role, unit: v.unit });
  }
  // A unit off one role's spine that is a spine service elsewhere (the agents' Admin Router) joins that service's row.
  for (const t of trays) {
    const row = byName.get(t.name);
    if (row !== undefined) row.units[t.role] ??= t.unit;
  }
  const spineRows = [...order].sort((a, b) => a.step - b.step);
  // Steps numbered 1, 2, 3, ... with no gaps (an agent role's ranks start after the masters').
  const steps = [...new Set(spineRows.map((r) => r.step))];
  for (const r of spineRows) r.step = steps.indexOf(r.step) + 1;
  if (!others) return spineRows;
  const otherRows: BoardRow[] = [];
  const otherByName = new Map<string, BoardRow>();
  for (const t of trays) {
    if (byName.has(t.name)) continue;
    let row = otherByName.get(t.name);
    if (!row) otherByName.set(t.name, (row = { name: t.name, step: 0, units: {}, after: null }));
    row.units[t.role] ??= t.unit;
    if (!otherRows.includes(row)) otherRows.push(row);
  }
  otherRows.sort((a, b) => a.name.localeCompare(b.name));
  return [...spineRows, ...otherRows];
}

/** The units of a role in no spine row: what the "other units" row counts. */
export function offSpineUnits(unitsForRole: UnitsForRole, spineRows: readonly BoardRow[], role: Role): readonly string[] {
  const onSpine = new Set(spineRows.filter((r) => r.step > 0).map((r) => r.units[role]));
  return unitsForRole(role).map((u) => u.id).filter((id) => !onSpine.has(id));
}

export interface StateCount { state: UnitState; count: number }

/** States counted, worst first, zero counts left out. */
export function countStates(states: Iterable<UnitState>): StateCount[] {
  const tally = new Map<UnitState, number>();
  for (const s of states) tally.set(s, (tally.get(s) ?? 0) + 1);
  return STATE_SEVERITY.filter((s) => tally.has(s)).map((state) => ({ state, count: tally.get(state)! }));
}

/** Per unit id, the states of that unit across a group's nodes (one pass over the nodes: cheap at 10,000). */
export function groupUnitStates(nodes: readonly NodeView[], ids: ReadonlySet<string>): Map<string, UnitState[]> {
  const out = new Map<string, UnitState[]>();
  for (const n of nodes) {
    if (!ids.has(n.id)) continue;
    for (const u of n.units) {
      let list = out.get(u.id);
      if (!list) out.set(u.id, (list = []));
      list.push(n.up ? u.state : 'stopped');
    }
  }
  return out;
}
