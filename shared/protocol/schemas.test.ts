import { describe, expect, it } from 'vitest';
import { controlSchema, describeZodError, faultSchema, scenarioStepSchema } from './schemas.ts';

describe('fault schema', () => {
  it('accepts the contract examples', () => {
    expect(faultSchema.safeParse({ kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }).success).toBe(true);
    expect(faultSchema.safeParse({ kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: 60000 }).success).toBe(true);
    expect(faultSchema.safeParse({ kind: 'clear' }).success).toBe(true);
  });
  it('rejects a negative delay with a readable message', () => {
    const r = faultSchema.safeParse({ kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: -5 });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toContain('must not be negative');
  });
  it('rejects unknown keys and kinds', () => {
    expect(faultSchema.safeParse({ kind: 'clear', extra: 1 }).success).toBe(false);
    expect(faultSchema.safeParse({ kind: 'explode', node: 'master-1' }).success).toBe(false);
  });
  it('bounds speed', () => {
    expect(controlSchema.safeParse({ action: 'speed', speed: 1000 }).success).toBe(false);
    expect(controlSchema.safeParse({ action: 'speed', speed: 20 }).success).toBe(true);
  });
});

describe('scenario steps that wait for a fact', () => {
  it('accepts a step with a known fact and rejects unknown facts or values', () => {
    expect(scenarioStepSchema.safeParse({ atMs: 0, when: { fact: 'cluster', is: 'healthy' }, say: 'ok' }).success).toBe(true);
    expect(scenarioStepSchema.safeParse({ atMs: 0, when: { fact: 'agent', node: 'agent-1', is: 'unreachable' }, say: 'ok' }).success).toBe(true);
    expect(scenarioStepSchema.safeParse({ atMs: 0, when: { fact: 'weather', is: 'sunny' }, say: 'no' }).success).toBe(false);
    expect(scenarioStepSchema.safeParse({ atMs: 0, when: { fact: 'cluster', is: 'green' }, say: 'no' }).success).toBe(false);
    expect(scenarioStepSchema.safeParse({ atMs: 0, when: { fact: 'cluster', is: 'healthy' } }).success).toBe(false);
  });
});
