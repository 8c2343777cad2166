// The local inbox Stripe's emulator delivers webhooks to: it forwards each delivery to the app's
// webhook route as a real Request, or holds it for the test to deliver later, twice or reordered.
import { createServer } from 'node:http';
import { POST as webhookRoute } from '../../../examples/billing/app/api/webhooks/stripe/route.js';

/** One webhook delivery as Stripe sent it. */
export interface Delivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly id: string;
  readonly type: string;
  readonly objectId: string;
}

/**
 * Where Stripe's deliveries arrive (a server on 127.0.0.1): handed to the app's webhook route as
 * real Requests, or, while holding, kept (answered 200) for the test to deliver itself later,
 * twice, or in another order.
 */
export class WebhookInbox {
  readonly held: Delivery[] = [];
  holding = false;
  readonly #server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers[name] = value;
      const body = Buffer.concat(chunks).toString();
      // Stripe's event JSON (read for its id, type and object id only).
      const event = JSON.parse(body) as { id: string; type: string; data: { object: { id: string } } };
      const delivery = { headers, body, id: event.id, type: event.type, objectId: event.data.object.id };
      if (this.holding) this.held.push(delivery);
      const answer = this.holding ? undefined : await this.deliver(delivery);
      res.writeHead(answer?.status ?? 200, { 'content-type': 'application/json' }).end(answer?.text ?? '{}');
    });
  });

  /** Hands one delivery to the app's webhook route. */
  async deliver(delivery: Delivery): Promise<{ status: number; text: string }> {
    const answer = await webhookRoute(
      new Request('http://127.0.0.1/api/webhooks/stripe', {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      }),
    );
    return { status: answer.status, text: await answer.text() };
  }

  /** The held deliveries of one PaymentIntent, of one event type. */
  find(objectId: string, type: string): Delivery {
    const found = this.held.find((d) => d.objectId === objectId && d.type === type);
    if (found === undefined) throw new Error(`no ${type} held for ${objectId}`);
    return found;
  }

  listen(): Promise<string> {
    return new Promise((resolve) =>
      this.#server.listen(0, '127.0.0.1', () => {
        const address = this.#server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        resolve(`http://127.0.0.1:${port}/api/webhooks/stripe`);
      }),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** The app's webhook route, as Stripe reaches it. */
export { webhookRoute };
