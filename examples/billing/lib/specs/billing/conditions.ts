// Named policy conditions of the billing app (the built-in ones are owner, sameTenant, admin).
import { defineCondition } from '@lssm/lib.contracts';

/** How long after payment an invoice's owner may refund it themselves. */
export const REFUND_WINDOW_DAYS = 14;

const DAY_MS = 86_400_000;

/** True when the resource's `paidAt` lies within the refund window. */
function withinRefundWindow({ resource }: { resource: unknown }): boolean {
  const paidAt = (resource as { paidAt?: unknown } | null)?.paidAt;
  return paidAt instanceof Date && Date.now() - paidAt.getTime() <= REFUND_WINDOW_DAYS * DAY_MS;
}

// One predicate per process even if this module is evaluated again (dev reloads, several bundles):
// defineCondition refuses a second, different function under the same name.
const shared = globalThis as { __billingRefundWindow?: typeof withinRefundWindow };
shared.__billingRefundWindow ??= withinRefundWindow;

/** `withinRefundWindow`: the invoice was paid at most {@link REFUND_WINDOW_DAYS} days ago. */
export const WITHIN_REFUND_WINDOW = defineCondition('withinRefundWindow', shared.__billingRefundWindow);
