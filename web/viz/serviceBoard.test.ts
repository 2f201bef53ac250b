// The service board's rows and columns: the class reads the boot spine in boot order, one column per node, and a
// large agent role as one column of counts.
import { describe, expect, it } from 'vitest';
import { BOOT_SPINE, catalogUnitsForRole, unitDisplayName } from './dagCatalog.ts';
import { boardColumns, boardRows, countStates, groupUnitStates, shortNodeId } from './serviceBoard.ts';
import type { NodeView } from '../../shared/protocol/types.ts';

const ROLES = ['master', 'agent', 'agent_public'] as const;

describe('service board', () => {
  it('reads the boot spine top to bottom in boot order, one row per service across roles', () => {
    const rows = boardRows(catalogUnitsForRole, BOOT_SPINE, unitDisplayName, ROLES, false);
    expect(rows.map((r) => r.name)).toEqual(['Exhibitor / ZK', 'DC/OS Net', 'Mesos Master', 'Mesos-DNS', 'Marathon', 'Admin Router', 'Mesos Agent']);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const net = rows.find((r) => r.name === 'DC/OS Net')!;
    expect(net.units).toEqual({ master: 'dcos-net', agent: 'dcos-net', agent_public: 'dcos-net' });
    expect(rows.find((r) => r.name === 'Mesos Agent')!.units).toEqual({ agent: 'dcos-mesos-slave', agent_public: 'dcos-mesos-slave-public' });
    expect(rows.find((r) => r.name === 'Mesos-DNS')!.after).toBe('Mesos Master');
  });

  it('unfolds every other unit, OAuth included, as rows after the spine', () => {
    const rows = boardRows(catalogUnitsForRole, BOOT_SPINE, unitDisplayName, ROLES, true);
    const others = rows.filter((r) => r.step === 0);
    expect(others.length).toBeGreaterThan(5);
    expect(others.some((r) => r.units.master === 'dcos-oauth')).toBe(true);
    const ids = new Set(rows.flatMap((r) => Object.values(r.units)));
    for (const role of ROLES) for (const u of catalogUnitsForRole(role)) expect(ids.has(u.id)).toBe(true);
  });

  it('gives each node a column, masters first, and folds 10,000 agents into one column', () => {
    const small = boardColumns([{ id: 'agent-1', role: 'agent' }, { id: 'master-1', role: 'master' }, { id: 'public-agent-1', role: 'agent_public' }]);
    expect(small.map((c) => c.short)).toEqual(['M1', 'A1', 'P1']);
    const many = boardColumns([{ id: 'master-1', role: 'master' }, ...Array.from({ length: 10_000 }, (_, i) => ({ id: `agent-${i + 1}`, role: 'agent' as const }))]);
    expect(many).toHaveLength(2);
    expect(many[1]).toMatchObject({ kind: 'group', id: 'agents', short: '10,000 A' });
    expect(shortNodeId('public-agent-12', 'agent_public')).toBe('P12');
  });

  it('counts a unit across a group, a powered-off node as stopped, worst state first', () => {
    const node = (id: string, state: 'healthy' | 'failed', up = true): NodeView => ({ id, up, units: [{ id: 'dcos-net', state }] } as unknown as NodeView);
    const states = groupUnitStates([node('agent-1', 'healthy'), node('agent-2', 'failed'), node('agent-3', 'healthy', false), node('agent-4', 'healthy')], new Set(['agent-1', 'agent-2', 'agent-3']));
    expect(countStates(states.get('dcos-net')!)).toEqual([{ state: 'failed', count: 1 }, { state: 'stopped', count: 1 }, { state: 'healthy', count: 1 }]);
  });
});
