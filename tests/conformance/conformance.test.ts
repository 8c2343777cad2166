// One scenario table through REST, GraphQL, MCP and webhooks: same validation, same policy
// decisions, same errors, same audit records. A new transport must pass it to exist.
import { describe, expect, it } from 'vitest';
import { startGraphQL } from './drivers/graphql.js';
import { startMcp } from './drivers/mcp.js';
import { startRest } from './drivers/rest.js';
import type { Outcome, StartDriver } from './drivers/types.js';
import { startWebhooks } from './drivers/webhooks.js';
import { type Capabilities, SCENARIOS } from './scenarios.js';
import { makeWorld, SECRET } from './world.js';

const FULL: Capabilities = {
  users: true,
  issuePaths: true,
  output: true,
  deprecation: true,
  replayAudited: true,
  unknownKeysReachPipeline: true,
};
const TRANSPORTS: readonly (readonly [string, StartDriver, Capabilities])[] = [
  ['REST', startRest, FULL],
  ['GraphQL', startGraphQL, { ...FULL, unknownKeysReachPipeline: false }],
  ['MCP', startMcp, FULL],
  [
    'webhooks',
    startWebhooks,
    {
      users: false,
      issuePaths: false,
      output: false,
      deprecation: false,
      replayAudited: false,
      unknownKeysReachPipeline: true,
    },
  ],
];

describe.each(TRANSPORTS)('%s', (_label, start, caps) => {
  const scenarios = SCENARIOS.filter((s) => s.needs === undefined || caps[s.needs]);

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const world = makeWorld();
    const driver = await start(world);
    try {
      const outcomes: Outcome[] = [];
      for (const call of scenario.calls) outcomes.push(await driver.call(call));
      const last = outcomes.at(-1) as Outcome;

      expect(last.ok).toBe(scenario.ok);
      if (!scenario.ok) expect(last.code).toBe(scenario.code);
      for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(SECRET);
      if (scenario.paths !== undefined && caps.issuePaths)
        expect(new Set(last.issuePaths?.map((p) => p.join('.')))).toEqual(
          new Set(scenario.paths.map((p) => p.join('.'))),
        );
      if (scenario.replayed !== undefined) {
        expect(last.replayed).toBe(scenario.replayed);
        if (caps.output) expect(last.output).toEqual(outcomes[0]?.output);
      }
      if (scenario.ok && caps.output && scenario.op === 'capture')
        expect(last.output).toMatchObject({ status: 'succeeded' });
      if (scenario.deprecated !== undefined) expect(last.deprecated).toBe(true);
      expect(world.runs[scenario.op]).toBe(scenario.runs);

      const records = world
        .records()
        .filter((r) => r.operation.name === driver.opName(scenario.op) && r.transport === driver.transport);
      const expected = scenario.audit(caps);
      expect(records).toHaveLength(expected.length);
      expected.forEach((want, i) => {
        const record = records[i];
        expect(record?.outcome).toBe(want.outcome);
        expect(record?.errorCode).toBe(want.errorCode);
        expect(record?.replayed === true).toBe(want.replayed === true);
        if (want.rule === true) expect(record?.decision?.rule).toBeTruthy();
        expect(JSON.stringify(record)).not.toContain(SECRET);
      });
      // Nothing else was audited: one record per call, on this transport only.
      expect(world.records().filter((r) => r.transport !== driver.transport)).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});
