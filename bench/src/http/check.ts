import { isDeepStrictEqual } from 'node:util';
import type { Peer } from './peers.js';
import { AUTHORIZATION } from './wire.js';

/** What one peer answered to the hand checks (printed before any load). */
export interface CheckReport {
  readonly validStatus: number;
  readonly invalidStatus: number;
  readonly invalidIssues: number | undefined;
  readonly noBearerStatus: number;
}

async function post(port: number, peer: Peer, body: string, bearer: boolean): Promise<[number, unknown]> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = AUTHORIZATION;
  const res = await fetch(`http://127.0.0.1:${port}${peer.path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return [res.status, text === '' ? undefined : JSON.parse(text)];
}

/**
 * Checks one running peer by hand before it is measured: the valid body gets 200 with exactly the
 * expected JSON, the invalid body gets 400 (listing at least four issues when it lists them), and
 * the valid body without the bearer gets 401. Throws on the first difference.
 */
export async function checkPeer(port: number, peer: Peer): Promise<CheckReport> {
  const [validStatus, output] = await post(port, peer, peer.validBody, true);
  if (validStatus !== 200 || !isDeepStrictEqual(output, peer.expected))
    throw new Error(`${peer.name}: valid body answered ${validStatus} ${JSON.stringify(output)}`);
  const [invalidStatus, error] = await post(port, peer, peer.invalidBody, true);
  const invalidIssues = peer.issues(error);
  if (invalidStatus !== 400 || (invalidIssues !== undefined && invalidIssues < 4))
    throw new Error(`${peer.name}: invalid body answered ${invalidStatus} ${JSON.stringify(error)}`);
  const [noBearerStatus, denied] = await post(port, peer, peer.validBody, false);
  if (noBearerStatus !== 401)
    throw new Error(`${peer.name}: no bearer answered ${noBearerStatus} ${JSON.stringify(denied)}`);
  return { validStatus, invalidStatus, invalidIssues, noBearerStatus };
}
