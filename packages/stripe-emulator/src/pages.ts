import type { IncomingMessage, ServerResponse } from 'node:http';
import { completeAuthentication } from './authentication.js';
import { receiptHtml } from './charges.js';
import { StripeApiError } from './errors.js';
import { escapeHtml, htmlPage } from './html.js';
import type { PaymentIntentObject } from './objects.js';
import type { EmulatorState } from './state.js';

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function threeDsPage(state: EmulatorState, id: string): string {
  const record = state.intents.get(id);
  if (record === undefined || record.intent.status !== 'requires_action') {
    return htmlPage('3D Secure', '<p>This payment does not need authentication.</p>');
  }
  const action = (outcome: string, label: string) =>
    `<form method="post" action="/emulator/3ds/${id}/${outcome}"><button type="submit">${label}</button></form>`;
  return htmlPage(
    '3D Secure test page',
    `<h1>3D Secure 2 test page (Stripe emulator)</h1><p>Payment ${id}</p>${action('complete', 'Complete')}${action('fail', 'Fail')}`,
  );
}

function finishThreeDs(state: EmulatorState, res: ServerResponse, id: string, success: boolean): void {
  let intent: PaymentIntentObject;
  try {
    intent = completeAuthentication(state, id, success);
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    html(res, error.status, htmlPage('3D Secure', `<p>${escapeHtml(error.message)}</p>`));
    return;
  }
  const returnUrl = state.intents.get(id)?.returnUrl ?? null;
  if (returnUrl === null) {
    html(res, 200, htmlPage('3D Secure', `<p>Authentication ${success ? 'completed' : 'failed'}.</p>`));
    return;
  }
  const target = new URL(returnUrl);
  target.searchParams.set('payment_intent', intent.id);
  target.searchParams.set('payment_intent_client_secret', intent.client_secret);
  target.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
  res.writeHead(303, { location: target.href });
  res.end();
}

/**
 * Serves the emulator's browser pages: `GET /receipts/:charge` (the receipt behind `receipt_url`)
 * and the 3D Secure page behind `next_action` (`GET /emulator/3ds/:intent`, whose buttons POST to
 * `.../complete` or `.../fail` and redirect to the `return_url`). Returns false when `path` is none.
 */
export function servePage(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  const receipt = /^\/receipts\/([^/]+)$/.exec(path);
  if (receipt !== null && req.method === 'GET') {
    const charge = state.charges.get(receipt[1] ?? '');
    if (charge === undefined || charge.receipt_url === null)
      html(res, 404, htmlPage('Not found', '<p>No such receipt.</p>'));
    else html(res, 200, receiptHtml(charge));
    return true;
  }
  const threeDs = /^\/emulator\/3ds\/([^/]+)(?:\/(complete|fail))?$/.exec(path);
  if (threeDs === null) return false;
  const [, id = '', outcome] = threeDs;
  if (outcome === undefined && req.method === 'GET') html(res, 200, threeDsPage(state, id));
  else if (outcome !== undefined && req.method === 'POST')
    finishThreeDs(state, res, id, outcome === 'complete');
  else html(res, 405, htmlPage('Method not allowed', '<p>Method not allowed.</p>'));
  return true;
}
