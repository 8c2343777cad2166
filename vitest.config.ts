import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tutorial fixture imports its app modules as `@/lib/...`, like a Next.js app.
const tutorialApp = fileURLToPath(new URL('./tests/tutorial/app/', import.meta.url));

export default defineConfig({
  resolve: {
    conditions: ['@lssm/source'],
    alias: [{ find: /^@\/(.*)$/, replacement: `${tutorialApp}$1` }],
  },
  ssr: {
    resolve: {
      conditions: ['@lssm/source'],
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    pool: 'forks',
    // graphql-http imports `graphql` itself: processed like our sources, it gets the same copy of
    // graphql (one module instance; graphql-js refuses types from a second copy).
    server: { deps: { inline: ['graphql-http'] } },
  },
});
