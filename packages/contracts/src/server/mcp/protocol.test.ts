import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { negotiateVersion, PROTOCOL_VERSIONS } from './protocol.js';

describe('protocol versions', () => {
  it("speaks the installed SDK's newest version first, and only versions the SDK knows", () => {
    // Fails on an SDK upgrade that brings a new protocol version: review what changed, then add it.
    expect(PROTOCOL_VERSIONS[0]).toBe(LATEST_PROTOCOL_VERSION);
    for (const version of PROTOCOL_VERSIONS) expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(version);
  });

  it('answers the client version when spoken, else the newest', () => {
    expect(negotiateVersion('2025-06-18')).toBe('2025-06-18');
    expect(negotiateVersion('2024-10-07')).toBe(LATEST_PROTOCOL_VERSION);
    expect(negotiateVersion(undefined)).toBe(LATEST_PROTOCOL_VERSION);
  });
});
