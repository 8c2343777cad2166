// What the stdio tests point `contracts-mcp` at: a registry module and a context module (here one
// file), as an app would (`contracts-mcp ./lib/registry.js --context ./lib/context.js`).
import { makeFixture } from './fixture.js';

export const registry = makeFixture().registry;
export { createContext } from './fixture.js';

// A module that logs while loading must not corrupt the protocol on stdout (the bin sends it to stderr).
console.log('stdio-app loaded');
