import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: three replicas behind nginx on PostgreSQL (see test/cluster/).
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
