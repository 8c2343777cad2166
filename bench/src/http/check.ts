import type { Expectation, Peer } from './peers.js';
import { AUTHORIZATION } from './wire.js';

/** What one peer answered to the hand checks (printed before any load). */
export interface CheckReport {
  readonly validStatus: number;
  readonly invalidStatus: number;
  readonly invalidIssues: number | undefined;
  readonly noBearerStatus: number;
  /** The exact texts of the valid and invalid answers: under load, equal texts need no parsing. */
  readonly validText: string;
  readonly invalidText: string;
}

/** The headers of every request to `peer`: its own, JSON, and the bearer when asked for. */
export function requestHeaders(peer: Peer, bearer: boolean): Record<string, string> {
  const headers: Record<string, string> = { ...peer.headers, 'content-type': 'application/json' };
  if (bearer) headers.authorization = AUTHORIZATION;
  return headers;
}

/** The problem with an answer (status, then body), or undefined when it meets `expected`. */
export function answerProblem(expected: Expectation, status: number, text: string): string | undefined {
  if (status !== expected.status) return `status ${status}, expected ${expected.status}`;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  return expected.check(body);
}

async function post(port: number, peer: Peer, body: string, bearer: boolean): Promise<[number, string]> {
  const headers = requestHeaders(peer, bearer);
  const res = await fetch(`http://127.0.0.1:${port}${peer.path}`, { method: 'POST', headers, body });
  return [res.status, await res.text()];
}

/**
 * Checks one running peer by hand before it is measured: the valid body, the invalid body and the
 * valid body without the bearer must each get the status and the body the peer expects (exactly
 * the op's output; an error listing at least four issues, or three for GraphQL, where it lists
 * them; an authentication error). Throws on the first difference.
 */
export async function checkPeer(port: number, peer: Peer): Promise<CheckReport> {
  const ask = async (what: string, body: string, bearer: boolean, expected: Expectation) => {
    const [status, text] = await post(port, peer, body, bearer);
    const problem = answerProblem(expected, status, text);
    if (problem !== undefined) throw new Error(`${peer.name}: ${what}: ${problem}: ${status} ${text}`);
    return [status, text] as const;
  };
  const [validStatus, validText] = await ask('valid body', peer.validBody, true, peer.valid);
  const [invalidStatus, invalidText] = await ask('invalid body', peer.invalidBody, true, peer.invalid);
  const [noBearerStatus] = await ask('no bearer', peer.validBody, false, peer.noBearer);
  const invalidIssues = peer.issues(JSON.parse(invalidText));
  return { validStatus, invalidStatus, invalidIssues, noBearerStatus, validText, invalidText };
}
