// The menu is derived from the fault registry: every kind with a menu entry shows up on the menus of its scope
// (unit or node), nothing else does (apart from Explain), and hints / reasons are the registry's.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, faultScope, faultSpec } from '../../../shared/model/faults/registry.ts';
import { viewFor } from '../../store/timelineModel.fixture.ts';
import { faultMenuContent } from './faultItems.ts';
import { catalogUnitInfo } from './unitInfo.ts';

const kindsOf = (target: { node: string; unit: string | null }) =>
  new Set(faultMenuContent(target, viewFor(), catalogUnitInfo).groups.flatMap((g) => g.items).flatMap((i) => (i.action.type === 'inject' ? [i.action.fault.kind] : [])));

describe('fault menu items come from the registry', () => {
  it.each([['unit', { node: 'master-1', unit: 'dcos-exhibitor' }], ['node', { node: 'agent-2', unit: null }]] as const)('%s menu: exactly the kinds of that scope that have a menu entry', (scope, target) => {
    const expected = FAULT_KINDS.filter((k) => faultScope(k) === scope && faultSpec(k).menu !== null);
    expect([...kindsOf(target)]).toEqual(expected);
  });

  it('uses the registry group names, in registry order, and the delay row hint', () => {
    const unit = faultMenuContent({ node: 'master-1', unit: 'dcos-exhibitor' }, viewFor(), catalogUnitInfo);
    expect(unit.groups.map((g) => g.label)).toEqual(['Break the process', 'Delay its starts', 'Understand']);
    expect(unit.groups[1]).toMatchObject({ layout: 'row', hint: faultSpec('delay').menu?.groupHint });
  });

  it('an unknown unit disables everything with the validation message', () => {
    const c = faultMenuContent({ node: 'master-1', unit: 'dcos-foo' }, viewFor(), catalogUnitInfo);
    for (const item of c.groups.flatMap((g) => g.items)) expect(item.disabledReason).toMatch(/^unknown unit 'dcos-foo' on master-1/);
  });
});
