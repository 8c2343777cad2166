// Request limits over real HTTP: body size (declared and streamed), query length, tokens, depth,
// aliases and root fields. Refused requests never reach an operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport, firstError, gql, makeFixture, nodeTransport, type Transport } from './fixture.js';

const fixture = makeFixture();
const transports: Transport[] = [];
beforeAll(async () => {
  transports.push(await nodeTransport(fixture.registry, { limits: { maxDepth: 2, bodyLimit: 4096 } }));
  transports.push(fetchTransport(fixture.registry, { limits: { maxDepth: 2, bodyLimit: 4096 } }));
});
afterAll(() => Promise.all(transports.map((t) => t.close())));

const each = (fn: (t: Transport) => Promise<void>) => async () => {
  for (const t of transports) await fn(t);
};

/** A body streamed in chunks without Content-Length (the limit must hold while reading). */
function streamed(bytes: number): RequestInit {
  const chunk = new TextEncoder().encode(' '.repeat(1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  // `duplex` is required by fetch for a streamed body; Node's RequestInit type lacks it.
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit;
}

describe('size limits', () => {
  it(
    'refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, declared or streamed',
    each(async (t) => {
      const big = gql(`{ ops_crash { pong } } #${'x'.repeat(5000)}`);
      const declared = await t.send('/graphql', big);
      expect(declared.status, t.name).toBe(413);
      expect(firstError(declared).extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const chunked = await t.send('/graphql', streamed(64 * 1024));
      expect(chunked.status, t.name).toBe(413);
      expect(chunked.headers.get('x-request-id')).toBe(firstError(chunked).extensions?.requestId);
    }),
  );

  it('refuses a query longer than maxQueryLength with 413, before parsing it', async () => {
    const t = await nodeTransport(fixture.registry, { limits: { maxQueryLength: 100 } });
    try {
      const answer = await t.send('/graphql', gql(`{ ops_crash { pong } } #${'x'.repeat(100)}`));
      expect(answer.status).toBe(413);
      expect(firstError(answer).message).toBe('The query is longer than 100 characters');
      expect(fixture.calls.crash).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('refuses a document with too many tokens, and deep nesting, without crashing', async () => {
    const t = await nodeTransport(fixture.registry, { limits: { maxTokens: 100 } });
    try {
      const answer = await t.send('/graphql', gql(`{ ${'__typename '.repeat(120)} }`));
      expect(firstError(answer).extensions?.code).toBe('INVALID_INPUT');
      expect(firstError(answer).message).toContain('tokens');
      const deep = `${'{a'.repeat(1000)}${'}'.repeat(1000)}`;
      expect(firstError(await t.send('/graphql', gql(deep))).extensions?.code).toBe('INVALID_INPUT');
    } finally {
      await t.close();
    }
  });
});

describe('shape limits', () => {
  const invoice = (selection: string) =>
    gql(`query { billing_getInvoice(input: { invoiceId: "inv_1" }) ${selection} }`, undefined, 'alice');

  it(
    'refuses a query nested deeper than maxDepth, fragments followed',
    each(async (t) => {
      const ok = await t.send('/graphql', invoice('{ id status }'));
      expect(ok.body.errors, t.name).toBeUndefined();
      const deep = await t.send('/graphql', invoice('{ customer { email } }'));
      expect(firstError(deep)).toMatchObject({
        message: 'The query is nested 3 levels deep; at most 2 are allowed',
        extensions: { code: 'INVALID_INPUT', requestId: expect.any(String) },
      });
      const viaFragment = await t.send(
        '/graphql',
        gql(
          'query { billing_getInvoice(input: { invoiceId: "inv_1" }) { ...F } } fragment F on Invoice { customer { ... on Customer { email } } }',
          undefined,
          'alice',
        ),
      );
      expect(firstError(viaFragment).message).toContain('nested 3 levels');
    }),
  );

  it(
    'does not count introspection against the depth limit (graphql-js limits it on its own)',
    each(async (t) => {
      const answer = await t.send(
        '/graphql',
        gql('{ __schema { types { fields { type { ofType { name } } } } } }'),
      );
      expect(answer.body.errors, t.name).toBeUndefined();
    }),
  );

  it(
    'refuses more than 30 aliases, and more than 10 root fields (each one an operation call)',
    each(async (t) => {
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
      const tooManyAliases = await t.send('/graphql', gql(`{ ${aliases} }`));
      expect(firstError(tooManyAliases).message).toBe('The document uses more than 30 aliases');
      const roots = Array.from({ length: 11 }, (_, i) => `p${i}: ops_crash { pong }`).join(' ');
      const tooManyRoots = await t.send('/graphql', gql(`{ ${roots} }`));
      expect(firstError(tooManyRoots)).toMatchObject({
        message: 'The operation asks for 11 root fields; at most 10 are allowed',
        extensions: { code: 'INVALID_INPUT' },
      });
      expect(fixture.calls.crash).toBe(0);
    }),
  );
});
