import type { Server } from 'node:http';

/** Starts one peer listening on `host:port` (port 0: any free port) and resolves once it listens. */
export type StartServer = (port: number, host: string) => Promise<Server>;

/** Resolves once `server` listens on `host:port`. */
export function listening(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
