import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../policy/types.js';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand } from '../spec/operation.js';
import type { AppContext } from './context.js';
import { execute } from './execute.js';
import type { CallEnded, CallStarted, ExecutionHooks } from './hooks.js';
import { MemoryAuditSink } from './memory/audit.js';
import type { AuditSink } from './ports.js';
import type { RuntimeOptions } from './runtime.js';
import { getAutoTracer, loadAutoTracer } from './tracing.js';

// Hooks and OpenTelemetry spans around each call.

const Pay = new SchemaModel({
  name: 'Pay',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const PayInvoice = defineCommand({
  meta: { name: 'billing.x', version: 4, stability: 'stable', description: 'Pay', owners: ['team-billing'] },
  io: { input: Pay, output: Pay },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
});

const alice = { actor: 'user', userId: 'alice' } as const;

function setup(
  options: RuntimeOptions,
  handler: (input: { invoiceId: string }) => unknown = (input) => input,
) {
  const registry = new SpecRegistry(options);
  installOp(registry, PayInvoice, handler as never);
  registry.resources.register('invoice', () => ({ ownerId: 'alice' }));
  const run = (context: AppContext = alice, input: unknown = { invoiceId: 'inv_1' }) =>
    execute(registry, { name: 'billing.x', input, transport: 'graphql', requestId: 'req-obs-1', context });
  return { registry, run };
}

function recordingHooks() {
  const log: Array<
    ['start', CallStarted] | ['decision', CallStarted, Decision] | ['end', CallStarted, CallEnded]
  > = [];
  const hooks: ExecutionHooks = {
    onStart: (call) => void log.push(['start', call]),
    onDecision: (call, decision) => void log.push(['decision', call, decision]),
    onEnd: (call, ended) => void log.push(['end', call, ended]),
  };
  return { log, hooks };
}

describe('execute: hooks', () => {
  it('reports the start, each decision and the outcome of a successful call', async () => {
    const { log, hooks } = recordingHooks();
    const { run } = setup({ hooks, tracer: false });
    expect((await run()).ok).toBe(true);
    expect(log.map((entry) => entry[0])).toEqual(['start', 'decision', 'decision', 'end']);
    for (const entry of log) {
      expect(entry[1]).toMatchObject({ requestId: 'req-obs-1', transport: 'graphql', name: 'billing.x' });
    }
    expect(log[1]?.[2]).toMatchObject({ allowed: true, rule: 'auth' });
    expect(log[2]?.[2]).toMatchObject({ allowed: true, rule: 'rules' });
    expect(log[3]?.[2]).toMatchObject({ ok: true, replayed: false });
    const ended = log[3]?.[2] as CallEnded;
    expect(ended.errorCode).toBeUndefined();
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a denial and the error code of a failed call', async () => {
    const { log, hooks } = recordingHooks();
    const { run } = setup({ hooks, tracer: false });
    await run({ actor: 'anonymous' });
    expect(log.map((entry) => entry[0])).toEqual(['start', 'decision', 'end']);
    expect(log[1]?.[2]).toMatchObject({ allowed: false, rule: 'auth', code: 'UNAUTHENTICATED' });
    expect(log[2]?.[2]).toMatchObject({ ok: false, errorCode: 'UNAUTHENTICATED' });
  });

  it('gives onEnd the original cause of an INTERNAL error, for logs', async () => {
    const { log, hooks } = recordingHooks();
    const boom = new Error('db down');
    const { run } = setup({ hooks, tracer: false }, () => {
      throw boom;
    });
    await run();
    const ended = log.at(-1)?.[2] as CallEnded;
    expect(ended).toMatchObject({ ok: false, errorCode: 'INTERNAL' });
    expect(ended.cause).toBe(boom);
  });

  it('measures durations with the real clock even under a fake one', async () => {
    const { log, hooks } = recordingHooks();
    const { run } = setup({ hooks, tracer: false, clock: { now: () => new Date('2001-01-01T00:00:00Z') } });
    await run();
    await run({ actor: 'anonymous' });
    for (const entry of log.filter((e) => e[0] === 'end')) {
      const ended = entry[2] as CallEnded;
      expect(ended.durationMs).toBeGreaterThanOrEqual(0);
      expect(ended.durationMs).toBeLessThan(60_000);
    }
  });

  it('keeps working when every hook throws', async () => {
    const throwing: ExecutionHooks = {
      onStart: () => {
        throw new Error('start hook');
      },
      onDecision: () => {
        throw new Error('decision hook');
      },
      onEnd: () => {
        throw new Error('end hook');
      },
    };
    const { run } = setup({ hooks: throwing, tracer: false });
    expect(await run()).toMatchObject({ ok: true, output: { invoiceId: 'inv_1' } });
    expect(await run({ actor: 'anonymous' })).toMatchObject({ ok: false });
  });

  it('still answers when the audit sink fails and the onEnd hook throws', async () => {
    const brokenAudit: AuditSink = {
      append: async () => {
        throw new Error('audit store down');
      },
    };
    const ends: string[] = [];
    const hooks: ExecutionHooks = {
      onEnd: (_call, ended) => {
        ends.push(ended.errorCode ?? 'ok');
        throw new Error('end hook');
      },
    };
    const { run } = setup({ hooks, audit: brokenAudit, tracer: false });
    const result = await run({ actor: 'anonymous' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(ends).toEqual(['AUDIT_FAILED', 'UNAUTHENTICATED']);
  });
});

describe('execute: OpenTelemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  afterEach(() => exporter.reset());

  it('records a span per call with operation, transport, request id and status OK', async () => {
    const audit = new MemoryAuditSink();
    const { run } = setup({ tracer, audit });
    expect((await run()).ok).toBe(true);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span?.name).toBe('contracts billing.x');
    expect(span?.attributes).toMatchObject({
      'contracts.operation': 'billing.x',
      'contracts.transport': 'graphql',
      'contracts.request_id': 'req-obs-1',
      'contracts.version': 4,
      'contracts.decision': 'allow',
    });
    expect(span?.attributes['contracts.error_code']).toBeUndefined();
    expect(span?.status.code).toBe(SpanStatusCode.OK);
    // The audit trail links to the trace.
    expect(audit.records()[0]?.traceId).toBe(span?.spanContext().traceId);
  });

  it('marks failed calls with the error code and status ERROR', async () => {
    const { run } = setup({ tracer }, () => {
      throw new Error('secret database password');
    });
    await run();
    await run({ actor: 'anonymous' });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0]?.attributes['contracts.error_code']).toBe('INTERNAL');
    expect(spans[0]?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'INTERNAL' });
    expect(spans[1]?.attributes).toMatchObject({
      'contracts.error_code': 'UNAUTHENTICATED',
      'contracts.decision': 'deny',
    });
    expect(spans[1]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.status]))).not.toContain('secret');
  });

  it('names the span after the requested name for an unknown operation', async () => {
    const registry = new SpecRegistry({ tracer });
    await execute(registry, { name: 'billing.nope', input: {}, transport: 'rest', context: alice });
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('contracts billing.nope');
    expect(span?.attributes['contracts.error_code']).toBe('NOT_FOUND');
    expect(span?.attributes['contracts.version']).toBeUndefined();
  });

  it("uses the global provider by default ('auto') and records no span with tracer: false", async () => {
    trace.setGlobalTracerProvider(provider);
    try {
      await loadAutoTracer();
      await setup({ tracer: false }).run();
      expect(exporter.getFinishedSpans()).toEqual([]);
      await setup({}).run();
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['contracts billing.x']);
    } finally {
      trace.disable();
    }
  });

  it("'auto' makes no span while no provider is registered, and sees one registered later", async () => {
    await loadAutoTracer();
    trace.disable();
    expect(getAutoTracer()).toBeUndefined();
    await setup({}).run();
    expect(exporter.getFinishedSpans()).toEqual([]);
    trace.setGlobalTracerProvider(provider);
    try {
      expect(getAutoTracer()).toBeDefined();
      await setup({}).run();
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['contracts billing.x']);
    } finally {
      trace.disable();
    }
  });
});
