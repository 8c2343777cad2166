import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    conditions: ['@lssm/source'],
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
