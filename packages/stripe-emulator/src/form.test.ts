import { describe, expect, it } from 'vitest';
import { canonicalForm, parseForm } from './form.js';

describe('parseForm', () => {
  it('nests bracketed keys into objects', () => {
    expect(parseForm('amount=1999&metadata[order_id]=42&automatic_payment_methods[enabled]=true')).toEqual({
      amount: '1999',
      metadata: { order_id: '42' },
      automatic_payment_methods: { enabled: 'true' },
    });
  });

  it('turns indexed and empty-bracket keys into arrays', () => {
    expect(parseForm('expand[0]=latest_charge&expand[1]=payment_method')).toEqual({
      expand: ['latest_charge', 'payment_method'],
    });
    expect(parseForm('payment_method_types[]=card&payment_method_types[]=link')).toEqual({
      payment_method_types: ['card', 'link'],
    });
  });

  it('decodes percent-encoding and plus signs, including encoded brackets', () => {
    expect(parseForm('description=Order+%2342&metadata%5Bnote%5D=a%26b')).toEqual({
      description: 'Order #42',
      metadata: { note: 'a&b' },
    });
  });

  it('drops prototype-polluting keys', () => {
    const parsed = parseForm('__proto__[x]=1&a[constructor][y]=2&ok=1');
    expect(parsed).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps empty values (Stripe uses them to unset fields)', () => {
    expect(parseForm('description=&metadata[a]=')).toEqual({ description: '', metadata: { a: '' } });
  });
});

describe('canonicalForm', () => {
  it('is independent of key order but not of values', () => {
    const a = canonicalForm(parseForm('amount=1&metadata[a]=1&metadata[b]=2'));
    const b = canonicalForm(parseForm('metadata[b]=2&amount=1&metadata[a]=1'));
    expect(a).toBe(b);
    expect(canonicalForm(parseForm('amount=2&metadata[a]=1&metadata[b]=2'))).not.toBe(a);
  });
});
