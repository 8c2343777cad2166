import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseToolName, toolName } from './tool-names.js';

/** Operation names as `checkName` accepts them: dot-separated lower-camelCase segments. */
const segment = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/);
const operation = fc.array(segment, { minLength: 2, maxLength: 4 }).map((s) => s.join('.'));
const version = fc.option(fc.integer({ min: 1, max: 999_999_999 }), { nil: undefined });
/** What Claude Desktop, OpenAI and most model APIs accept as a tool name. */
const HOST_SAFE = /^[a-zA-Z0-9_-]+$/;

describe('tool names', () => {
  it('turns dots into underscores and marks other versions with -v<N>', () => {
    expect(toolName('billing.capturePayment')).toBe('billing_capturePayment');
    expect(toolName('catalog.getProduct', 2)).toBe('catalog_getProduct-v2');
    expect(parseToolName('billing_capturePayment')).toEqual({ name: 'billing.capturePayment' });
    expect(parseToolName('catalog_getProduct-v2')).toEqual({ name: 'catalog.getProduct', version: 2 });
  });

  it('round-trips every operation name and version, using only characters hosts accept', () => {
    fc.assert(
      fc.property(operation, version, (name, v) => {
        const tool = toolName(name, v);
        expect(tool).toMatch(HOST_SAFE);
        expect(parseToolName(tool)).toEqual(v === undefined ? { name } : { name, version: v });
      }),
    );
  });

  it.each([
    'billing.capturePayment',
    'billing',
    '_billing_pay',
    'billing__pay',
    'billing_pay_',
    'Billing_pay',
    'billing_pay-v0',
    'billing_pay-v01',
    'billing_pay-2',
    'billing_pay-v2-v3',
    'billing pay',
    '',
  ])('rejects %j', (tool) => {
    expect(parseToolName(tool)).toBeUndefined();
  });

  it('keeps parsed names (the same frozen target again) within a bound, still parsing past it', () => {
    const first = parseToolName('shop_order-v3');
    expect(parseToolName('shop_order-v3')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    for (let i = 0; i < 1500; i++) expect(parseToolName(`shop_op${i}`)).toEqual({ name: `shop.op${i}` });
    expect(parseToolName('shop_order-v3')).toEqual({ name: 'shop.order', version: 3 });
  });
});
