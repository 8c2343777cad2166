import type { NextConfig } from 'next';

/**
 * Our workspace packages are compiled from their TypeScript sources (the `@lssm/source` export
 * condition, as in tests), so `next build` always uses the code in this repository, never a stale
 * dist/. Their ESM imports end in `.js`; webpack's `extensionAlias` maps them to the `.ts` files
 * (Turbopack has no such option yet, hence `next build --webpack`).
 */
const config: NextConfig = {
  transpilePackages: [
    '@lssm/lib.schema',
    '@lssm/lib.contracts',
    '@lssm/lib.postgres',
    '@lssm/stripe-emulator',
  ],
  // Loaded by Node at run time, not bundled: PGlite reads its WebAssembly files from disk, graphql
  // must be one copy, and the rest (drivers of @lssm/lib.postgres) are plain Node packages.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pg',
    'graphql',
    'graphql-http',
    'stripe',
    'ioredis',
    'rate-limiter-flexible',
    '@nats-io/jetstream',
    '@nats-io/transport-node',
  ],
  webpack(webpackConfig: {
    resolve: { conditionNames?: string[]; extensionAlias?: Record<string, string[]> };
  }) {
    webpackConfig.resolve.conditionNames = [
      '@lssm/source',
      ...(webpackConfig.resolve.conditionNames ?? ['...']),
    ];
    webpackConfig.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return webpackConfig;
  },
};

export default config;
