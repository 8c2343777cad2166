import fc from 'fast-check';
import { inspect } from 'graphql/jsutils/inspect.js';
import { describe, expect, it } from 'vitest';
import { inspectValue } from './inspect-value.js';

class Money {
  constructor(readonly cents: number) {}
}

describe("inspectValue writes graphql-js's inspect text", () => {
  it('for any JSON-like value, however deep or long', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, maxKeys: 12, withNullPrototype: true }), (value) => {
        expect(inspectValue(value)).toBe(inspect(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('for what it leaves to graphql-js: toJSON, class instances, functions, cycles', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    const list: unknown[] = [1];
    list.push(list);
    const values = [
      { at: new Date(0) },
      { money: new Money(5) },
      [() => 1, function named() {}],
      { toJSON: () => 'json' },
      cycle,
      list,
      Symbol('s'),
      { big: 10n },
      Array.from({ length: 12 }, (_, i) => i),
      { a: { b: { c: { d: 1 } } }, e: [[[1]]] },
    ];
    for (const value of values) expect(inspectValue(value)).toBe(inspect(value));
  });
});
