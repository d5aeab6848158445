import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Plugins import the SDK as users do (`response/sdk`); tests run from source, so point it there.
    alias: { 'response/sdk': fileURLToPath(new URL('./src/plugins/sdk/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // The cluster test runs separately (`npm run test:cluster`): it needs PostgreSQL and nginx.
    exclude: ['**/node_modules/**', 'test/cluster/**'],
    // Each file starts its own app, database and Slack server; two workers fit a 2-core machine.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The plugin SDK's public types are pinned by type tests (`*.test-d.ts`), checked by tsc on every run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.typecheck.json' },
  },
});
