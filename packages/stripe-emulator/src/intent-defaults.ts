import {
  ALLOWED_PAYMENT_METHOD_TYPES_ADDED,
  ASYNC_CAPTURE_DEFAULT,
  AUTOMATIC_PAYMENT_METHODS_DEFAULT,
  isBefore,
  PAYMENT_METHOD_TYPES_REMOVED,
} from './api-version.js';
import { invalidRequest } from './errors.js';
import type { FormObject } from './form.js';
import type { PaymentIntentObject } from './objects.js';
import { booleanParam, objectParam, stringArray, stringParam } from './params.js';

type PaymentMethodSettings = Pick<
  PaymentIntentObject,
  | 'automatic_payment_methods'
  | 'payment_method_types'
  | 'allowed_payment_method_types'
  | 'excluded_payment_method_types'
>;

/**
 * Rejects the parameters `apiVersion` does not have: `payment_method_types` from Endive
 * (2026-09-30) on, `allowed_payment_method_types` before Dahlia (2026-07-29).
 */
export function checkPaymentMethodTypeParams(params: FormObject, apiVersion: string): void {
  if (params.payment_method_types !== undefined && !isBefore(apiVersion, PAYMENT_METHOD_TYPES_REMOVED)) {
    throw invalidRequest(
      'payment_method_types is no longer supported on this API version. Use dynamic payment methods, allowed_payment_method_types or excluded_payment_method_types instead.',
      'payment_method_types',
      'payment_method_types_no_longer_supported',
    );
  }
  if (
    params.allowed_payment_method_types !== undefined &&
    isBefore(apiVersion, ALLOWED_PAYMENT_METHOD_TYPES_ADDED)
  ) {
    throw invalidRequest(
      'Received unknown parameter: allowed_payment_method_types',
      'allowed_payment_method_types',
      'parameter_unknown',
    );
  }
}

function exclusive(params: FormObject, names: string[]): void {
  const given = names.filter((name) => params[name] !== undefined);
  if (given.length > 1) {
    throw invalidRequest(
      `You may only specify one of these parameters: ${given.join(', ')}.`,
      given[1],
      'parameters_exclusive',
    );
  }
}

function automatic(apm: FormObject): NonNullable<PaymentIntentObject['automatic_payment_methods']> {
  const enabled = booleanParam(apm, 'enabled', 'automatic_payment_methods[enabled]');
  if (enabled === undefined) {
    throw invalidRequest(
      'Missing required param: automatic_payment_methods[enabled].',
      'automatic_payment_methods[enabled]',
      'parameter_missing',
    );
  }
  const allow = apm.allow_redirects ?? 'always';
  if (allow !== 'always' && allow !== 'never') {
    throw invalidRequest(
      'Invalid automatic_payment_methods[allow_redirects]: must be one of always or never',
      'automatic_payment_methods[allow_redirects]',
    );
  }
  return { enabled, allow_redirects: allow };
}

/**
 * The payment method settings of a new intent. `automatic_payment_methods` is as given, else on
 * (redirects allowed) by default from API 2023-08-16 unless a type list is given. The emulator
 * only has cards, so `payment_method_types` is `['card']` or the given list filtered to cards.
 */
export function paymentMethodSettings(params: FormObject, apiVersion: string): PaymentMethodSettings {
  checkPaymentMethodTypeParams(params, apiVersion);
  exclusive(params, ['automatic_payment_methods', 'payment_method_types', 'allowed_payment_method_types']);
  exclusive(params, ['allowed_payment_method_types', 'excluded_payment_method_types']);
  const apm = objectParam(params, 'automatic_payment_methods');
  const types = stringArray(params, 'payment_method_types');
  const allowed = stringArray(params, 'allowed_payment_method_types') ?? null;
  const excluded = stringArray(params, 'excluded_payment_method_types') ?? null;
  const byDefault =
    types === undefined && allowed === null && !isBefore(apiVersion, AUTOMATIC_PAYMENT_METHODS_DEFAULT);
  return {
    automatic_payment_methods:
      apm !== undefined ? automatic(apm) : byDefault ? { enabled: true, allow_redirects: 'always' } : null,
    payment_method_types: types ?? allowed?.filter((type) => type === 'card') ?? ['card'],
    allowed_payment_method_types: allowed,
    excluded_payment_method_types: excluded,
  };
}

/** The intent's `capture_method`: as given, else `automatic_async` from API 2024-04-10, `automatic` before. */
export function captureMethod(params: FormObject, apiVersion: string): PaymentIntentObject['capture_method'] {
  const value = stringParam(params, 'capture_method');
  if (value === undefined)
    return isBefore(apiVersion, ASYNC_CAPTURE_DEFAULT) ? 'automatic' : 'automatic_async';
  if (value === 'automatic' || value === 'automatic_async') return value;
  throw invalidRequest(
    `capture_method '${value}' is not supported by the Stripe emulator.`,
    'capture_method',
  );
}
