// Compile-time only (tsc -b covers it; nothing imports it at run time): the protocol's zod schema and the Fault
// type agree both ways, and the payloads architecture.md §2 promises are still Faults with nothing added.
import type { z } from 'zod';
import type { Fault } from '../engine/types.ts';
import type { faultSchema } from './schemas.ts';

type Assert<T extends true> = T;

type Parsed = z.infer<typeof faultSchema>;
type Sent = z.input<typeof faultSchema>;

export type SchemaOutputIsFault = Assert<[Parsed] extends [Fault] ? true : false>;
export type FaultIsSchemaOutput = Assert<[Fault] extends [Parsed] ? true : false>;
export type FaultIsSchemaInput = Assert<[Fault] extends [Sent] ? true : false>;
export type SchemaInputIsFault = Assert<[Sent] extends [Fault] ? true : false>;

/** The architecture.md §2 table, written out by hand: kept exactly (new kinds are extensions). */
type Architecture =
  | { kind: 'kill' | 'stop' | 'start' | 'hang'; node: string; unit: string }
  | { kind: 'delay'; node: string; unit: string; ms: number }
  | { kind: 'partition' | 'heal' | 'crash' | 'boot'; node: string }
  | { kind: 'clear' };
type Original = Extract<Fault, { kind: Architecture['kind'] }>;
export type ArchitectureIsFault = Assert<[Architecture] extends [Original] ? true : false>;
export type FaultIsArchitecture = Assert<[Original] extends [Architecture] ? true : false>;
