import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` (in examples/billing) writes a new migration after a schema change.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './drizzle',
});
