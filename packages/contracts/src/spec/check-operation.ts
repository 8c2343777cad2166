import { unknownConditionNames } from '../policy/conditions.js';
import type { PolicySpec } from '../policy/types.js';
import { FRAMEWORK_ERROR_CODES } from '../runtime/errors.js';
import {
  checkName,
  checkOwners,
  checkPositiveInt,
  checkStability,
  checkVersion,
  ERROR_CODE,
  isIoSchema,
} from './checks.js';
import type { OperationConfig, OperationKind } from './operation.js';

const RESOURCE_NAME = /^[a-z][A-Za-z0-9]*$/;
const TRANSPORTS = new Set(['rest', 'graphql', 'mcp', 'webhook']);

function checkPolicy(where: string, policy: PolicySpec): void {
  if (typeof policy !== 'object' || policy === null)
    throw new TypeError(`${where}: policy is required (deny by default)`);
  if (typeof policy.auth !== 'string' || !/^[a-z][A-Za-z0-9_-]*$/.test(policy.auth)) {
    throw new TypeError(`${where}: policy.auth must be 'anonymous', 'user', 'admin' or a role name`);
  }
  const rules = policy.rules ?? [];
  if (!Array.isArray(rules)) throw new TypeError(`${where}: policy.rules must be an array`);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const at = `${where}: policy.rules[${i}]`;
    if (typeof rule !== 'object' || rule === null)
      throw new TypeError(`${at} must be { resource, action, condition }`);
    if (typeof rule.resource !== 'string' || !RESOURCE_NAME.test(rule.resource)) {
      throw new TypeError(`${at}.resource must be a lower camelCase resource type, e.g. 'invoice'`);
    }
    if (typeof rule.action !== 'string' || rule.action === '')
      throw new TypeError(`${at}.action must be a non-empty string`);
    const unknown = unknownConditionNames(rule.condition);
    if (unknown.length > 0) {
      throw new TypeError(
        `${at}: unknown condition ${unknown.map((n) => `"${n}"`).join(', ')} (built in: owner, sameTenant, admin; define others with defineCondition before the spec)`,
      );
    }
  }
}

function checkErrors(where: string, errors: unknown): void {
  if (errors === undefined) return;
  if (typeof errors !== 'object' || errors === null)
    throw new TypeError(`${where}: io.errors must be an object`);
  for (const [code, spec] of Object.entries(errors)) {
    if (!ERROR_CODE.test(code))
      throw new TypeError(`${where}: error code "${code}" must be UPPER_SNAKE_CASE`);
    if (FRAMEWORK_ERROR_CODES.has(code))
      throw new TypeError(`${where}: error code "${code}" is reserved by the framework`);
    const s = spec as { status?: unknown; description?: unknown; data?: unknown; transient?: unknown };
    if (typeof s.status !== 'number' || !Number.isInteger(s.status) || s.status < 400 || s.status > 499) {
      throw new TypeError(
        `${where}: error ${code} needs a 4xx status (domain errors are the caller's to fix)`,
      );
    }
    if (typeof s.description !== 'string' || s.description === '')
      throw new TypeError(`${where}: error ${code} needs a description`);
    if (s.data !== undefined && !isIoSchema(s.data))
      throw new TypeError(`${where}: error ${code} data must be a schema`);
    if (s.transient !== undefined && typeof s.transient !== 'boolean')
      throw new TypeError(`${where}: error ${code} transient must be true or false`);
  }
}

function checkOptions(where: string, kind: OperationKind, config: OperationConfig): void {
  if (config.idempotency !== undefined) {
    if (kind === 'query')
      throw new TypeError(`${where}: queries are idempotent already; idempotency is for commands`);
    if (config.idempotency.ttlSeconds !== undefined)
      checkPositiveInt(where, 'idempotency.ttlSeconds', config.idempotency.ttlSeconds);
  }
  if (config.rateLimit !== undefined) {
    checkPositiveInt(where, 'rateLimit.limit', config.rateLimit.limit);
    checkPositiveInt(where, 'rateLimit.windowSeconds', config.rateLimit.windowSeconds);
  }
  for (const path of config.audit?.redact ?? []) {
    if (typeof path !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
      throw new TypeError(`${where}: audit.redact paths are dotted field names, got ${JSON.stringify(path)}`);
    }
    if (
      path
        .split('.')
        .some((segment) => segment === '__proto__' || segment === 'constructor' || segment === 'prototype')
    ) {
      throw new TypeError(`${where}: audit.redact path ${JSON.stringify(path)} names a reserved key`);
    }
  }
  for (const key of Object.keys(config.exposure ?? {})) {
    if (!TRANSPORTS.has(key))
      throw new TypeError(`${where}: exposure.${key} is not a transport (rest, graphql, mcp, webhook)`);
  }
  const events = config.events ?? [];
  if (!Array.isArray(events) || events.some((e) => (e as { kind?: unknown })?.kind !== 'event')) {
    throw new TypeError(`${where}: events must be a list of defineEvent(...) specs`);
  }
  if (kind === 'query' && events.length > 0) throw new TypeError(`${where}: queries cannot emit events`);
}

/** Rejects malformed operation specs at definition time, naming the operation and the field. */
export function checkOperationConfig(kind: OperationKind, config: OperationConfig): void {
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.meta !== 'object' ||
    config.meta === null
  ) {
    throw new TypeError(`define${kind === 'command' ? 'Command' : 'Query'} needs { meta, io, policy }`);
  }
  const where = `${kind} ${String(config.meta.name)}`;
  checkName(where, config.meta.name);
  checkVersion(where, config.meta.version);
  checkStability(where, config.meta.stability);
  checkOwners(where, config.meta.owners);
  if (typeof config.meta.description !== 'string' || config.meta.description.trim() === '') {
    throw new TypeError(`${where}: meta.description is required`);
  }
  if (typeof config.io !== 'object' || config.io === null)
    throw new TypeError(`${where}: io { input, output } is required`);
  if (!isIoSchema(config.io.input))
    throw new TypeError(`${where}: io.input must be a SchemaModel or a Standard Schema`);
  if (!isIoSchema(config.io.output))
    throw new TypeError(`${where}: io.output must be a SchemaModel or a Standard Schema`);
  checkErrors(where, config.io.errors);
  checkPolicy(where, config.policy);
  checkOptions(where, kind, config);
}
