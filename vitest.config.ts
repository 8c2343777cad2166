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
  },
});
