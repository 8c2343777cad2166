import type { FormObject } from './form.js';
import type { ChargeObject, EventObject, PaymentIntentObject, RefundObject } from './objects.js';

/** An intent plus what Stripe keeps about it without showing it on the object. */
export interface IntentRecord {
  intent: PaymentIntentObject;
  /** The `return_url` of the last confirmation, where a 3D Secure redirect comes back to. */
  returnUrl: string | null;
  /** The charges made for it, oldest first. */
  chargeIds: string[];
}

/** Something that publishes events (the webhook sender). */
export interface EventSink {
  /**
   * Publishes an event whose `data.object` is `render(apiVersion)` for the event's API version,
   * caused by `request` (ids null for test helpers).
   */
  emit(
    type: string,
    render: (apiVersion: string) => unknown,
    request: { id: string | null; idempotency_key: string | null },
  ): EventObject;
}

/** The emulator's data: intents, charges and refunds in creation order, and the clock. */
export class EmulatorState {
  /** Intents by id, in creation order. */
  readonly intents = new Map<string, IntentRecord>();
  /** Charges by id, in creation order. */
  readonly charges = new Map<string, ChargeObject>();
  /** Refunds by id, in creation order. */
  readonly refunds = new Map<string, RefundObject>();

  constructor(
    /** The emulator's clock in milliseconds. */
    readonly clock: () => number,
    /** The emulator's base URL (`http://127.0.0.1:12111`), for receipt and 3DS links. */
    public baseUrl: string,
    /** Where events go. */
    readonly events: EventSink,
  ) {}

  /** The clock in whole seconds, as Stripe's `created` fields. */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }
}

/** What a handler knows about the API request it serves. */
export interface RequestContext {
  method: string;
  path: string;
  params: FormObject;
  apiVersion: string;
  requestId: string;
  idempotencyKey: string | null;
}
