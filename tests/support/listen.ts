// A real node:http server on 127.0.0.1 (port 0) for end-to-end tests, closed with its connections.
import { createServer, type RequestListener } from 'node:http';

/** A listening server: its origin (`http://127.0.0.1:<port>`), port, and a close that drops connections. */
export interface Listening {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts `listener` on 127.0.0.1, port 0. */
export async function listen(listener: RequestListener): Promise<Listening> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
