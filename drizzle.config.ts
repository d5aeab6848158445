import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from src/store/schema.ts; both drivers apply the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
});
