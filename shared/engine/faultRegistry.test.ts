// Registry completeness: every fault kind has every operation, on both halves (data in shared/model/faults,
// apply / undo in faultOps.ts); undoneBy names real kinds; the zod schema accepts exactly the registry's kinds
// with the architecture.md §2 payload shapes. The compile-time half (schema <-> Fault) is faultSchema.check.ts.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FAULT_SPECS, describeFault, faultSpec, isPersistent } from '../model/faults/registry.ts';
import { faultSchema } from '../protocol/schemas.ts';
import { FAULT_OPS } from './faultOps.ts';

describe('fault registry', () => {
  it.each(FAULT_KINDS)('%s has every operation', (kind) => {
    const spec = faultSpec(kind);
    expect(['unit', 'node', 'cluster']).toContain(spec.scope);
    expect(typeof spec.persistent).toBe('boolean');
    expect(typeof spec.describe).toBe('function');
    expect(typeof spec.applicable).toBe('function');
    expect(spec.menu === null || typeof spec.menu.hint === 'function').toBe(true);
    expect(typeof FAULT_OPS[kind].apply).toBe('function');
    expect(typeof FAULT_OPS[kind].undo).toBe('function');
    for (const by of spec.undoneBy) expect(FAULT_KINDS).toContain(by);
    // Only a persistent fault can be undone, and only by a one-shot of the same scope.
    if (spec.undoneBy.length > 0) expect(spec.persistent).toBe(true);
    for (const by of spec.undoneBy) expect(faultSpec(by as typeof kind)).toMatchObject({ persistent: false, scope: spec.scope });
  });

  it('has no engine operations for kinds the registry does not know', () => {
    expect(Object.keys(FAULT_OPS).sort()).toEqual([...FAULT_KINDS].sort());
    expect(FAULT_KINDS).toEqual(Object.keys(FAULT_SPECS));
  });

  it('lists the persistent kinds the view keeps', () => {
    expect(FAULT_KINDS.filter(isPersistent)).toEqual(['stop', 'hang', 'delay', 'partition', 'crash', 'slow-disk', 'clock-unsync']);
  });

  it('keeps the architecture.md payload shapes and accepts the new kinds', () => {
    const ok = [
      { kind: 'kill', node: 'master-1', unit: 'dcos-exhibitor' }, { kind: 'stop', node: 'm', unit: 'u' }, { kind: 'start', node: 'm', unit: 'u' },
      { kind: 'hang', node: 'm', unit: 'u' }, { kind: 'delay', node: 'm', unit: 'u', ms: 0 }, { kind: 'partition', node: 'm' },
      { kind: 'heal', node: 'm' }, { kind: 'crash', node: 'm' }, { kind: 'boot', node: 'm' }, { kind: 'clear' },
      { kind: 'slow-disk', node: 'm' }, { kind: 'slow-disk', node: 'm', factor: 2.5 }, { kind: 'clock-unsync', node: 'm' },
    ];
    for (const f of ok) expect(faultSchema.safeParse(f).success, JSON.stringify(f)).toBe(true);
    const bad = [
      { kind: 'kill', node: 'm' }, { kind: 'partition', node: 'm', unit: 'u' }, { kind: 'clear', node: 'm' },
      { kind: 'slow-disk', node: 'm', factor: 0 }, { kind: 'slow-disk', node: 'm', factor: 21 }, { kind: 'clock-unsync', node: 'm', unit: 'u' },
    ];
    for (const f of bad) expect(faultSchema.safeParse(f).success, JSON.stringify(f)).toBe(false);
  });

  it('describes every kind in one human sentence', () => {
    expect(describeFault({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' })).toBe('stop Exhibitor on master-1');
    expect(describeFault({ kind: 'delay', node: 'master-2', unit: 'dcos-mesos-dns', ms: 90_000 })).toBe('delay Mesos DNS on master-2 by 90 s');
    expect(describeFault({ kind: 'kill', node: 'agent-1', unit: 'dcos-diagnostics' })).toBe('kill DC/OS Diagnostics Agent on agent-1');
    expect(describeFault({ kind: 'crash', node: 'agent-2' })).toBe('crash agent-2');
    expect(describeFault({ kind: 'slow-disk', node: 'master-1' })).toBe('slow disk on master-1 (unit starts take 4x as long; its ZooKeeper falls behind)');
    expect(describeFault({ kind: 'slow-disk', node: 'agent-1', factor: 2 })).toBe('slow disk on agent-1 (unit starts take 2x as long)');
    expect(describeFault({ kind: 'clock-unsync', node: 'agent-1' })).toBe('clock on agent-1 not synchronised (NTP)');
    expect(describeFault({ kind: 'clear' })).toBe('clear every active fault');
  });
});
