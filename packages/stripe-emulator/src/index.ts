export { DEFAULT_API_VERSION } from './api-version.js';
export { startStripeEmulator } from './emulator.js';
export type { StripeErrorBody, StripeErrorType } from './errors.js';
export type { FaultControls, FaultHandle, FaultSpec } from './faults.js';
export type { FormObject, FormValue } from './form.js';
export type { RecordedRequest } from './http-api.js';
export type {
  ChargeObject,
  EventObject,
  LastPaymentError,
  Metadata,
  NextAction,
  PaymentIntentObject,
  PaymentMethodObject,
  RefundObject,
} from './objects.js';
export { TEST_CARDS, type TestCard } from './test-cards.js';
export type { EmulatorSdkOptions, StripeEmulator, StripeEmulatorOptions } from './types.js';
export { type DeliveredEvent, signPayload } from './webhooks.js';
