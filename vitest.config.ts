import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tutorial fixture and the billing example import their app modules as `@/lib/...`, like a
// Next.js app: `@/` is the app folder of the importing file (the tutorial's by default).
const tutorialApp = fileURLToPath(new URL('./tests/tutorial/app/', import.meta.url));
const billingApp = fileURLToPath(new URL('./examples/billing/', import.meta.url));

export default defineConfig({
  plugins: [
    {
      name: 'billing-app-alias',
      enforce: 'pre',
      resolveId(source, importer) {
        if (importer?.startsWith(billingApp) !== true) return null;
        const rest = source.startsWith('@/')
          ? source.slice(2)
          : source.startsWith(tutorialApp)
            ? source.slice(tutorialApp.length)
            : undefined;
        return rest === undefined ? null : this.resolve(billingApp + rest, importer, { skipSelf: true });
      },
    },
  ],
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
    include: [
      'packages/*/src/**/*.test.ts',
      'tests/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    pool: 'forks',
    // graphql-http imports `graphql` itself: processed like our sources, it gets the same copy of
    // graphql (one module instance; graphql-js refuses types from a second copy).
    server: { deps: { inline: ['graphql-http'] } },
  },
});
