import { describe, expect, it } from 'vitest';
import { ContractError } from '../runtime/errors.js';
import { isJsonContentType, parseJsonBody } from './body.js';

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON', true],
    ['application/json; charset=utf-8', true],
    ['application/json; charset="UTF-8"', true],
    ['application/json; charset=latin1', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['text/plain', false],
    ['application/jsonx', false],
    [undefined, false],
  ])('%s -> %s', (header, expected) => {
    expect(isJsonContentType(header)).toBe(expected);
  });
});

describe('parseJsonBody', () => {
  it('keeps __proto__ as an own key, never a prototype', () => {
    const parsed = parseJsonBody('{"__proto__":{"polluted":true}}') as object;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('reads an empty body as {}', () => {
    expect(parseJsonBody('')).toEqual({});
    expect(parseJsonBody('  \n')).toEqual({});
  });

  it.each(['{', '{"a":}', 'undefined', "{'a':1}", '\uFEFF{}'])(
    'rejects malformed JSON %j as INVALID_INPUT',
    (text) => {
      expect(() => parseJsonBody(text)).toThrow(ContractError);
      try {
        parseJsonBody(text);
      } catch (error) {
        expect((error as ContractError).code).toBe('INVALID_INPUT');
      }
    },
  );

  it('rejects nesting deep enough to exhaust the stack as INVALID_INPUT, not a crash', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    let code: string | undefined;
    try {
      parseJsonBody(deep);
    } catch (error) {
      code = (error as ContractError).code;
    }
    // V8 parses this iteratively; if a runtime cannot, it must still answer INVALID_INPUT.
    expect(code === undefined || code === 'INVALID_INPUT').toBe(true);
  });
});
