import type { ServerResponse } from 'node:http';

/**
 * A function giving an AbortSignal that fires if the client goes away before the answer is
 * written. Nothing is made until it is called (most handlers never read `ctx.signal`).
 */
export function clientGoneSignal(res: ServerResponse): () => AbortSignal {
  let controller: AbortController | undefined;
  return () => {
    if (controller === undefined) {
      const made = new AbortController();
      controller = made;
      res.once('close', () => {
        if (!res.writableFinished) made.abort(new Error('the client closed the connection'));
      });
    }
    return controller.signal;
  };
}
