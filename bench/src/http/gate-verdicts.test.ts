import { describe, expect, it } from 'vitest';
import { judge } from './gate-verdicts.js';
import type { BodySummary, ServerSummary } from './summary.js';

function body(allocationRatio: number, cpuRatio: number): BodySummary {
  return {
    rounds: 2,
    requestsPerSecond: 1,
    ratio: 1,
    ratioMin: 1,
    ratioMax: 1,
    p50Ms: 1,
    p99Ms: 1,
    cpuUsPerRequest: 1,
    cpuRatio,
    allocatedBytesPerRequest: 1,
    allocationRatio,
  };
}

function server(name: string, valid: BodySummary, invalid: BodySummary): ServerSummary {
  return { server: name, family: 'rest', valid, invalid };
}

const baseline = [server('ours', body(1.3, 1.2), body(1.1, 1.1))];

describe('the regression gate', () => {
  it('passes figures within their tolerance of the baseline', () => {
    const now = [server('bare', body(1, 1), body(1, 1)), server('ours', body(1.35, 1.3), body(1.2, 1.25))];
    const verdicts = judge(now, baseline);
    expect(verdicts.map((v) => v.what)).toEqual([
      'ours valid: KB x bare',
      'ours valid: CPU x bare',
      'ours invalid: KB x bare',
      'ours invalid: CPU x bare',
    ]);
    expect(verdicts.every((v) => v.passed)).toBe(true);
  });

  it('fails a ratio that grew past its tolerance, or allocation past the 1.5x goal', () => {
    const grown = judge([server('ours', body(1.44, 1.2), body(1.1, 1.3))], baseline);
    expect(grown.filter((v) => !v.passed).map((v) => v.what)).toEqual([
      'ours valid: KB x bare',
      'ours invalid: CPU x bare',
    ]);
    const unknown = judge([server('ours-new', body(1.6, 9), body(1.4, 9))], baseline);
    expect(unknown.filter((v) => !v.passed).map((v) => v.what)).toEqual(['ours-new valid: KB x bare']);
  });

  it('fails a figure that was not measured', () => {
    const missing = judge([server('ours', body(Number.NaN, 1), body(1, 1))], baseline);
    expect(missing.find((v) => v.what === 'ours valid: KB x bare')?.passed).toBe(false);
  });
});
