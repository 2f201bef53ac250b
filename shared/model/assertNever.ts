// Exhaustiveness guard for the switches that remain over closed unions (gate kinds, fault kinds): adding a
// member without handling it is a compile error here, and a readable throw if bad data slips through at run time.
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
